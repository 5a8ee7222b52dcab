/**
 * Saving text the analyst asked for (a raw answer, a STIX bundle) to a file of their choosing. Main
 * shows the save dialog and writes the file; the renderer never touches the disk itself.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Result, SavedFile, SaveFileRequest } from '@shared/ipc/contract';
import { callBridge } from '@renderer/services/bridge';
import { useToastsStore } from './toasts';

export const useFilesStore = defineStore('files', () => {
  const saving = ref(false);

  /** Saves through main's dialog; says how it went in a toast (nothing when the dialog was cancelled). */
  async function saveText(request: SaveFileRequest): Promise<Result<SavedFile>> {
    saving.value = true;
    try {
      const result = await callBridge((api) => api.cases.saveFile(request));
      const toasts = useToastsStore();
      if (!result.ok) toasts.show({ level: 'error', message: result.error.message });
      else if (result.value.saved) toasts.show({ level: 'success', message: `Saved ${result.value.name ?? request.suggestedName}` });
      return result;
    } finally {
      saving.value = false;
    }
  }

  return { saving, saveText };
});
