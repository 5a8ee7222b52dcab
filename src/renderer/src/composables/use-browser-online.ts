import { onScopeDispose } from 'vue';

/** Reports `navigator.onLine` now and on every change. */
export function useBrowserOnline(report: (online: boolean) => void): void {
  const update = (): void => report(navigator.onLine);
  update();
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onScopeDispose(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
}
