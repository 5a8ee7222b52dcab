/**
 * What the vault keeps in the keychain: one JSON record per item, each `{ v, kind, ... }`.
 * `v` lets a later version migrate old records; a record from a newer version is reported, never
 * guessed at or overwritten.
 */
import type { AuthMode, CertificateInfo } from '../../shared/ipc/contract';

export const RECORD_VERSION = 1;

/** CertificateInfo without `daysLeft`, which depends on when it is read. */
export type StoredCertificateInfo = Omit<CertificateInfo, 'daysLeft'>;

export type CertificateRecord = {
  v: 1;
  kind: 'certificate';
  passphrase?: string;
  info: StoredCertificateInfo;
} & (
  | { format: 'pem'; /** Leaf first, then any chain. */ cert: string; key: string }
  | { format: 'pkcs12'; /** The file, base64. */ pfx: string }
);

export interface BasicRecord {
  v: 1;
  kind: 'basic';
  user: string;
  password: string;
}

/** Basic credentials for the HTTPS proxy (not TIP's own). */
export interface ProxyRecord {
  v: 1;
  kind: 'proxy';
  user: string;
  password: string;
}

export interface TokenRecord {
  v: 1;
  kind: 'token';
  token: string;
}

/** Non-secret: what is stored, so `status` reads one small entry and never touches key material. */
export interface MetaRecord {
  v: 1;
  kind: 'meta';
  /** Null until the analyst picks one; see `effectiveAuthMode`. */
  authMode: AuthMode | null;
  certificate: StoredCertificateInfo | null;
  userName: string | null;
  hasToken: boolean;
  tokenExpiresAt: string | null;
  /** The proxy user name; a meta record written before proxies were supported has none (read as null). */
  proxyUser: string | null;
}

export interface RecordByKind {
  certificate: CertificateRecord;
  basic: BasicRecord;
  token: TokenRecord;
  proxy: ProxyRecord;
  meta: MetaRecord;
}
export type RecordKind = keyof RecordByKind;

export type DecodeResult<T> =
  | { ok: true; record: T; migrated: boolean }
  /** `newer`: written by a later app version; `unreadable`: not a record of this kind at all. */
  | { ok: false; problem: 'newer' | 'unreadable' };

type Fields = Record<string, unknown>;

/**
 * Upgrades a record from version `n` to `n + 1`. Version 0 is the unversioned draft layout (the
 * same fields, no `v`); nothing was ever released with it, so the step only stamps the version.
 */
const MIGRATIONS: Record<number, (old: Fields) => Fields> = {
  0: (old) => ({ ...old, v: 1 }),
};

export function encodeRecord(record: RecordByKind[RecordKind]): string {
  return JSON.stringify(record);
}

export function decodeRecord<K extends RecordKind>(kind: K, text: string): DecodeResult<RecordByKind[K]> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const migrated = migrate(data);
  if (!migrated.ok) return migrated;
  const record = migrated.fields;
  if (record.kind !== kind || !VALIDATORS[kind](record)) return { ok: false, problem: 'unreadable' };
  // Added within version 1 as an optional field: absent means no proxy user.
  if (kind === 'meta' && record.proxyUser === undefined) record.proxyUser = null;
  // VALIDATORS[kind] just checked every field of RecordByKind[K].
  return { ok: true, record: record as unknown as RecordByKind[K], migrated: migrated.steps > 0 };
}

export function migrate(data: unknown): { ok: true; fields: Fields; steps: number } | { ok: false; problem: 'newer' | 'unreadable' } {
  if (!isFields(data)) return { ok: false, problem: 'unreadable' };
  let fields = data;
  let version = fields.v === undefined ? 0 : fields.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return { ok: false, problem: 'unreadable' };
  if (version > RECORD_VERSION) return { ok: false, problem: 'newer' };
  let steps = 0;
  while (version < RECORD_VERSION) {
    const step = MIGRATIONS[version];
    if (step === undefined) return { ok: false, problem: 'unreadable' };
    fields = step(fields);
    version += 1;
    steps += 1;
  }
  return { ok: true, fields, steps };
}

const VALIDATORS: { [K in RecordKind]: (fields: Fields) => boolean } = {
  certificate: (f) =>
    isStoredInfo(f.info) &&
    optionalString(f.passphrase) &&
    ((f.format === 'pem' && nonEmpty(f.cert) && nonEmpty(f.key)) || (f.format === 'pkcs12' && nonEmpty(f.pfx))),
  basic: (f) => nonEmpty(f.user) && nonEmpty(f.password),
  token: (f) => nonEmpty(f.token),
  proxy: (f) => nonEmpty(f.user) && nonEmpty(f.password),
  meta: (f) =>
    (f.authMode === null || f.authMode === 'certificate' || f.authMode === 'token') &&
    (f.certificate === null || isStoredInfo(f.certificate)) &&
    (f.userName === null || nonEmpty(f.userName)) &&
    typeof f.hasToken === 'boolean' &&
    (f.tokenExpiresAt === null || nonEmpty(f.tokenExpiresAt)) &&
    (f.proxyUser === undefined || f.proxyUser === null || nonEmpty(f.proxyUser)),
};

function isStoredInfo(value: unknown): boolean {
  if (!isFields(value)) return false;
  const strings = ['subject', 'issuer', 'serialNumber', 'fingerprint256', 'validFrom', 'validTo'] as const;
  return (
    (value.format === 'pem' || value.format === 'pkcs12') &&
    strings.every((key) => typeof value[key] === 'string') &&
    typeof value.chainLength === 'number'
  );
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

export function emptyMeta(): MetaRecord {
  return {
    v: 1,
    kind: 'meta',
    authMode: null,
    certificate: null,
    userName: null,
    hasToken: false,
    tokenExpiresAt: null,
    proxyUser: null,
  };
}

/** The mode in force: the analyst's choice, else token when only a token is stored, else certificate. */
export function effectiveAuthMode(meta: MetaRecord): AuthMode {
  if (meta.authMode !== null) return meta.authMode;
  return meta.hasToken && meta.certificate === null ? 'token' : 'certificate';
}

/** Picks the metadata fields one by one: the inspector's answer also carries the chain's PEM text. */
export function storedInfoOf(info: CertificateInfo): StoredCertificateInfo {
  return {
    format: info.format,
    subject: info.subject,
    issuer: info.issuer,
    serialNumber: info.serialNumber,
    fingerprint256: info.fingerprint256,
    validFrom: info.validFrom,
    validTo: info.validTo,
    chainLength: info.chainLength,
  };
}
