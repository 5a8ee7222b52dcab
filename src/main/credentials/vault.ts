/**
 * The credential vault: the main-process service behind the `credentials.*` operations and the
 * `CredentialProvider` the TIP service asks for authentication material. Secrets go in and stay in
 * main; what comes back is metadata. Every method answers a result value and never throws.
 */
import type { AuthMode, CertificateInfo, CredentialStatus, DeleteCredentialRequest } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { inspectClientMaterial } from '../certs/inspect';
import { materialFromFile, orderedCertificatePem, readBoundedFile, readCertificateFile, type ReadFile } from './certificate-file';
import { ChunkedItemStore } from './chunked-store';
import { GuardedCredentialStore } from './guarded-store';
import type { CredentialProvider, TipAuth } from './provider';
import { effectiveAuthMode, emptyMeta, storedInfoOf, type CertificateRecord, type MetaRecord } from './records';
import { buildStatus, certificateInfoAt, unavailableStatus } from './status';
import { isKeychainError, type CredentialStore } from './store';
import { failureOf, scrubbed } from './vault-errors';
import { SECRET_KINDS, VaultRecords } from './vault-records';
import { validateBasic, validateExpiry, validateProxyCredentials, validateToken } from './vault-input';
import { readAuth, readProxyCredentials } from './vault-auth';

export type CredentialItem = DeleteCredentialRequest['item'];

export interface CredentialVaultOptions {
  /** The keychain (a `createKeytarStore(...)` in the app, a `MemoryCredentialStore` in tests). */
  store: CredentialStore;
  now?: () => Date;
  /** How a certificate file is read; the default refuses files over 1 MiB before reading them. */
  readFile?: ReadFile;
  /** Deadline for each keychain call (default 10 s). */
  keychainTimeoutMs?: number;
  /** Largest keychain entry in bytes; default per platform (2,560 on Windows). */
  chunkBytes?: number;
  platform?: NodeJS.Platform;
}

/** What may be said about the proxy credentials: the user name, never the password. */
export interface ProxyCredentialStatus {
  user: string | null;
  hasPassword: boolean;
}

export interface CredentialVault extends CredentialProvider {
  /** Metadata only. A keychain that cannot be reached is reported in `keychain`, not as a failure. */
  status(): Promise<Result<CredentialStatus>>;
  /** Reads, recognises (PEM or PKCS#12) and checks the file; stores nothing unless all is well. */
  importCertificateFile(path: string, passphrase?: string): Promise<Result<CertificateInfo>>;
  setBasic(user: string, password: string): Promise<Result<CredentialStatus>>;
  setToken(token: string): Promise<Result<CredentialStatus>>;
  setAuthMode(mode: AuthMode): Promise<Result<CredentialStatus>>;
  delete(item: CredentialItem): Promise<Result<CredentialStatus>>;
  /** From `LicenseInfo.TokenExpirationDate` after a connection check; null when unknown. */
  recordTokenExpiry(expiresAt: string | null): Promise<Result<CredentialStatus>>;
  proxyStatus(): Promise<Result<ProxyCredentialStatus>>;
  setProxyCredentials(user: string, password: string): Promise<Result<ProxyCredentialStatus>>;
  deleteProxyCredentials(): Promise<Result<ProxyCredentialStatus>>;
  /** Main only (for the proxy tunnel): the password never goes to the renderer. Null when none are stored. */
  getProxyCredentials(): Promise<Result<{ user: string; password: string } | null>>;
}

export function createCredentialVault(options: CredentialVaultOptions): CredentialVault {
  return new KeychainCredentialVault(options);
}

class KeychainCredentialVault implements CredentialVault {
  private readonly records: VaultRecords;
  private readonly now: () => Date;
  private readonly readFile: ReadFile;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: CredentialVaultOptions) {
    const store = GuardedCredentialStore.wrap(options.store, {
      ...(options.keychainTimeoutMs !== undefined ? { timeoutMs: options.keychainTimeoutMs } : {}),
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
    });
    const items = new ChunkedItemStore(store, {
      ...(options.chunkBytes !== undefined ? { chunkBytes: options.chunkBytes } : {}),
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
    });
    this.records = new VaultRecords(items);
    this.now = options.now ?? (() => new Date());
    this.readFile = options.readFile ?? readBoundedFile;
  }

  status(): Promise<Result<CredentialStatus>> {
    return this.serial([], async () => {
      try {
        const meta = await this.records.loadMeta();
        return meta.ok ? ok(buildStatus(meta.value, this.now())) : meta;
      } catch (error) {
        if (!isKeychainError(error)) throw error;
        const message = error.detail === undefined ? error.message : `${error.message} (${error.detail})`;
        return ok(unavailableStatus(message));
      }
    });
  }

  importCertificateFile(path: string, passphrase?: string): Promise<Result<CertificateInfo>> {
    return this.serial([passphrase], async () => {
      if (typeof path !== 'string' || path.length === 0) return fail('INVALID_INPUT', 'Choose a certificate file.');
      if (passphrase !== undefined && passphrase.length > 1024) {
        return fail('INVALID_INPUT', 'The passphrase is longer than 1,024 characters.');
      }
      const bytes = await readCertificateFile(path, this.readFile);
      if (!bytes.ok) return bytes;
      const material = materialFromFile(path, bytes.value, passphrase);
      if (!material.ok) return material;
      const inspected = inspectClientMaterial(material.value, this.now());
      if (!inspected.ok) return inspected;

      const info = storedInfoOf(inspected.value);
      const m = material.value;
      const common = { v: 1, kind: 'certificate', info, ...(m.passphrase !== undefined ? { passphrase: m.passphrase } : {}) } as const;
      const record: CertificateRecord =
        m.kind === 'pem'
          ? { ...common, format: 'pem', cert: orderedCertificatePem(m.cert, inspected.value), key: m.key }
          : { ...common, format: 'pkcs12', pfx: Buffer.from(m.pfx).toString('base64') };

      const meta = await this.records.loadMeta();
      if (!meta.ok) return meta;
      await this.records.write(record);
      await this.records.write({ ...meta.value, certificate: info });
      return ok(certificateInfoAt(info, this.now()));
    });
  }

  setBasic(user: string, password: string): Promise<Result<CredentialStatus>> {
    return this.serial([password], async () => {
      const input = validateBasic(user, password);
      if (!input.ok) return input;
      return this.update(async (meta) => {
        await this.records.write({ v: 1, kind: 'basic', ...input.value });
        return { ...meta, userName: input.value.user };
      });
    });
  }

  setToken(token: string): Promise<Result<CredentialStatus>> {
    return this.serial([token, typeof token === 'string' ? token.trim() : undefined], async () => {
      const input = validateToken(token);
      if (!input.ok) return input;
      return this.update(async (meta) => {
        await this.records.write({ v: 1, kind: 'token', token: input.value });
        // A new token's expiry is unknown until the next connection check.
        return { ...meta, hasToken: true, tokenExpiresAt: null };
      });
    });
  }

  setAuthMode(mode: AuthMode): Promise<Result<CredentialStatus>> {
    return this.serial([], async () => {
      if (mode !== 'certificate' && mode !== 'token') return fail('INVALID_INPUT', 'The authentication mode is "certificate" or "token".');
      return this.update(async (meta) => ({ ...meta, authMode: mode }));
    });
  }

  delete(item: CredentialItem): Promise<Result<CredentialStatus>> {
    return this.serial([], async () => {
      if (item === 'all') {
        // Throws on a locked keyring, where deletes would do nothing and still succeed. A meta
        // record from a newer version does not stop it: deleting everything is the way out.
        await this.records.loadMeta();
        await this.records.remove('meta');
        for (const kind of SECRET_KINDS) await this.records.remove(kind);
        return ok(buildStatus(emptyMeta(), this.now()));
      }
      const cleared: Partial<Record<CredentialItem, Partial<MetaRecord>>> = {
        certificate: { certificate: null },
        basic: { userName: null },
        token: { hasToken: false, tokenExpiresAt: null },
      };
      const change = Object.hasOwn(cleared, item) ? cleared[item] : undefined;
      if (change === undefined) return fail('INVALID_INPUT', 'Choose what to delete: certificate, basic, token or all.');
      const meta = await this.records.loadMeta();
      if (!meta.ok) return meta;
      // Meta first, so a crash in between leaves an unreferenced secret rather than a dangling reference.
      const next = { ...meta.value, ...change };
      await this.records.write(next);
      await this.records.remove(item);
      return ok(buildStatus(next, this.now()));
    });
  }

  recordTokenExpiry(expiresAt: string | null): Promise<Result<CredentialStatus>> {
    return this.serial([], async () => {
      const input = validateExpiry(expiresAt);
      if (!input.ok) return input;
      const meta = await this.records.loadMeta();
      if (!meta.ok) return meta;
      // Called after every connection check: write only when something changed.
      if (!meta.value.hasToken || meta.value.tokenExpiresAt === input.value) return ok(buildStatus(meta.value, this.now()));
      const next = { ...meta.value, tokenExpiresAt: input.value };
      await this.records.write(next);
      return ok(buildStatus(next, this.now()));
    });
  }

  proxyStatus(): Promise<Result<ProxyCredentialStatus>> {
    return this.serial([], async () => {
      const meta = await this.records.loadMeta();
      return meta.ok ? ok(proxyStatusOf(meta.value)) : meta;
    });
  }

  setProxyCredentials(user: string, password: string): Promise<Result<ProxyCredentialStatus>> {
    return this.serial([password], async () => {
      const input = validateProxyCredentials(user, password);
      if (!input.ok) return input;
      const meta = await this.records.loadMeta();
      if (!meta.ok) return meta;
      // The secret first, then meta (see vault-records.ts).
      await this.records.write({ v: 1, kind: 'proxy', ...input.value });
      const next = { ...meta.value, proxyUser: input.value.user };
      await this.records.write(next);
      return ok(proxyStatusOf(next));
    });
  }

  deleteProxyCredentials(): Promise<Result<ProxyCredentialStatus>> {
    return this.serial([], async () => {
      const meta = await this.records.loadMeta();
      if (!meta.ok) return meta;
      const next = { ...meta.value, proxyUser: null };
      await this.records.write(next);
      await this.records.remove('proxy');
      return ok(proxyStatusOf(next));
    });
  }

  getProxyCredentials(): Promise<Result<{ user: string; password: string } | null>> {
    return this.serial([], async () => {
      const meta = await this.records.loadMeta();
      if (!meta.ok) return meta;
      return readProxyCredentials(this.records, meta.value);
    });
  }

  getAuth(): Promise<Result<TipAuth>> {
    return this.serial([], async () => {
      const meta = await this.records.loadMeta();
      if (!meta.ok) return meta;
      return readAuth(this.records, meta.value, effectiveAuthMode(meta.value), this.now());
    });
  }

  private async update(change: (meta: MetaRecord) => Promise<MetaRecord>): Promise<Result<CredentialStatus>> {
    const meta = await this.records.loadMeta();
    if (!meta.ok) return meta;
    const next = await change(meta.value);
    await this.records.write(next);
    return ok(buildStatus(next, this.now()));
  }

  /** One operation at a time (each reads and rewrites `meta`); failures become values, scrubbed of `secrets`. */
  private serial<T>(secrets: ReadonlyArray<string | undefined>, operation: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = this.tail.then(operation).catch((error: unknown) => failureOf<T>(error));
    this.tail = run;
    return run.then((result) => scrubbed(result, secrets));
  }
}

function proxyStatusOf(meta: MetaRecord): ProxyCredentialStatus {
  return { user: meta.proxyUser, hasPassword: meta.proxyUser !== null };
}
