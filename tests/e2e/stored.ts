/**
 * Reading the `tip-workbench` database from the page, as a check from outside the app may: plain
 * IndexedDB, no app code. Each constant is a script for `page.evaluate`.
 */

/** The case nodes' positions: entity id → position (or null). */
export const READ_POSITIONS = `new Promise((done, fail) => {
  const open = indexedDB.open('tip-workbench');
  open.onerror = () => fail(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction('caseNodes').objectStore('caseNodes').getAll();
    request.onsuccess = () => {
      const out = {};
      for (const node of request.result) out[node.entityId] = node.position;
      open.result.close();
      done(out);
    };
  };
})`;
