import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { onTestFinished, vi } from 'vitest';
import type { Component } from 'vue';
import App from '@renderer/App.vue';
import { setBridge } from '@renderer/services/bridge';
import { resetDatabase } from '@renderer/db/database';
import { createFakeBridge, type FakeBridge } from './fake-bridge';

export interface Mounted {
  wrapper: VueWrapper;
  pinia: Pinia;
  fake: FakeBridge;
  /** Finds one element by its data-testid. */
  byTestId: (id: string) => ReturnType<VueWrapper['find']>;
}

/** Mounts a component (the whole app by default) on a real Pinia with the fake bridge behind it. */
export async function mountWithBridge(
  fake: FakeBridge = createFakeBridge(),
  component: Component = App,
): Promise<Mounted> {
  setBridge(fake.api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(component, { global: { plugins: [pinia] }, attachTo: document.body });
  onTestFinished(async () => {
    // A test may have unmounted it already (to "restart" the app on the same store).
    if (wrapper.vm.$.isMounted && !wrapper.vm.$.isUnmounted) wrapper.unmount();
    // Stores hold live queries on IndexedDB: stop them before the next test deletes the database.
    pinia._e.stop();
    setBridge(null);
    document.documentElement.removeAttribute('data-theme');
    await resetDatabase();
  });
  await flushPromises();
  return { wrapper, pinia, fake, byTestId: (id) => wrapper.find(`[data-testid="${id}"]`) };
}

/**
 * Lets the app finish what a click started: IndexedDB (fake-indexeddb) answers on timers, and a
 * lookup reads and writes the store several times, so promises alone do not drain it.
 */
export async function settle(rounds = 25): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * Submits the lookup bar and waits until the app shows an outcome: an answer, an error, or a lookup
 * in flight — then lets the writes that follow finish.
 */
export async function submitLookup(mounted: Mounted, text: string): Promise<void> {
  await mounted.byTestId('lookup-input').setValue(text);
  await mounted.byTestId('lookup-bar').trigger('submit');
  await vi.waitFor(
    () => {
      const shown = ['result-indicator', 'result-error', 'lookup-cancel'].some((id) => mounted.byTestId(id).exists());
      if (!shown) throw new Error(`no outcome on screen yet for ${text}`);
    },
    { timeout: 10_000, interval: 10 },
  );
  await settle();
}

export function pressKey(key: string, init: KeyboardEventInit = {}): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
}
