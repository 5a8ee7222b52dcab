/**
 * Whether a real keychain answers here, for tests that use one when they can. On Linux that needs a
 * D-Bus session with an unlocked Secret Service (tools/with-keyring.sh makes one).
 */
import { createKeytarStore, probeKeychain } from '../../src/main/credentials/keytar-store';

export type KeychainAvailability = { available: true } | { available: false; reason: string };

export async function keychainAvailability(service: string): Promise<KeychainAvailability> {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return {
      available: false,
      reason:
        'DBUS_SESSION_BUS_ADDRESS is not set, so there is no D-Bus session to find a Secret Service in (run through tools/with-keyring.sh)',
    };
  }
  const probe = await probeKeychain(createKeytarStore({ service, timeoutMs: 5000 }));
  return probe.available ? probe : { available: false, reason: `no working Secret Service: ${probe.reason}` };
}
