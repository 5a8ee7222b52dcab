/**
 * Puts a deadline on every keychain call and turns every failure into a `KeychainError`.
 *
 * Why the deadline: with a D-Bus session but a locked gnome-keyring, libsecret waits for an unlock
 * prompt that a headless or misconfigured session never shows, so the call never settles.
 *
 * Why calls are refused while one is stuck: keytar runs each call on a libuv thread-pool thread
 * (Napi::AsyncWorker). A hung call keeps its thread, and four of them would starve file system,
 * DNS and crypto work for the whole main process. So after a timeout no new native call is made
 * until the stuck one settles (for example when the analyst unlocks the keyring).
 */
import { isKeychainError, KeychainError, lockedMessage, unavailableMessage, type CredentialStore } from './store';

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 10_000;

export interface GuardOptions {
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

export class GuardedCredentialStore implements CredentialStore {
  private readonly timeoutMs: number;
  private readonly platform: NodeJS.Platform;
  private stuckCalls = 0;

  constructor(
    private readonly inner: CredentialStore,
    options: GuardOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.platform = options.platform ?? process.platform;
  }

  /** Wraps `store` unless it is already guarded. */
  static wrap(store: CredentialStore, options: GuardOptions = {}): CredentialStore {
    return store instanceof GuardedCredentialStore ? store : new GuardedCredentialStore(store, options);
  }

  /** Calls that timed out and have not settled yet. */
  get pendingStuckCalls(): number {
    return this.stuckCalls;
  }

  get(account: string): Promise<string | null> {
    return this.call(() => this.inner.get(account));
  }

  set(account: string, value: string): Promise<void> {
    return this.call(() => this.inner.set(account, value), value);
  }

  delete(account: string): Promise<boolean> {
    return this.call(() => this.inner.delete(account));
  }

  findAccounts(): Promise<string[]> {
    return this.call(() => this.inner.findAccounts());
  }

  /** `value`, when given, is cut out of any error text (a store must never echo what it was given). */
  private call<T>(run: () => Promise<T>, value?: string): Promise<T> {
    if (this.stuckCalls > 0) {
      return Promise.reject(new KeychainError('locked', lockedMessage(this.timeoutMs, this.platform)));
    }
    let pending: Promise<T>;
    try {
      pending = run();
    } catch (error) {
      // keytar validates its arguments synchronously and throws before returning a promise.
      return Promise.reject(this.toKeychainError(error, value));
    }
    return new Promise<T>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        this.stuckCalls += 1;
        reject(new KeychainError('locked', lockedMessage(this.timeoutMs, this.platform)));
      }, this.timeoutMs);
      const settle = (): boolean => {
        if (timedOut) {
          this.stuckCalls -= 1;
          return false;
        }
        clearTimeout(timer);
        return true;
      };
      pending.then(
        (result) => {
          if (settle()) resolve(result);
        },
        (error: unknown) => {
          if (settle()) reject(this.toKeychainError(error, value));
        },
      );
    });
  }

  private toKeychainError(error: unknown, value?: string): KeychainError {
    if (isKeychainError(error)) return error;
    return new KeychainError('failed', unavailableMessage(this.platform), nativeDetail(error, value));
  }
}

/** The native message (libsecret, D-Bus, Win32), kept as detail without `secret` in it. */
export function nativeDetail(error: unknown, secret?: string): string | undefined {
  let text = error instanceof Error ? error.message : typeof error === 'string' ? error : undefined;
  if (text === undefined) return undefined;
  // Very short values are skipped: cutting one or two letters out of every word hides nothing.
  if (secret !== undefined && secret.length >= 4) text = text.split(secret).join('[hidden]');
  return text.slice(0, 300);
}
