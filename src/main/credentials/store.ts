/**
 * The smallest interface over an OS keychain: one service, string accounts, string values.
 * Implementations: `KeytarCredentialStore` (the real keychain) and `MemoryCredentialStore` (tests).
 * Failures reject with `KeychainError`, whose message is written for the analyst and never holds a
 * stored value.
 */

export interface CredentialStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Every account this store holds under its service. */
  findAccounts(): Promise<string[]>;
}

export type KeychainFailure =
  /** The native module or the platform's secret service cannot be reached at all. */
  | 'unavailable'
  /** A call did not answer in time: on Linux a locked keyring waits for a prompt nobody sees. */
  | 'locked'
  /** The keychain answered with an error. */
  | 'failed';

export class KeychainError extends Error {
  readonly code = 'KEYCHAIN_UNAVAILABLE' as const;

  constructor(
    readonly failure: KeychainFailure,
    message: string,
    /** Technical text for the detail field (a native error message); never a stored value. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'KeychainError';
  }
}

export function isKeychainError(error: unknown): error is KeychainError {
  return error instanceof KeychainError;
}

/** How to get a working keychain, per platform, in one or two sentences. */
export function keychainHelp(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'linux':
      return (
        'On Linux, install gnome-keyring (or another Secret Service such as KeePassXC) and libsecret, ' +
        'and make sure the Secret Service is running and unlocked in your D-Bus session ' +
        '(a desktop login does this; on a headless machine use `dbus-run-session` and unlock gnome-keyring).'
      );
    case 'darwin':
      return 'Make sure your login keychain exists and is unlocked (Keychain Access).';
    case 'win32':
      return 'Make sure the Windows Credential Manager service is running for your user.';
    default:
      return 'Make sure the operating system keychain is installed and unlocked.';
  }
}

export function unavailableMessage(platform: NodeJS.Platform = process.platform): string {
  return `The system keychain is not available, so credentials can be neither read nor saved. ${keychainHelp(platform)}`;
}

/**
 * keytar itself is missing: an optional dependency, left out by the install where its native build
 * failed (on Linux for want of libsecret's headers), or its binary is gone. No keychain setting
 * helps then; only building it does.
 */
export function moduleMissingMessage(platform: NodeJS.Platform = process.platform): string {
  const how =
    platform === 'linux'
      ? 'Install libsecret-1-dev, pkg-config, python3 and a C++ toolchain (build-essential), then run `npm ci` again.'
      : 'Install a C++ toolchain and Python 3, then run `npm ci` again.';
  return (
    'The system keychain is not available, so credentials can be neither read nor saved: keytar, the module ' +
    `that talks to it, is not installed (its native build failed when the app was installed). ${how}`
  );
}

export function lockedMessage(timeoutMs: number, platform: NodeJS.Platform = process.platform): string {
  const wait = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 100) / 10} s`;
  const how =
    platform === 'linux'
      ? 'Unlock the keyring (for example in "Passwords and Keys"), or unlock gnome-keyring in your D-Bus session, then try again.'
      : 'Unlock the keychain, then try again.';
  return `The system keychain did not answer within ${wait}: the keyring is probably locked and waiting for a password prompt. ${how}`;
}
