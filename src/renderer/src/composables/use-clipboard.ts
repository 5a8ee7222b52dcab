/**
 * Copying from the answer view. Indicators are copied defanged unless the analyst turns on "Copy
 * refanged": a pasted live link in a ticket or chat is one click from a visit to a malware host.
 * The choice is one for the whole session — every table's toggle shows and sets the same value.
 */
import { ref } from 'vue';

const copyRefanged = ref(false);

export function useCopyRefanged() {
  return copyRefanged;
}

/** True when the text reached the clipboard (it can be refused: no focus, no permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
