/**
 * Builds the TIP client's `auth` option from the stored records for the mode in force, or says
 * exactly what is missing and where to add it.
 */
import type { AuthMode } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { checkValidity } from '../certs/inspect';
import type { TipAuth } from './provider';
import type { MetaRecord, RecordByKind } from './records';
import { newerVersionMessage, type RecordRead, type VaultRecords } from './vault-records';

const WHERE = 'Settings → Credentials';

export async function readAuth(records: VaultRecords, meta: MetaRecord, mode: AuthMode, now: Date): Promise<Result<TipAuth>> {
  return mode === 'token' ? readTokenAuth(records, meta, now) : readCertificateAuth(records, meta, now);
}

async function readTokenAuth(records: VaultRecords, meta: MetaRecord, now: Date): Promise<Result<TipAuth>> {
  if (!meta.hasToken) {
    return fail('NO_CREDENTIALS', `No API token is stored: enter one in ${WHERE}, or switch the authentication mode to certificate.`);
  }
  // Known from the last connection check. TIP would answer 401 anyway; refusing here spends no
  // request and says what to do.
  const expires = meta.tokenExpiresAt === null ? Number.NaN : Date.parse(meta.tokenExpiresAt);
  if (expires <= now.getTime()) {
    return fail(
      'UNAUTHORIZED',
      `The API token expired on ${new Date(expires).toISOString().slice(0, 10)}: create a new token in the TIP portal and enter it in ${WHERE}. Lookups are blocked until then.`,
    );
  }
  const token = await present(records, meta, 'token');
  if (!token.ok) return token;
  return ok({ kind: 'token', token: token.value.token });
}

async function readCertificateAuth(records: VaultRecords, meta: MetaRecord, now: Date): Promise<Result<TipAuth>> {
  const noCertificate = meta.certificate === null;
  const noBasic = meta.userName === null;
  if (noCertificate && noBasic) {
    return fail(
      'NO_CREDENTIALS',
      `No client certificate and no user name and password are stored: certificate mode needs both. Add them in ${WHERE}.`,
    );
  }
  if (noCertificate) return fail('NO_CREDENTIALS', `No client certificate is stored: import one in ${WHERE}.`);
  if (noBasic) {
    return fail(
      'NO_CREDENTIALS',
      `No TIP user name and password are stored: certificate mode sends them along with the certificate. Enter them in ${WHERE}.`,
    );
  }

  const certificate = await present(records, meta, 'certificate');
  if (!certificate.ok) return certificate;
  const stored = certificate.value;
  const validity = checkValidity(stored.info, now);
  if (!validity.ok) return validity;

  const basic = await present(records, meta, 'basic');
  if (!basic.ok) return basic;
  const { user, password } = basic.value;
  const passphrase = stored.passphrase !== undefined ? { passphrase: stored.passphrase } : {};
  return ok(
    stored.format === 'pem'
      ? { kind: 'certificate', cert: stored.cert, key: stored.key, ...passphrase, user, password }
      : { kind: 'pkcs12', pfx: Buffer.from(stored.pfx, 'base64'), ...passphrase, user, password },
  );
}

type SecretKind = 'certificate' | 'basic' | 'token' | 'proxy';

const LOST: Record<SecretKind, { message: string; clear: Partial<MetaRecord> }> = {
  certificate: {
    message: `The stored client certificate could not be read from the keychain (it was removed or damaged): import it again in ${WHERE}.`,
    clear: { certificate: null },
  },
  basic: {
    message: `The stored user name and password could not be read from the keychain (they were removed or damaged): enter them again in ${WHERE}.`,
    clear: { userName: null },
  },
  token: {
    message: `The stored API token could not be read from the keychain (it was removed or damaged): enter it again in ${WHERE}.`,
    clear: { hasToken: false, tokenExpiresAt: null },
  },
  proxy: {
    message:
      'The stored proxy user name and password could not be read from the keychain (they were removed or damaged): enter them again in Settings → Network.',
    clear: { proxyUser: null },
  },
};

/** The proxy's Basic credentials, null when none are stored. Main only: never sent to the renderer. */
export async function readProxyCredentials(
  records: VaultRecords,
  meta: MetaRecord,
): Promise<Result<{ user: string; password: string } | null>> {
  if (meta.proxyUser === null) return ok(null);
  const proxy = await present(records, meta, 'proxy');
  if (!proxy.ok) return proxy;
  return ok({ user: proxy.value.user, password: proxy.value.password });
}

/** The record `meta` says exists; when it is gone or damaged, `meta` is corrected so status tells the truth. */
async function present<K extends SecretKind>(
  records: VaultRecords,
  meta: MetaRecord,
  kind: K,
): Promise<Result<RecordByKind[K]>> {
  const read: RecordRead<RecordByKind[K]> = await records.read(kind);
  if (read.state === 'present') return ok(read.record);
  if (read.state === 'newer') return fail('STORAGE', newerVersionMessage(kind));
  const lost = LOST[kind];
  await records.write({ ...meta, ...lost.clear });
  await records.remove(kind);
  return fail('NO_CREDENTIALS', lost.message);
}
