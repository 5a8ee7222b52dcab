import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Settings, SettingsPatch, WorkbenchError } from '@shared/ipc/contract';
import { callBridge } from '@renderer/services/bridge';

export const useSettingsStore = defineStore('settings', () => {
  /** What main last answered; null until the first load. */
  const settings = ref<Settings | null>(null);
  const loading = ref(false);
  const loadError = ref<WorkbenchError | null>(null);
  const saving = ref(false);
  const saveError = ref<WorkbenchError | null>(null);
  /** ISO time of the last successful save in this session. */
  const savedAt = ref<string | null>(null);

  const offline = computed(() => settings.value?.offline ?? false);

  async function load(): Promise<void> {
    loading.value = true;
    const result = await callBridge((api) => api.settings.get());
    loading.value = false;
    if (result.ok) {
      settings.value = result.value;
      loadError.value = null;
    } else {
      loadError.value = result.error;
    }
  }

  /** Sends the patch; main validates it and answers with the settings now in force. */
  async function save(patch: SettingsPatch): Promise<boolean> {
    saving.value = true;
    saveError.value = null;
    const result = await callBridge((api) => api.settings.set(patch));
    saving.value = false;
    if (!result.ok) {
      saveError.value = result.error;
      return false;
    }
    settings.value = result.value;
    savedAt.value = new Date().toISOString();
    return true;
  }

  return { settings, loading, loadError, saving, saveError, savedAt, offline, load, save };
});
