import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfo, AppNotice, WorkbenchError } from '@shared/ipc/contract';
import { callBridge } from '@renderer/services/bridge';
import { useSettingsStore } from './settings';

export type NetworkState = 'online' | 'offline-mode' | 'no-network';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const infoError = ref<WorkbenchError | null>(null);
  /** `navigator.onLine`, kept current by the `use-browser-online` composable. */
  const browserOnline = ref(true);
  const dismissedNotices = ref<number[]>([]);
  const settingsOpen = ref(false);

  const notices = computed<AppNotice[]>(() =>
    (info.value?.notices ?? []).filter((_, index) => !dismissedNotices.value.includes(index)),
  );

  /** Offline mode is the analyst's promise and wins over what the browser thinks of the network. */
  const networkState = computed<NetworkState>(() => {
    if (useSettingsStore().offline) return 'offline-mode';
    return browserOnline.value ? 'online' : 'no-network';
  });

  async function load(): Promise<void> {
    const result = await callBridge((api) => api.app.info());
    if (result.ok) {
      info.value = result.value;
      infoError.value = null;
    } else {
      infoError.value = result.error;
    }
  }

  function dismissNotices(): void {
    dismissedNotices.value = (info.value?.notices ?? []).map((_, index) => index);
  }

  function setBrowserOnline(online: boolean): void {
    browserOnline.value = online;
  }

  function openSettings(): void {
    settingsOpen.value = true;
  }

  function closeSettings(): void {
    settingsOpen.value = false;
  }

  return {
    info,
    infoError,
    browserOnline,
    dismissedNotices,
    settingsOpen,
    notices,
    networkState,
    load,
    dismissNotices,
    setBrowserOnline,
    openSettings,
    closeSettings,
  };
});
