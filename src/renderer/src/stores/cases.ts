/**
 * Cases: which one is open (reopened at the next start), the list, and every case action. Rows come
 * from IndexedDB through live queries, so a change made anywhere — a lookup, an import, an undo —
 * shows everywhere at once.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { CaseFile } from '@shared/case-file/types';
import { parseCaseFile } from '@shared/case-file/validate';
import type { WorkbenchError } from '@shared/ipc/contract';
import { lookupsToStixBundle } from '@shared/stix';
import { callBridge } from '@renderer/services/bridge';
import { db, strictDb } from '@renderer/db/database';
import { undoState, type UndoState } from '@renderer/db/case-ops';
import { exportCase, importCase } from '@renderer/db/case-file';
import * as cases from '@renderer/db/cases';
import { guardStorage } from '@renderer/db/errors';
import { requestPersistence } from '@renderer/db/maintenance';
import { warmSearch } from '@renderer/db/search';
import type { CaseRow } from '@renderer/db/rows';
import { useLiveQuery } from '@renderer/composables/use-live-query';
import { useAppStore } from './app';
import { useToastsStore } from './toasts';

const OPEN_CASE_KEY = 'tip-workbench.openCase';

function rememberedCase(): string | null {
  try {
    return localStorage.getItem(OPEN_CASE_KEY);
  } catch {
    return null;
  }
}

function remember(id: string | null): void {
  try {
    if (id === null) localStorage.removeItem(OPEN_CASE_KEY);
    else localStorage.setItem(OPEN_CASE_KEY, id);
  } catch {
    // Private storage refused: the case still opens, it just is not reopened next time.
  }
}

function fileStem(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').trim().slice(0, 80) || 'case';
}

export const useCasesStore = defineStore('cases', () => {
  const toasts = useToastsStore();
  const openCaseId = ref<string | null>(rememberedCase());
  /** Last failure of a case action, shown where the action was taken. */
  const lastError = ref<WorkbenchError | null>(null);

  watch(openCaseId, remember);

  const list = useLiveQuery(() => cases.listCases(db()), []);
  const deleted = useLiveQuery(() => cases.listDeletedCases(db()), [] as CaseRow[]);
  const open = useLiveQuery(
    async (id) => (id === null ? null : ((await db().cases.get(id)) ?? null)),
    null as CaseRow | null,
    () => openCaseId.value,
  );
  const history = useLiveQuery(
    async (id): Promise<UndoState> => (id === null ? { undo: null, redo: null } : undoState(db(), id)),
    { undo: null, redo: null },
    () => openCaseId.value,
  );

  const openCase = computed(() => (open.value.value && open.value.value.deletedAt === null ? open.value.value : null));
  const canUndo = computed(() => history.value.value.undo !== null);
  const canRedo = computed(() => history.value.value.redo !== null);

  function report(error: WorkbenchError): void {
    lastError.value = error;
    toasts.show({ level: 'error', message: error.message });
  }

  /** At start: ask for persistent storage, purge long-deleted cases, drop a stale open-case id. */
  async function init(): Promise<void> {
    void requestPersistence();
    const checked = await guardStorage('Opening the local store', async () => {
      await cases.purgeDeletedCases(strictDb());
      const id = openCaseId.value;
      if (id === null) return;
      const row = await db().cases.get(id);
      if (!row || row.deletedAt !== null) openCaseId.value = null;
    });
    if (!checked.ok) report(checked.error);
    // The first search reads every entity id; do it now, while the analyst reads the screen.
    setTimeout(() => void warmSearch(db()).catch(() => undefined), 1500);
  }

  function openById(id: string | null): void {
    openCaseId.value = id;
  }

  async function create(name = 'New case'): Promise<CaseRow | null> {
    const made = await guardStorage('The new case', () => cases.createCase(strictDb(), name));
    if (!made.ok) {
      report(made.error);
      return null;
    }
    openCaseId.value = made.value.id;
    return made.value;
  }

  /**
   * The open case, or the default case (opened) when none is: lookups always land in a case.
   * Throws what IndexedDB throws; callers run it under `guardStorage`.
   */
  async function ensureOpen(): Promise<string> {
    const current = openCaseId.value === null ? undefined : await db().cases.get(openCaseId.value);
    if (current && current.deletedAt === null) return current.id;
    const fallback = await cases.defaultCase(strictDb());
    openCaseId.value = fallback.id;
    return fallback.id;
  }

  async function rename(id: string, name: string): Promise<boolean> {
    if (cases.cleanName(name) === '') {
      report({ code: 'INVALID_INPUT', message: 'A case needs a name.', retryable: false });
      return false;
    }
    const done = await guardStorage('The new name', () => cases.renameCase(strictDb(), id, name));
    if (!done.ok) report(done.error);
    return done.ok;
  }

  async function duplicate(id: string): Promise<void> {
    const done = await guardStorage('The copy of the case', () => cases.duplicateCase(strictDb(), id));
    if (!done.ok) return report(done.error);
    if (done.value) {
      openCaseId.value = done.value.id;
      toasts.show({ level: 'success', message: `Made “${done.value.name}”.` });
    }
  }

  async function restore(id: string): Promise<void> {
    const done = await guardStorage('Restoring the case', () => cases.restoreCase(strictDb(), id));
    if (!done.ok) return report(done.error);
    openCaseId.value = id;
  }

  /** Deletes (restorably) and offers Undo; the open case closes. */
  async function remove(id: string): Promise<void> {
    const done = await guardStorage('Deleting the case', async () => {
      const row = await db().cases.get(id);
      await cases.deleteCase(strictDb(), id);
      return row;
    });
    if (!done.ok) return report(done.error);
    const row = done.value;
    if (openCaseId.value === id) openCaseId.value = null;
    toasts.show({
      level: 'info',
      message: `Deleted “${row?.name ?? 'case'}”. It stays under Recently deleted for 30 days.`,
      action: { label: 'Undo', run: () => restore(id) },
    });
  }

  async function undo(): Promise<void> {
    const id = openCaseId.value;
    if (id === null) return;
    const done = await guardStorage('Undo', () => cases.undo(strictDb(), id));
    if (!done.ok) report(done.error);
  }

  async function redo(): Promise<void> {
    const id = openCaseId.value;
    if (id === null) return;
    const done = await guardStorage('Redo', () => cases.redo(strictDb(), id));
    if (!done.ok) report(done.error);
  }

  function generator(): string {
    const info = useAppStore().info;
    return info ? `${info.name} ${info.version}` : 'TIP Workbench';
  }

  async function readCase(id: string): Promise<CaseFile | null> {
    const read = await guardStorage('Reading the case', () => exportCase(db(), id, generator()));
    if (!read.ok) {
      report({ ...read.error, message: `The case could not be read from the local store (${read.error.message})` });
      return null;
    }
    return read.value;
  }

  async function exportCaseFile(id: string): Promise<void> {
    const file = await readCase(id);
    if (!file) return;
    const saved = await callBridge((api) =>
      api.cases.saveFile({ kind: 'case', suggestedName: `${fileStem(file.case.name)}.tipcase.json`, content: JSON.stringify(file) }),
    );
    if (!saved.ok) return report(saved.error);
    if (saved.value.saved) {
            const n = file.lookups.length;
      toasts.show({ level: 'success', message: `Saved “${file.case.name}” (${n} ${n === 1 ? 'answer' : 'answers'}) to ${saved.value.name}.` });
    }
  }

  async function exportStix(id: string): Promise<void> {
    const file = await readCase(id);
    if (!file) return;
    const bundle = lookupsToStixBundle(
      file.lookups.map((row) => ({ type: row.type, value: row.value, body: row.body, fetchedAt: row.fetchedAt })),
      { name: file.case.name, ...(file.case.notes ? { description: file.case.notes } : {}) },
    );
    const saved = await callBridge((api) =>
      api.cases.saveFile({ kind: 'stix', suggestedName: `${fileStem(file.case.name)}.stix.json`, content: JSON.stringify(bundle, null, 2) }),
    );
    if (!saved.ok) return report(saved.error);
    if (saved.value.saved) toasts.show({ level: 'success', message: `Saved the STIX 2.1 bundle of “${file.case.name}” to ${saved.value.name}.` });
  }

  /** Asks main for a file, checks all of it, then writes it in one transaction. */
  async function importFile(): Promise<boolean> {
    lastError.value = null;
    const opened = await callBridge((api) => api.cases.openFile());
    if (!opened.ok) {
      report(opened.error);
      return false;
    }
    if (opened.value === null) return false;
    const parsed = parseCaseFile(opened.value.content);
    if (!parsed.ok) {
      report({ ...parsed.error, message: `${opened.value.name}: ${parsed.error.message}` });
      return false;
    }
    const done = await guardStorage(`The case in ${opened.value.name}`, () => importCase(strictDb(), parsed.value));
    if (!done.ok) {
      report(done.error);
      return false;
    }
    openCaseId.value = done.value.caseId;
    const outcome = done.value;
    toasts.show({
      level: 'success',
      message:
        `Imported “${outcome.name}”: ${outcome.nodes} ${outcome.nodes === 1 ? 'indicator' : 'indicators'}, ${outcome.added} new ${outcome.added === 1 ? 'answer' : 'answers'}` +
        (outcome.known ? `, ${outcome.known} already stored` : '') +
        (outcome.copied ? ' — a case with the same id is open here, so this is a copy.' : '.'),
    });
    return true;
  }

  return {
    openCaseId,
    openCase,
    list: computed(() => list.value.value),
    deleted: computed(() => deleted.value.value),
    canUndo,
    canRedo,
    undoState: computed(() => history.value.value),
    lastError,
    init,
    openById,
    create,
    ensureOpen,
    rename,
    duplicate,
    remove,
    restore,
    undo,
    redo,
    exportCaseFile,
    exportStix,
    importFile,
  };
});
