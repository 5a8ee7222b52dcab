/**
 * Typed access to the vault's items: one record per item, named after its kind (`certificate`,
 * `basic`, `token`, `proxy`, `meta`), each possibly chunked by `ChunkedItemStore`.
 *
 * `meta` is the source of truth for *what* is stored; the secret items only carry the payload.
 * Writes put the secret first and `meta` second; deletes clear `meta` first. A crash in between
 * leaves at worst an unreferenced secret, which is never used and is overwritten or deleted later.
 */
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { ChunkedItemStore } from './chunked-store';
import { decodeRecord, emptyMeta, encodeRecord, type MetaRecord, type RecordByKind, type RecordKind } from './records';

export type RecordRead<T> =
  | { state: 'present'; record: T }
  | { state: 'absent' }
  /** Incomplete, corrupt, or not a record: unusable. */
  | { state: 'damaged' }
  /** Written by a later version of the app: left alone. */
  | { state: 'newer' };

export const SECRET_KINDS = ['certificate', 'basic', 'token', 'proxy'] as const;

const LABELS: Record<RecordKind, string> = {
  certificate: 'client certificate',
  basic: 'user name and password',
  token: 'API token',
  proxy: 'proxy user name and password',
  meta: 'credential settings',
};

export function newerVersionMessage(kind: RecordKind): string {
  return `The stored ${LABELS[kind]} was saved by a newer version of TIP Workbench: update the app, or delete the credentials in Settings → Credentials and enter them again.`;
}

export class VaultRecords {
  constructor(private readonly items: ChunkedItemStore) {}

  async read<K extends RecordKind>(kind: K): Promise<RecordRead<RecordByKind[K]>> {
    const read = await this.items.read(kind);
    if (read.state === 'absent') return { state: 'absent' };
    if (read.state === 'damaged') return { state: 'damaged' };
    const decoded = decodeRecord(kind, read.value);
    if (decoded.ok) return { state: 'present', record: decoded.record };
    return { state: decoded.problem === 'newer' ? 'newer' : 'damaged' };
  }

  async write(record: RecordByKind[RecordKind]): Promise<void> {
    await this.items.write(record.kind, encodeRecord(record));
  }

  async remove(kind: RecordKind): Promise<void> {
    await this.items.remove(kind);
  }

  /**
   * The meta record. When it is missing or unreadable (first start, a crash before it was first
   * written, someone deleted it in the keychain app) it is rebuilt from the secret items.
   * Throws `KeychainError` when the keychain cannot be reached or refuses writes (locked).
   */
  async loadMeta(): Promise<Result<MetaRecord>> {
    const read = await this.read('meta');
    if (read.state === 'present') return ok(read.record);
    if (read.state === 'newer') return fail('STORAGE', newerVersionMessage('meta'));
    // "Nothing stored" and "keyring locked" read the same; only a write tells them apart.
    if (read.state === 'absent') await this.items.checkWritable();

    const meta = emptyMeta();
    const certificate = await this.read('certificate');
    if (certificate.state === 'present') meta.certificate = certificate.record.info;
    const basic = await this.read('basic');
    if (basic.state === 'present') meta.userName = basic.record.user;
    const token = await this.read('token');
    if (token.state === 'present') meta.hasToken = true;
    const proxy = await this.read('proxy');
    if (proxy.state === 'present') meta.proxyUser = proxy.record.user;

    if (meta.certificate !== null || meta.userName !== null || meta.hasToken || meta.proxyUser !== null) {
      // Best effort: the rebuilt record is correct either way, writing it only saves work later.
      await this.write(meta).catch(() => undefined);
    }
    return ok(meta);
  }
}
