/**
 * What the TIP service asks for before it builds a client: the authentication material for the
 * mode in force. `TipAuth` has the shape of the TIP client's `auth` option.
 */
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { TipAuth as TipClientAuth } from '../tip/types';

export type TipAuth =
  | { kind: 'certificate'; cert: string; key: string; passphrase?: string; user: string; password: string }
  | { kind: 'pkcs12'; pfx: Buffer; passphrase?: string; user: string; password: string }
  | { kind: 'token'; token: string };

/** Fails to compile if the TIP client's `auth` option stops accepting what the vault hands out. */
type Assignable<T extends U, U> = T;
export type TipAuthMatchesClient = Assignable<TipAuth, TipClientAuth>;

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
