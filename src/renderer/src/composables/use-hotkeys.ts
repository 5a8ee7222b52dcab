import { onScopeDispose } from 'vue';

/** `mod` = Ctrl, or ⌘ on macOS. */
export interface Hotkey {
  key: string;
  mod?: boolean;
  /** Return false when there was nothing to do, so the key keeps its default behaviour. */
  handler: (event: KeyboardEvent) => boolean | void;
}

/** Window-level shortcuts, removed when the calling component unmounts. */
export function useHotkeys(hotkeys: Hotkey[]): void {
  const onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    const mod = event.ctrlKey || event.metaKey;
    const hit = hotkeys.find((h) => h.key === event.key && Boolean(h.mod) === mod && !event.altKey);
    if (hit && hit.handler(event) !== false) event.preventDefault();
  };
  window.addEventListener('keydown', onKeydown);
  onScopeDispose(() => window.removeEventListener('keydown', onKeydown));
}
