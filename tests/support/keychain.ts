/**
 * Whether a real keychain answers here, for tests that use one when they can. That needs keytar's
 * native binary (an optional dependency: absent where it could not be built) and, on Linux, a D-Bus
 * session with an unlocked Secret Service (tools/with-keyring.sh makes one).
 */
import { createRequire } from 'node:module';
import { createKeytarStore, probeKeychain } from '../../src/main/credentials/keytar-store';

export type KeychainAvailability = { available: true } | { available: false; reason: string };

/** The skip reason when keytar is not installed; tools/test-all.mjs's tests and the README quote it. */
export const NO_KEYTAR_REASON = 'no keytar binary (install libsecret-1-dev, pkg-config, python3 and build-essential, then npm ci)';

/** Why keytar cannot be loaded here, or null when it loads. */
export function keytarMissingReason(): string | null {
  try {
    createRequire(import.meta.url)('keytar');
    return null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND') return NO_KEYTAR_REASON;
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return `keytar's binary does not load: ${first} (install libsecret-1-0, then npm ci)`;
  }
}

export async function keychainAvailability(service: string): Promise<KeychainAvailability> {
  const missing = keytarMissingReason();
  if (missing !== null) return { available: false, reason: missing };
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return {
      available: false,
      reason: 'no D-Bus session to find a Secret Service in (run through tools/with-keyring.sh; needs dbus and gnome-keyring)',
    };
  }
  const probe = await probeKeychain(createKeytarStore({ service, timeoutMs: 5000 }));
  return probe.available ? probe : { available: false, reason: `no working Secret Service: ${probe.reason}` };
}
