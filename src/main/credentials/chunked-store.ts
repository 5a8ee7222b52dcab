/**
 * Stores named items over a `CredentialStore` whose entries have a size cap (Windows Credential
 * Manager: 2,560 bytes per entry, and a PEM bundle or a base64 PKCS#12 is larger).
 *
 * An item that fits is one entry under its own name. A larger one is split into parts named
 * `<item>#<generation>#<i>` (i = 1..n), and the entry `<item>` becomes a manifest, written last:
 * `tipwb-chunks:1:<n>:<generation>:<sha256 of the whole, base64url>`.
 *
 * Every write uses a fresh generation, so the parts of the old and the new version never share a
 * name: until the manifest flips, readers see the old version whole; after it, the new one whole.
 * Before any part is written or deleted, `<item>#pending` names the part sets in play; if the app
 * stops half-way, the next use of the item deletes whichever of them the manifest does not point
 * at. A read that finds missing parts or a hash mismatch deletes the item and reports it damaged;
 * it never returns a partial value.
 *
 * Nothing here lists the keychain: keytar's `findCredentials` crashes the process (a NULL
 * `strdup` in keytar_posix.cc) when a matching Secret Service item is locked, so every account
 * this module touches is derived from a manifest or a pending marker.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CredentialStore } from './store';

export const MANIFEST_PREFIX = 'tipwb-chunks:';
const PENDING_PREFIX = 'tipwb-pending:1:';
const WRITE_CHECK_ACCOUNT = 'write-check';
/** A manifest is at most ~75 bytes; every entry, the manifest included, must fit the cap. */
export const MIN_CHUNK_BYTES = 80;

/** Per-entry cap by platform. keytar 7.9 stores the UTF-8 bytes of the value as the blob on Windows. */
export function defaultChunkBytes(platform: NodeJS.Platform = process.platform): number {
  return platform === 'win32' ? 2560 : 64 * 1024;
}

export type ItemRead =
  | { state: 'present'; value: string }
  | { state: 'absent' }
  /** The stored item was incomplete or corrupt; it has been deleted. */
  | { state: 'damaged'; reason: string };

/** A set of parts: `<item>#<generation>#1..parts`. */
interface PartSet {
  generation: string;
  parts: number;
}

interface Manifest extends PartSet {
  sha256: string;
}

export interface ChunkedStoreOptions {
  /** Largest entry in UTF-8 bytes; default per platform. Tests force chunking with small values. */
  chunkBytes?: number;
  platform?: NodeJS.Platform;
}

export class ChunkedItemStore {
  readonly chunkBytes: number;
  private tail: Promise<unknown> = Promise.resolve();
  /** Items whose pending marker has been dealt with since this store was created. */
  private readonly recovered = new Set<string>();

  constructor(
    private readonly store: CredentialStore,
    options: ChunkedStoreOptions = {},
  ) {
    this.chunkBytes = options.chunkBytes ?? defaultChunkBytes(options.platform);
    if (!Number.isInteger(this.chunkBytes) || this.chunkBytes < MIN_CHUNK_BYTES) {
      throw new Error(`chunkBytes must be an integer of at least ${MIN_CHUNK_BYTES}.`);
    }
  }

  async read(item: string): Promise<ItemRead> {
    checkItemName(item);
    return this.exclusive(item, async () => {
      const head = await this.store.get(item);
      if (head === null) return { state: 'absent' };
      if (!head.startsWith(MANIFEST_PREFIX)) return { state: 'present', value: head };

      const manifest = parseManifest(head);
      const value = manifest === null ? null : await this.readParts(item, manifest);
      if (manifest === null || value === null || sha256(value) !== manifest.sha256) {
        await this.removeUnlocked(item, manifest ?? partSetOf(head));
        const reason = manifest === null ? 'unreadable manifest' : value === null ? 'missing part' : 'hash mismatch';
        return { state: 'damaged', reason };
      }
      return { state: 'present', value };
    });
  }

  async write(item: string, value: string): Promise<void> {
    checkItemName(item);
    if (value.length === 0) throw new Error('An item cannot be empty.');
    return this.exclusive(item, async () => {
      const old = await this.currentParts(item);
      const fitsInline = Buffer.byteLength(value, 'utf8') <= this.chunkBytes && !value.startsWith(MANIFEST_PREFIX);
      if (fitsInline) {
        if (old !== null) await this.store.set(pendingAccount(item), formatPending([old]));
        await this.store.set(item, value);
        if (old !== null) await this.retire(item, [old]);
        return;
      }

      const parts = splitUtf8(value, this.chunkBytes);
      const next: PartSet = { generation: randomBytes(4).toString('hex'), parts: parts.length };
      await this.store.set(pendingAccount(item), formatPending(old === null ? [next] : [next, old]));
      try {
        for (const [index, part] of parts.entries()) await this.store.set(partAccount(item, next.generation, index + 1), part);
        await this.store.set(item, formatManifest({ ...next, sha256: sha256(value) }));
      } catch (error) {
        // The old version is still whole. Drop the new parts now, or (if that fails too) on next use.
        await this.retire(item, [next]);
        throw error;
      }
      await this.retire(item, old === null ? [] : [old]);
    });
  }

  async remove(item: string): Promise<void> {
    checkItemName(item);
    return this.exclusive(item, async () => this.removeUnlocked(item, await this.currentParts(item)));
  }

  /**
   * Writes and deletes a throw-away entry. A locked Secret Service collection answers reads with
   * "nothing stored" but refuses writes, so this is how an empty answer is told from a locked one.
   */
  async checkWritable(): Promise<void> {
    return this.exclusive(null, async () => {
      await this.store.set(WRITE_CHECK_ACCOUNT, 'unlocked');
      await this.store.delete(WRITE_CHECK_ACCOUNT);
    });
  }

  /** Deals with a pending marker left by an interrupted write, once per item and store. */
  private async recover(item: string): Promise<void> {
    const marker = await this.store.get(pendingAccount(item));
    if (marker !== null) {
      const current = await this.currentParts(item);
      const stale = parsePending(marker).filter((set) => set.generation !== current?.generation);
      await this.deleteParts(item, stale);
      await this.store.delete(pendingAccount(item));
    }
    this.recovered.add(item);
  }

  /** The part set the manifest points at, if the item is chunked. */
  private async currentParts(item: string): Promise<PartSet | null> {
    const head = await this.store.get(item);
    return head !== null && head.startsWith(MANIFEST_PREFIX) ? parseManifest(head) : null;
  }

  private async removeUnlocked(item: string, parts: PartSet | null): Promise<void> {
    if (parts !== null) await this.store.set(pendingAccount(item), formatPending([parts]));
    // Head first: from then on readers see the item as absent, whatever remains of the parts.
    await this.store.delete(item);
    if (parts !== null) await this.retire(item, [parts]);
  }

  /** Deletes part sets no longer referenced, then the marker. A failure leaves the marker for later. */
  private async retire(item: string, sets: PartSet[]): Promise<void> {
    try {
      await this.deleteParts(item, sets);
      await this.store.delete(pendingAccount(item));
    } catch {
      // The new state is already in place; the leftovers are cleaned on the item's next use.
      this.recovered.delete(item);
    }
  }

  private async deleteParts(item: string, sets: PartSet[]): Promise<void> {
    for (const set of sets) {
      for (let index = 1; index <= set.parts; index += 1) await this.store.delete(partAccount(item, set.generation, index));
    }
  }

  private async readParts(item: string, manifest: Manifest): Promise<string | null> {
    const parts: string[] = [];
    for (let index = 1; index <= manifest.parts; index += 1) {
      const part = await this.store.get(partAccount(item, manifest.generation, index));
      if (part === null) return null;
      parts.push(part);
    }
    return parts.join('');
  }

  /** One operation at a time, so a read never cleans up behind a write in progress. */
  private exclusive<T>(item: string | null, operation: () => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      if (item !== null && !this.recovered.has(item)) await this.recover(item);
      return operation();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function checkItemName(item: string): void {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(item)) throw new Error('Item names are lower-case words without "#".');
}

function partAccount(item: string, generation: string, index: number): string {
  return `${item}#${generation}#${index}`;
}

function pendingAccount(item: string): string {
  return `${item}#pending`;
}

function formatManifest(manifest: Manifest): string {
  return `${MANIFEST_PREFIX}1:${manifest.parts}:${manifest.generation}:${manifest.sha256}`;
}

function parseManifest(head: string): Manifest | null {
  const match = /^tipwb-chunks:1:([1-9][0-9]{0,5}):([0-9a-f]{8}):([A-Za-z0-9_-]{43})$/.exec(head);
  if (match === null) return null;
  const [, parts = '0', generation = '', hash = ''] = match;
  return { parts: Number(parts), generation, sha256: hash };
}

/** What can still be read of a damaged manifest, to find its parts for deletion. */
function partSetOf(head: string): PartSet | null {
  const match = /^tipwb-chunks:1:([1-9][0-9]{0,5}):([0-9a-f]{8})(?::|$)/.exec(head);
  return match === null ? null : { parts: Number(match[1]), generation: match[2] ?? '' };
}

function formatPending(sets: PartSet[]): string {
  return PENDING_PREFIX + sets.map((set) => `${set.generation}:${set.parts}`).join(',');
}

function parsePending(marker: string): PartSet[] {
  if (!marker.startsWith(PENDING_PREFIX)) return [];
  const sets: PartSet[] = [];
  for (const entry of marker.slice(PENDING_PREFIX.length).split(',')) {
    const match = /^([0-9a-f]{8}):([1-9][0-9]{0,5})$/.exec(entry);
    if (match !== null) sets.push({ generation: match[1] ?? '', parts: Number(match[2]) });
  }
  return sets;
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/** Splits on code-point boundaries so that every part is at most `maxBytes` of UTF-8. */
export function splitUtf8(value: string, maxBytes: number): string[] {
  if (Buffer.byteLength(value, 'utf8') === value.length) {
    const parts: string[] = [];
    for (let start = 0; start < value.length; start += maxBytes) parts.push(value.slice(start, start + maxBytes));
    return parts;
  }
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
