// Case files go to and from disk through main: the save and open dialogs are main's, the argument
// cap is raised for the saving channel alone, and a bad disk or a huge file gets its own message.
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPERATIONS } from '../../src/shared/ipc/contract';
import { ok } from '../../src/shared/ipc/result';
import { CASE_FILE_LIMITS } from '../../src/shared/case-file/limits';
import { openCaseFile, safeFileName, saveFile, type FileDialogs } from '../../src/main/files/case-files';
import { ARGUMENT_CAPS, MAX_ARGUMENT_BYTES, argumentCap, dispatch, type HandlerTable } from '../../src/main/ipc/register';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-casefiles-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dialogs(save: string | null, open: string | null = null): FileDialogs & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    pickSavePath: async (request) => {
      asked.push(request);
      return save;
    },
    pickCaseFile: async () => open,
  };
}

describe('saving a case file', () => {
  it('offers a safe file name with the right extension and writes the text where the analyst chose', async () => {
    const dir = folder();
    const target = join(dir, 'chosen.tipcase.json');
    const d = dialogs(target);
    const result = await saveFile(d, { kind: 'case', suggestedName: '../../etc/Phishing: wave?', content: '{"format":"tip-workbench-case"}' });
    expect(result).toEqual(ok({ saved: true, name: 'chosen.tipcase.json', bytes: 31 }));
    expect(readFileSync(target, 'utf8')).toBe('{"format":"tip-workbench-case"}');
    expect(d.asked).toEqual([{ kind: 'case', suggestedName: '..-..-etc-Phishing- wave-.tipcase.json' }]);
  });

  it('says nothing was saved when the analyst cancels', async () => {
    expect(await saveFile(dialogs(null), { kind: 'stix', suggestedName: 'x', content: '{}' })).toEqual(ok({ saved: false }));
  });

  it('reports a place it cannot write as STORAGE, naming the cause, and leaves nothing behind', async () => {
    const dir = folder();
    const result = await saveFile(dialogs(join(dir, 'no-such-folder', 'case.tipcase.json')), { kind: 'case', suggestedName: 'case', content: '{}' });
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE', message: 'The file could not be saved: the folder does not exist. Nothing was written there.' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['Phishing wave', 'case', 'Phishing wave.tipcase.json'],
    ['Phishing wave.tipcase.json', 'case', 'Phishing wave.tipcase.json'],
    ['Phishing wave', 'stix', 'Phishing wave.stix.json'],
    ['', 'case', 'case.tipcase.json'],
    ['a\u0000b\u001fc', 'case', 'abc.tipcase.json'],
  ] as const)('names %j as %s: %s', (name, kind, expected) => {
    expect(safeFileName(name, kind)).toBe(expected);
  });
});

describe('opening a case file', () => {
  it('reads the file the analyst picked', async () => {
    const file = join(folder(), 'in.tipcase.json');
    writeFileSync(file, '{"a":1}');
    expect(await openCaseFile(dialogs(null, file))).toEqual(ok({ name: 'in.tipcase.json', content: '{"a":1}' }));
  });

  it('says so when the file is over the size limit, without reading it', async () => {
    const file = join(folder(), 'huge.tipcase.json');
    writeFileSync(file, '');
    truncateSync(file, CASE_FILE_LIMITS.bytes + 1);
    const result = await openCaseFile(dialogs(null, file));
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/at most 128 MiB/) } });
  });

  it('reports a file that went missing as STORAGE', async () => {
    const result = await openCaseFile(dialogs(null, join(folder(), 'gone.tipcase.json')));
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
  });

  it('returns null when the analyst cancels', async () => {
    expect(await openCaseFile(dialogs(null, null))).toEqual(ok(null));
  });
});

describe('the argument cap', () => {
  const event = { sender: { id: 1 }, senderFrame: { url: 'app://x', parent: null } };
  const trusted = { isTrustedSender: () => true };
  const table = Object.fromEntries(OPERATIONS.map((op) => [op, vi.fn(async () => ok({ saved: true }))])) as unknown as HandlerTable;

  it('is raised for the case-file channel only, to a stated maximum', () => {
    expect(Object.keys(ARGUMENT_CAPS)).toEqual(['cases.saveFile']);
    expect(argumentCap('cases.saveFile')).toBeGreaterThanOrEqual(CASE_FILE_LIMITS.bytes);
    for (const op of OPERATIONS.filter((o) => o !== 'cases.saveFile')) expect(argumentCap(op)).toBe(MAX_ARGUMENT_BYTES);
  });

  it('lets a 1 MiB case file through to be saved, and refuses the same size anywhere else', async () => {
    const content = 'x'.repeat(1024 * 1024);
    const saved = await dispatch('cases.saveFile', table, trusted, event, [{ kind: 'case', suggestedName: 'c', content }]);
    expect(saved.ok).toBe(true);
    const elsewhere = await dispatch('app.openExternal', table, trusted, event, [{ url: content }]);
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/over the 65536-byte limit/) } });
  });

  it('refuses a case file over the case-file limit before it reaches the handler', async () => {
    const handler = vi.fn();
    const refusing = { ...table, 'cases.saveFile': handler } as HandlerTable;
    const content = 'x'.repeat(CASE_FILE_LIMITS.bytes + 1);
    const result = await dispatch('cases.saveFile', refusing, trusted, event, [{ kind: 'case', suggestedName: 'c', content }]);
    expect(result.ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('saving the graph as a picture', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

  it('writes the decoded bytes of a PNG', async () => {
    const target = join(folder(), 'graph.png');
    const result = await saveFile(dialogs(target), { kind: 'png', suggestedName: 'Case graph', content: PNG.toString('base64') });
    expect(result).toEqual(ok({ saved: true, name: 'graph.png', bytes: PNG.length }));
    expect(readFileSync(target)).toEqual(PNG);
  });

  it('refuses bytes that are not a PNG, and writes nothing', async () => {
    const dir = folder();
    const result = await saveFile(dialogs(join(dir, 'graph.png')), { kind: 'png', suggestedName: 'x', content: Buffer.from('<svg/>').toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the file with .png', () => {
    expect(safeFileName('Invoice wave graph', 'png')).toBe('Invoice wave graph.png');
  });

  it('writes an SVG picture as text, named .svg, and refuses text that is not one', async () => {
    const dir = folder();
    const picture = '<svg xmlns="http://www.w3.org/2000/svg"><title>Case</title></svg>\n';
    const saved = await saveFile(dialogs(join(dir, 'graph.svg')), { kind: 'svg', suggestedName: 'Case graph', content: picture });
    expect(saved).toEqual(ok({ saved: true, name: 'graph.svg', bytes: Buffer.byteLength(picture) }));
    expect(readFileSync(join(dir, 'graph.svg'), 'utf8')).toBe(picture);
    const refused = await saveFile(dialogs(join(dir, 'other.svg')), { kind: 'svg', suggestedName: 'x', content: '{"not":"a picture"}' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(readdirSync(dir)).toEqual(['graph.svg']);
    expect(safeFileName('Invoice wave graph.svg', 'svg')).toBe('Invoice wave graph.svg');
  });
});
