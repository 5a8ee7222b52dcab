import { onScopeDispose, ref, watchEffect } from 'vue';
import type { Theme } from '@shared/settings';

export type ResolvedTheme = 'light' | 'dark';

/**
 * Puts the resolved theme on <html data-theme>. "system" follows `prefers-color-scheme` live;
 * "light" and "dark" force it.
 */
export function useTheme(theme: () => Theme | undefined): void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const systemDark = ref(query.matches);
  const onChange = (event: MediaQueryListEvent): void => {
    systemDark.value = event.matches;
  };
  query.addEventListener('change', onChange);
  onScopeDispose(() => query.removeEventListener('change', onChange));

  watchEffect(() => {
    const wanted = theme() ?? 'system';
    const resolved: ResolvedTheme =
      wanted === 'system' ? (systemDark.value ? 'dark' : 'light') : wanted;
    document.documentElement.dataset.theme = resolved;
  });
}
