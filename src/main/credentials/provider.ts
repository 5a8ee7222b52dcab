/**
 * What the TIP service asks for before it builds a client: the authentication material for the
 * mode in force. `TipAuth` has the shape of the TIP client's `auth` option.
 */
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { TipAuth } from '../tip/types';

/** The TIP client's own `auth` option: what a provider hands out is exactly what the client takes. */
export type { TipAuth };

export interface CredentialProvider {
  /**
   * NO_CREDENTIALS when something the mode needs is missing (the message says what and where to
   * add it), CERT_EXPIRED when the certificate has expired, KEYCHAIN_UNAVAILABLE when the keychain
   * cannot be read. Never throws.
   */
  getAuth(): Promise<Result<TipAuth>>;
}

/** Fixed material, for the demo profile and tests. `null` answers NO_CREDENTIALS. */
export class StaticCredentialProvider implements CredentialProvider {
  constructor(private readonly auth: TipAuth | null) {}

  async getAuth(): Promise<Result<TipAuth>> {
    if (this.auth === null) {
      return fail('NO_CREDENTIALS', 'No credentials are configured for this profile.');
    }
    return ok(copyAuth(this.auth));
  }
}

/** A copy, so a caller that mutates what it got cannot change what the next caller gets. */
function copyAuth(auth: TipAuth): TipAuth {
  return auth.kind === 'pkcs12' ? { ...auth, pfx: Buffer.from(auth.pfx) } : { ...auth };
}
