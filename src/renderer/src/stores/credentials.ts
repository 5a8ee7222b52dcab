/**
 * Credential metadata only. Secrets the analyst types (password, token, passphrase) pass through
 * these actions as arguments straight to main and are never assigned to state.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  AuthMode,
  ConnectionCheck,
  CredentialStatus,
  DeleteCredentialRequest,
  WorkbenchError,
} from '@shared/ipc/contract';
import { callBridge } from '@renderer/services/bridge';
import { useLookupStore } from './lookup';
import { useActionState, type ActionFailure, type ActionNotice } from './action-state';
import { useNetworkStore } from './network';

export type CredentialAction =
  | 'load'
  | 'import'
  | 'basic'
  | 'token'
  | 'mode'
  | `delete-${DeleteCredentialRequest['item']}`
  | 'check';

export type CredentialFailure = ActionFailure<CredentialAction>;
export type CredentialNotice = ActionNotice<CredentialAction>;

export const useCredentialsStore = defineStore('credentials', () => {
  const { status, busy, failure, notice, perform, applyStatus } = useActionState<CredentialAction, CredentialStatus>();
  const check = ref<ConnectionCheck | null>(null);
  const checkError = ref<WorkbenchError | null>(null);

  async function load(): Promise<void> {
    const next = await perform('load', () => callBridge((api) => api.credentials.status()));
    if (next) status.value = next;
  }

  /** Main opens the file dialog. Resolves false when it failed or the analyst cancelled. */
  async function importCertificate(passphrase: string): Promise<boolean> {
    const request = passphrase === '' ? {} : { passphrase };
    const info = await perform('import', () =>
      callBridge((api) => api.credentials.importCertificate(request)),
    );
    if (info === undefined) return false;
    if (info === null) {
      notice.value = { action: 'import', message: 'Import cancelled' };
      return false;
    }
    await load();
    notice.value = { action: 'import', message: 'Certificate imported' };
    return true;
  }

  function setBasic(user: string, password: string): Promise<boolean> {
    return applyStatus(
      'basic',
      () => callBridge((api) => api.credentials.setBasic({ user, password })),
      'User name and password stored',
    );
  }

  function setToken(token: string): Promise<boolean> {
    return applyStatus(
      'token',
      () => callBridge((api) => api.credentials.setToken({ token })),
      'API token stored',
    );
  }

  function setAuthMode(mode: AuthMode): Promise<boolean> {
    return applyStatus(
      'mode',
      () => callBridge((api) => api.credentials.setAuthMode({ mode })),
      mode === 'token' ? 'Lookups now use the API token' : 'Lookups now use the certificate',
    );
  }

  async function remove(item: DeleteCredentialRequest['item']): Promise<boolean> {
    const done = {
      certificate: 'Certificate deleted',
      basic: 'User name and password deleted',
      token: 'API token deleted',
      all: 'All credentials deleted',
    }[item];
    const removed = await applyStatus(
      `delete-${item}`,
      () => callBridge((api) => api.credentials.delete({ item })),
      done,
    );
    // "All" takes the proxy credentials too: the Network section must stop saying they are stored.
    if (removed && item === 'all') await useNetworkStore().load();
    return removed;
  }

  async function checkConnection(): Promise<void> {
    busy.value = 'check';
    checkError.value = null;
    const result = await callBridge((api) => api.credentials.check());
    busy.value = null;
    if (!result.ok) {
      checkError.value = result.error;
      return;
    }
    check.value = result.value;
    useLookupStore().rememberLicense({
      AccessType: result.value.accessType ?? undefined,
      DayRequests: result.value.dayRequests ?? undefined,
      DayQuota: result.value.dayQuota ?? undefined,
      TokenExpirationDate: result.value.tokenExpiresAt,
    });
    // The token expiry and its warnings come from the check: show them now.
    await load();
  }

  return {
    status,
    busy,
    failure,
    notice,
    check,
    checkError,
    load,
    importCertificate,
    setBasic,
    setToken,
    setAuthMode,
    remove,
    checkConnection,
  };
});
