/**
 * Everything the command palette offers, built from the stores: the palette lists what can be done
 * now (a Refresh only with an answer on screen, Undo only with something to undo).
 */
import { computed, type ComputedRef } from 'vue';
import { useAppStore } from '@renderer/stores/app';
import { useCasesStore } from '@renderer/stores/cases';
import { useLookupStore } from '@renderer/stores/lookup';
import { useSettingsStore } from '@renderer/stores/settings';
import { useUiStore } from '@renderer/stores/ui';

export interface Command {
  id: string;
  title: string;
  /** Shown at the right, e.g. "Ctrl+Z". */
  shortcut?: string;
  /** Words the filter also matches. */
  keywords?: string;
  run: () => void | Promise<void>;
}

export function useCommands(): ComputedRef<Command[]> {
  const app = useAppStore();
  const cases = useCasesStore();
  const lookup = useLookupStore();
  const settings = useSettingsStore();
  const ui = useUiStore();

  return computed(() => {
    const list: Command[] = [
      { id: 'lookup', title: 'Look up indicators…', shortcut: 'Ctrl+L', keywords: 'search paste', run: () => ui.requestLookupFocus() },
    ];
    if (lookup.current && !settings.offline) {
      list.push({ id: 'refresh', title: `Refresh ${lookup.current.value} from TIP (1 request)`, keywords: 'reload again', run: () => lookup.refresh() });
    }
    list.push({ id: 'new-case', title: 'New case', keywords: 'create', run: () => void cases.create() });
    for (const summary of cases.list) {
      if (summary.row.id === cases.openCaseId) continue;
      list.push({ id: `open-${summary.row.id}`, title: `Open case: ${summary.row.name}`, keywords: 'switch', run: () => cases.openById(summary.row.id) });
    }
    const open = cases.openCase;
    if (open) {
      list.push(
        { id: 'export-case', title: `Export “${open.name}” as a case file…`, keywords: 'save tipcase', run: () => cases.exportCaseFile(open.id) },
        { id: 'export-stix', title: `Export “${open.name}” as a STIX 2.1 bundle…`, keywords: 'save opencti misp', run: () => cases.exportStix(open.id) },
      );
    }
    list.push({ id: 'import-case', title: 'Import a case file…', keywords: 'open tipcase', run: () => void cases.importFile() });
    if (cases.canUndo) list.push({ id: 'undo', title: 'Undo', shortcut: 'Ctrl+Z', run: () => cases.undo() });
    if (cases.canRedo) list.push({ id: 'redo', title: 'Redo', shortcut: 'Ctrl+Shift+Z', run: () => cases.redo() });
    if (settings.settings) {
      list.push({
        id: 'offline',
        title: settings.offline ? 'Turn offline mode off' : 'Turn offline mode on',
        keywords: 'network airplane',
        run: () => void settings.save({ offline: !settings.offline }),
      });
    }
    list.push(
      { id: 'settings', title: 'Open settings', shortcut: 'Ctrl+,', keywords: 'preferences credentials', run: () => app.openSettings() },
      { id: 'help', title: 'Keyboard shortcuts', shortcut: '?', keywords: 'help keys', run: () => ui.openHelp() },
    );
    return list;
  });
}
