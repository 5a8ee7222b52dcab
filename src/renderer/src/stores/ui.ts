import { defineStore } from 'pinia';
import { ref } from 'vue';

/** Overlays: the command palette and the keyboard-shortcut help; and a way to focus the lookup box. */
export const useUiStore = defineStore('ui', () => {
  const paletteOpen = ref(false);
  const helpOpen = ref(false);
  /** Bumped to ask the lookup bar to take focus (it watches this). */
  const focusLookup = ref(0);

  function openPalette(): void {
    helpOpen.value = false;
    paletteOpen.value = true;
  }

  function openHelp(): void {
    paletteOpen.value = false;
    helpOpen.value = true;
  }

  function closeOverlays(): boolean {
    const open = paletteOpen.value || helpOpen.value;
    paletteOpen.value = false;
    helpOpen.value = false;
    return open;
  }

  function requestLookupFocus(): void {
    focusLookup.value += 1;
  }

  return { paletteOpen, helpOpen, focusLookup, openPalette, openHelp, closeOverlays, requestLookupFocus };
});
