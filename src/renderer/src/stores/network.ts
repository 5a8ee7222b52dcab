/**
 * How lookups reach TIP: the proxy in force and the extra CA certificates, as main reports them.
 * The proxy password passes through `setProxyCredentials` as an argument straight to main and is
 * never assigned to state.
 */
import { defineStore } from 'pinia';
import type { NetworkStatus, SettingsPatch } from '@shared/ipc/contract';
import { callBridge } from '@renderer/services/bridge';
import { useActionState } from './action-state';
import { useSettingsStore } from './settings';

export type NetworkAction = 'load' | 'proxy' | 'credentials' | 'delete-credentials' | 'add-ca' | 'remove-ca';

export const useNetworkStore = defineStore('network', () => {
  const { status, busy, failure, notice, perform, applyStatus } = useActionState<NetworkAction, NetworkStatus>();

  async function load(): Promise<void> {
    const next = await perform('load', () => callBridge((api) => api.network.status()));
    if (next) status.value = next;
  }

  /** Proxy mode, address and bypass list are settings: saved through main's settings store. */
  async function saveProxy(patch: Pick<SettingsPatch, 'proxyMode' | 'proxyUrl' | 'noProxy'>): Promise<boolean> {
    const saved = await perform('proxy', () => callBridge((api) => api.settings.set(patch)));
    if (!saved) return false;
    useSettingsStore().settings = saved;
    const next = await callBridge((api) => api.network.status());
    if (next.ok) status.value = next.value;
    notice.value = { action: 'proxy', message: 'Proxy settings saved' };
    return true;
  }

  /** Main opens the file dialog. Resolves false when it failed or the analyst cancelled. */
  async function chooseCa(): Promise<boolean> {
    const next = await perform('add-ca', () => callBridge((api) => api.network.chooseCa()));
    if (next === undefined) return false;
    if (next === null) {
      notice.value = { action: 'add-ca', message: 'No certificate added' };
      return false;
    }
    status.value = next;
    notice.value = { action: 'add-ca', message: 'CA certificate added' };
    return true;
  }

  function removeCa(fingerprint256: string): Promise<boolean> {
    return applyStatus('remove-ca', () => callBridge((api) => api.network.removeCa({ fingerprint256 })), 'CA certificate removed');
  }

  function setProxyCredentials(user: string, password: string): Promise<boolean> {
    return applyStatus(
      'credentials',
      () => callBridge((api) => api.network.setProxyCredentials({ user, password })),
      'Proxy credentials stored',
    );
  }

  function deleteProxyCredentials(): Promise<boolean> {
    return applyStatus(
      'delete-credentials',
      () => callBridge((api) => api.network.deleteProxyCredentials()),
      'Proxy credentials removed',
    );
  }

  return { status, busy, failure, notice, load, saveProxy, chooseCa, removeCa, setProxyCredentials, deleteProxyCredentials };
});
