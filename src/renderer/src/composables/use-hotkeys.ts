import { onScopeDispose } from 'vue';

/** `mod` = Ctrl, or ⌘ on macOS. */
export interface Hotkey {
  key: string;
  mod?: boolean;
  /** When set, Shift must be (or must not be) held; letters match in either case. */
  shift?: boolean;
  /** Return false when there was nothing to do, so the key keeps its default behaviour. */
  handler: (event: KeyboardEvent) => boolean | void;
}

/** Window-level shortcuts, removed when the calling component unmounts. */
export function useHotkeys(hotkeys: Hotkey[]): void {
  const onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    const mod = event.ctrlKey || event.metaKey;
    const hit = hotkeys.find(
      (h) =>
        (h.key === event.key || (h.key.length === 1 && h.key.toLowerCase() === event.key.toLowerCase())) &&
        Boolean(h.mod) === mod &&
        (h.shift === undefined || h.shift === event.shiftKey) &&
        !event.altKey,
    );
    if (hit && hit.handler(event) !== false) event.preventDefault();
  };
  window.addEventListener('keydown', onKeydown);
  onScopeDispose(() => window.removeEventListener('keydown', onKeydown));
}

/** True when the key event belongs to a text field, whose own editing keys (Ctrl+Z…) must win. */
export function inTextField(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
}
