// Cases as the analyst handles them: New case, the open case as a heading, rename, undo and redo
// (buttons and keys), delete with confirmation and undo, reopening after a restart, export, and a
// bad case file refused with the store unchanged.
import { describe, expect, it } from 'vitest';
import { db } from '@renderer/db/database';
import { createFakeBridge } from './support/fake-bridge';
import { mountWithBridge, pressKey, settle, submitLookup, type Mounted } from './support/mount-app';

const heading = (m: Mounted) => m.byTestId('case-title').text();

async function click(m: Mounted, testId: string): Promise<void> {
  await m.byTestId(testId).trigger('click');
  await settle();
}

async function menu(m: Mounted, caseName: string, action: string): Promise<void> {
  const item = m.wrapper.findAll('[data-testid="case-item"]').find((b) => b.text().includes(caseName));
  const row = item?.element.closest('li');
  const button = row?.querySelector<HTMLButtonElement>(`button[aria-label="Actions for ${caseName}"]`);
  button?.click();
  await settle(3);
  const entry = Array.from(document.querySelectorAll<HTMLElement>('[role="menuitem"]')).find((e) => e.textContent?.trim() === action);
  if (!entry) throw new Error(`no menu item ${action}`);
  entry.click();
  await settle();
}

describe('cases', () => {
  it('lands a lookup with no case open in “Unsorted lookups”, shown as the heading', async () => {
    const m = await mountWithBridge();
    expect(heading(m)).toBe('No case open');
    await submitLookup(m, '203.0.113.45');
    expect(heading(m)).toBe('Unsorted lookups');
    // The indicator and what its answer names around it (ip.json: a domain and a file).
    const nodes = m.wrapper.findAll('[data-testid="case-node"]').map((n) => n.text());
    expect(nodes).toHaveLength(3);
    expect(nodes).toEqual(expect.arrayContaining([expect.stringContaining('203.0.113.45'), expect.stringContaining('bad.example.com'), expect.stringContaining('0a1b2c3d4e5f60718293a4b5c6d7e8f9')]));
    expect(m.byTestId('node-provenance').text()).toMatch(/^Added by looking up 203\.0\.113\.45 on \d{1,2} \w{3} \d{4}$/);
  });

  it('creates a case with New case and files the next lookup there', async () => {
    const m = await mountWithBridge();
    await click(m, 'case-new');
    expect(heading(m)).toBe('New case');
    await submitLookup(m, '203.0.113.45');
    expect((await db().cases.toArray()).map((c) => c.name)).toEqual(['New case']);
    expect(m.wrapper.findAll('[data-testid="case-item"]')[0]?.text()).toMatch(/New case\s*3 indicators · just now/);
  });

  it('renames from the menu; Undo and Ctrl+Z take it back, Redo and Ctrl+Shift+Z bring it again', async () => {
    const m = await mountWithBridge();
    await click(m, 'case-new');
    await menu(m, 'New case', 'Rename');
    const input = m.byTestId('case-rename-input');
    await input.setValue('Invoice wave');
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(heading(m)).toBe('Invoice wave');

    await click(m, 'case-undo');
    expect(heading(m)).toBe('New case');
    await click(m, 'case-redo');
    expect(heading(m)).toBe('Invoice wave');
    pressKey('z', { ctrlKey: true });
    await settle();
    expect(heading(m)).toBe('New case');
    pressKey('Z', { ctrlKey: true, shiftKey: true });
    await settle();
    expect(heading(m)).toBe('Invoice wave');
    expect(m.byTestId('case-redo').attributes('disabled')).toBeDefined();
  });

  it('deletes only after confirmation, and Undo in the message brings the case back', async () => {
    const m = await mountWithBridge();
    await click(m, 'case-new');
    await menu(m, 'New case', 'Delete…');
    const dialog = document.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Delete “New case”?');
    Array.from(dialog?.querySelectorAll('button') ?? []).find((b) => b.textContent?.trim() === 'Cancel')?.click();
    await settle();
    expect(m.wrapper.findAll('[data-testid="case-item"]')).toHaveLength(1);

    await menu(m, 'New case', 'Delete…');
    Array.from(document.querySelectorAll('[role="alertdialog"] button')).find((b) => b.textContent?.trim() === 'Delete case')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settle();
    expect(m.wrapper.findAll('[data-testid="case-item"]')).toHaveLength(0);
    expect(heading(m)).toBe('No case open');
    expect(m.byTestId('toast').text()).toContain('Deleted “New case”');
    await click(m, 'toast-action');
    expect(m.wrapper.findAll('[data-testid="case-item"]')).toHaveLength(1);
    expect(heading(m)).toBe('New case');
  });

  it('reopens the case that was open when the app closed', async () => {
    const first = await mountWithBridge();
    await click(first, 'case-new');
    await click(first, 'case-new');
    const id = (await db().cases.toArray()).find((c) => c.id === localStorage.getItem('tip-workbench.openCase'))?.id;
    expect(id).toBeDefined();
    first.wrapper.unmount();
    const again = await mountWithBridge(createFakeBridge());
    await settle();
    expect(heading(again)).toBe('New case');
    expect(again.wrapper.find('[aria-current="true"]').attributes('id')).toBe(`case-${id}`);
  });

  it('exports the case through main as a case file that validates', async () => {
    const fake = createFakeBridge();
    const m = await mountWithBridge(fake);
    await submitLookup(m, '203.0.113.45');
    await menu(m, 'Unsorted lookups', 'Export case file…');
    const [name, content] = [...fake.state.files.entries()][0] ?? [];
    expect(name).toBe('Unsorted lookups.tipcase.json');
    const file = JSON.parse(content ?? '{}') as { format: string; lookups: unknown[]; nodes: unknown[] };
    expect(file).toMatchObject({ format: 'tip-workbench-case' });
    expect(file.lookups).toHaveLength(1);
    expect(m.byTestId('toast').text()).toContain('Saved “Unsorted lookups” (1 answer) to Unsorted lookups.tipcase.json.');
  });

  it('refuses a bad case file, says what and where, and changes nothing', async () => {
    const fake = createFakeBridge();
    fake.state.openFile = { name: 'broken.tipcase.json', content: JSON.stringify({ format: 'tip-workbench-case', version: 1, exportedAt: '2026-01-01T00:00:00Z', generator: 'x', case: { id: 'c', name: '', notes: '', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }, lookups: [], nodes: [], ops: [] }) };
    const m = await mountWithBridge(fake);
    await click(m, 'case-import');
    expect(m.byTestId('toast').text()).toContain('broken.tipcase.json: This case file cannot be imported — case.name: is empty. Nothing was changed.');
    expect(await db().cases.count()).toBe(0);
  });

  it('turns offline mode on from the status bar switch', async () => {
    const m = await mountWithBridge();
    const toggle = m.byTestId('offline-switch');
    expect(toggle.attributes('role')).toBe('switch');
    expect(toggle.attributes('aria-checked')).toBe('false');
    await toggle.trigger('click');
    await settle();
    expect(m.fake.api.settings.set).toHaveBeenCalledWith({ offline: true });
    expect(m.byTestId('offline-switch').attributes('aria-checked')).toBe('true');
  });
});
