import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { onTestFinished } from 'vitest';
import type { Component } from 'vue';
import App from '@renderer/App.vue';
import { setBridge } from '@renderer/services/bridge';
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
  onTestFinished(() => {
    wrapper.unmount();
    setBridge(null);
    document.documentElement.removeAttribute('data-theme');
  });
  await flushPromises();
  return { wrapper, pinia, fake, byTestId: (id) => wrapper.find(`[data-testid="${id}"]`) };
}

export function pressKey(key: string, init: KeyboardEventInit = {}): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
}
