/**
 * `CredentialStore` over keytar (macOS Keychain, Windows Credential Manager, Linux Secret Service
 * through libsecret). keytar is a native module and an optional dependency, so it is loaded on first
 * use inside a try: a module that was never built, a broken build or a missing libsecret becomes
 * KEYCHAIN_UNAVAILABLE with a fix-it message instead of crashing main at start. Its types are
 * declared in the project (keytar-module.d.ts), so the type-check does not need the package either.
 */
import type * as Keytar from 'keytar';
import { GuardedCredentialStore, nativeDetail, type GuardOptions } from './guarded-store';
import { isKeychainError, KeychainError, moduleMissingMessage, unavailableMessage, type CredentialStore } from './store';

/** Service name of the analyst's own profile. */
export const KEYCHAIN_SERVICE = 'tip-workbench';
/** Service name of the demo profile, so demo credentials never overwrite real ones. */
export const DEMO_KEYCHAIN_SERVICE = 'tip-workbench-demo';

const UNLOCK_CHECK_ACCOUNT = '__unlock-check__';

/** The four keytar functions the store uses (declared in keytar-module.d.ts). */
export type KeytarApi = Pick<typeof Keytar, 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials'>;

export interface KeytarStoreOptions {
  /** One service per profile: `tip-workbench`, `tip-workbench-demo`, a unique name in tests. */
  service: string;
  /** How to load keytar; replaced in tests to simulate a missing native module. */
  load?: () => Promise<unknown>;
  platform?: NodeJS.Platform;
}

export class KeytarCredentialStore implements CredentialStore {
  readonly service: string;
  private readonly load: () => Promise<unknown>;
  private readonly platform: NodeJS.Platform;
  private api: Promise<KeytarApi> | null = null;

  constructor(options: KeytarStoreOptions) {
    if (options.service.trim().length === 0) throw new Error('A keychain service name is required.');
    this.service = options.service;
    this.load = options.load ?? loadKeytar;
    this.platform = options.platform ?? process.platform;
  }

  async get(account: string): Promise<string | null> {
    return (await this.keytar()).getPassword(this.service, account);
  }

  async set(account: string, value: string): Promise<void> {
    await (await this.keytar()).setPassword(this.service, account, value);
  }

  async delete(account: string): Promise<boolean> {
    return (await this.keytar()).deletePassword(this.service, account);
  }

  /**
   * On Linux, keytar 7.9's findCredentials crashes the whole process when a matching item's secret
   * cannot be loaded (a locked collection: `strdup(NULL)` in keytar_posix.cc). A write fails
   * cleanly in that state, so one is tried first. The vault itself never lists.
   */
  async findAccounts(): Promise<string[]> {
    const keytar = await this.keytar();
    if (this.platform === 'linux') {
      await keytar.setPassword(this.service, UNLOCK_CHECK_ACCOUNT, 'unlocked');
      await keytar.deletePassword(this.service, UNLOCK_CHECK_ACCOUNT);
    }
    const found = await keytar.findCredentials(this.service);
    return found.map((entry) => entry.account);
  }

  private keytar(): Promise<KeytarApi> {
    this.api ??= this.load().then(
      (loaded) => {
        const api = keytarApiOf(loaded);
        if (api === null) throw new KeychainError('unavailable', unavailableMessage(this.platform), 'keytar loaded without its API');
        return api;
      },
      (error: unknown) => {
        const message = isModuleMissing(error) ? moduleMissingMessage(this.platform) : unavailableMessage(this.platform);
        throw new KeychainError('unavailable', message, nativeDetail(error));
      },
    );
    return this.api;
  }
}

/**
 * `require` where it exists (the CommonJS main bundle, tsx), because a dynamic import there can
 * resolve from the wrong place (tsx evaluates modules from a data: URL, where `import('keytar')`
 * finds nothing); a dynamic import in ES module contexts such as vitest.
 */
function loadKeytar(): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate, see above
  if (typeof require === 'function') return Promise.resolve().then(() => require('keytar') as unknown);
  return import('keytar');
}

/** keytar is CommonJS: a dynamic import may hand back the exports directly or under `default`. */
function keytarApiOf(loaded: unknown): KeytarApi | null {
  const candidates = [loaded, isObject(loaded) ? loaded.default : undefined];
  for (const candidate of candidates) {
    if (
      isObject(candidate) &&
      typeof candidate.getPassword === 'function' &&
      typeof candidate.setPassword === 'function' &&
      typeof candidate.deletePassword === 'function' &&
      typeof candidate.findCredentials === 'function'
    ) {
      // The four functions were checked just above; TypeScript cannot narrow an index signature.
      return candidate as unknown as KeytarApi;
    }
  }
  return null;
}

/**
 * Node's "not found" codes, from `require` and from `import`: keytar itself is not installed (an
 * optional dependency whose build failed is left out), or its native binary is missing.
 */
function isModuleMissing(error: unknown): boolean {
  return isObject(error) && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The store the app uses: keytar behind the timeout guard. */
export function createKeytarStore(options: KeytarStoreOptions & GuardOptions): CredentialStore {
  return new GuardedCredentialStore(new KeytarCredentialStore(options), options);
}

export type KeychainProbe = { available: true } | { available: false; reason: string };

/**
 * Writes, reads back and deletes a throw-away entry: the only reliable way to know the keychain
 * works (on Linux a read can succeed while a write fails because no default collection exists).
 */
export async function probeKeychain(store: CredentialStore, account = '__probe__'): Promise<KeychainProbe> {
  const marker = `probe-${Date.now()}`;
  try {
    await store.set(account, marker);
    const read = await store.get(account);
    await store.delete(account);
    if (read !== marker) return { available: false, reason: 'the keychain did not return what was written' };
    return { available: true };
  } catch (error) {
    if (isKeychainError(error)) {
      return { available: false, reason: error.detail ? `${error.message} (${error.detail})` : error.message };
    }
    return { available: false, reason: nativeDetail(error) ?? 'unknown error' };
  }
}
