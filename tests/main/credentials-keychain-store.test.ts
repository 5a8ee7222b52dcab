import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { GuardedCredentialStore } from '../../src/main/credentials/guarded-store';
import { KeytarCredentialStore, probeKeychain, type KeytarApi } from '../../src/main/credentials/keytar-store';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import { KeychainError, type CredentialStore } from '../../src/main/credentials/store';

function hangingStore(calls: string[]): CredentialStore & { release: () => void } {
  let release: () => void = () => undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    release = () => reject(new Error('finally answered'));
  });
  return {
    get: (account) => (calls.push(`get ${account}`), hang),
    set: (account) => (calls.push(`set ${account}`), hang),
    delete: (account) => (calls.push(`delete ${account}`), hang),
    findAccounts: () => (calls.push('find'), hang),
    release: () => release(),
  };
}

function fakeKeytar(): KeytarApi & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getPassword: async (s, a) => data.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => {
      data.set(`${s}/${a}`, p);
    },
    deletePassword: async (s, a) => data.delete(`${s}/${a}`),
    findCredentials: async (s) =>
      [...data].filter(([k]) => k.startsWith(`${s}/`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password })),
  };
}

describe('GuardedCredentialStore', () => {
  it('turns a call that never answers (a locked keyring) into KEYCHAIN_UNAVAILABLE saying the keyring is locked', async () => {
    const calls: string[] = [];
    const inner = hangingStore(calls);
    const store = new GuardedCredentialStore(inner, { timeoutMs: 30, platform: 'linux' });

    const error = await store.get('meta').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainError);
    expect((error as KeychainError).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect((error as KeychainError).failure).toBe('locked');
    expect((error as KeychainError).message).toMatch(/locked/);
    expect((error as KeychainError).message).toMatch(/within 30 ms/);
  });

  it('makes no new native call while one is stuck, and recovers once it settles', async () => {
    const calls: string[] = [];
    const inner = hangingStore(calls);
    const store = new GuardedCredentialStore(inner, { timeoutMs: 20 });
    await expect(store.get('a')).rejects.toThrow(/locked/);
    expect(store.pendingStuckCalls).toBe(1);

    await expect(store.set('b', 'secret')).rejects.toThrow(/locked/);
    expect(calls).toEqual(['get a']);

    inner.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.pendingStuckCalls).toBe(0);
    await expect(store.findAccounts()).rejects.toThrow(/locked/);
    expect(calls).toEqual(['get a', 'find']);
  });

  it('maps synchronous throws and rejections to KeychainError, keeping the native text as detail only', async () => {
    const throwing: CredentialStore = {
      get: () => {
        throw new Error('Account is required.');
      },
      set: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      delete: async () => false,
      findAccounts: async () => [],
    };
    const store = new GuardedCredentialStore(throwing, { platform: 'linux' });
    const sync = (await store.get('x').catch((e: unknown) => e)) as KeychainError;
    expect(sync).toBeInstanceOf(KeychainError);
    expect(sync.detail).toBe('Account is required.');
    const rejected = (await store.set('x', 'y').catch((e: unknown) => e)) as KeychainError;
    expect(rejected.message).toMatch(/gnome-keyring/);
    expect(rejected.message).toMatch(/libsecret/);
    expect(rejected.detail).toMatch(/autolaunch D-Bus/);
  });

  it('wraps a store once', () => {
    const guarded = GuardedCredentialStore.wrap(new MemoryCredentialStore());
    expect(GuardedCredentialStore.wrap(guarded)).toBe(guarded);
  });
});

describe('KeytarCredentialStore', () => {
  it('maps a native module that fails to load to KEYCHAIN_UNAVAILABLE with a fix-it message', async () => {
    const store = new KeytarCredentialStore({
      service: 'tip-workbench-test',
      platform: 'linux',
      load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')),
    });
    const error = (await store.get('meta').catch((e: unknown) => e)) as KeychainError;
    expect(error).toBeInstanceOf(KeychainError);
    expect(error.failure).toBe('unavailable');
    expect(error.message).toMatch(/install gnome-keyring/);
    expect(error.message).toMatch(/D-Bus session/);
    expect(error.message).not.toMatch(/not installed/);
    expect(error.detail).toMatch(/libsecret-1\.so\.0/);
  });

  it('says keytar is not installed, and how to build it, when the module cannot be found', async () => {
    // A package that does not exist stands in for keytar left out by `npm ci`: the errors are
    // Node's own, from `require` (the main bundle) and from `import` (ES module contexts).
    const absent = `tip-workbench-absent-module-${process.pid}`;
    const loaders = [
      () => Promise.resolve().then(() => createRequire(import.meta.url)(absent) as unknown),
      () => import(/* @vite-ignore */ absent) as Promise<unknown>,
    ];
    for (const load of loaders) {
      const store = new KeytarCredentialStore({ service: 'tip-workbench-test', platform: 'linux', load });
      const error = (await store.set('meta', 'value').catch((e: unknown) => e)) as KeychainError;
      expect(error).toBeInstanceOf(KeychainError);
      expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(error.failure).toBe('unavailable');
      expect(error.message).toMatch(/keytar, the module that talks to it, is not installed/);
      expect(error.message).toMatch(/libsecret-1-dev/);
      expect(error.message).toMatch(/`npm ci` again/);
      // Installing a keyring would not help: the advice is about the build, not the Secret Service.
      expect(error.message).not.toMatch(/gnome-keyring/);
      expect(error.detail).toContain(absent);
    }
  });

  it('refuses a module that loads without the keytar API', async () => {
    const store = new KeytarCredentialStore({ service: 's', load: async () => ({ default: {} }) });
    await expect(store.findAccounts()).rejects.toBeInstanceOf(KeychainError);
  });

  it('accepts keytar as CommonJS exports, directly or under default, and scopes every call to its service', async () => {
    const keytar = fakeKeytar();
    const direct = new KeytarCredentialStore({ service: 'one', load: async () => keytar });
    const wrapped = new KeytarCredentialStore({ service: 'two', load: async () => ({ default: keytar }) });
    await direct.set('token', 'a');
    await wrapped.set('token', 'b');
    expect(await direct.get('token')).toBe('a');
    expect(await wrapped.findAccounts()).toEqual(['token']);
    expect(await wrapped.delete('token')).toBe(true);
    expect([...keytar.data.keys()]).toEqual(['one/token']);
  });

  it('needs a service name', () => {
    expect(() => new KeytarCredentialStore({ service: ' ' })).toThrow();
  });
});

describe('probeKeychain', () => {
  it('says available when a value written can be read back, and leaves nothing behind', async () => {
    const memory = new MemoryCredentialStore();
    expect(await probeKeychain(memory)).toEqual({ available: true });
    expect(memory.snapshot()).toEqual({});
  });

  it('gives the reason when the keychain fails', async () => {
    const store = new KeytarCredentialStore({ service: 's', platform: 'linux', load: () => Promise.reject(new Error('no module')) });
    const probe = await probeKeychain(store);
    expect(probe.available).toBe(false);
    expect(probe.available ? '' : probe.reason).toMatch(/not available.*no module/s);
  });
});
