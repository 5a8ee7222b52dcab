/**
 * Deterministic STIX identifiers.
 *
 * Observables (SCOs): STIX 2.1 §2.9 — UUIDv5 in the namespace 00abedb4-…-fed23315a9b7 over the
 * RFC 8785 (JCS) canonical JSON of the object's ID-contributing properties, so every producer that
 * sees the same IP, domain, URL or file names it with the same id.
 *
 * Everything else (identity, indicators, relationships, grouping, bundle): the same exported object
 * must keep its id across exports, so a changed verdict updates the object instead of duplicating
 * it — hence a name-based id under a namespace of our own. STIX 2.1 §2.9 says SDOs, SROs, SMOs and
 * bundles SHOULD use UUIDv4, and the OASIS validator checks it (best practice 103, `uuid-check`:
 * `uuid.UUID(...).version != 4` is a warning). The 122 free bits of a v4 UUID may be "pseudo-randomly
 * generated" (RFC 4122 §4.4); a SHA-1 of namespace + name is such a pseudo-random source, so these ids
 * are SHA-1-derived but carry the version-4 nibble: deterministic and conformant at once.
 */
import { sha1, utf8 } from './sha1';

export const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** TIP Workbench's own namespace for name-based SDO/SRO/bundle ids. Never change it: ids would change. */
export const WORKBENCH_NAMESPACE = 'b35f5951-e2c5-435c-8379-ebaef0f9900d';

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function formatUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * SHA-1(namespace bytes ‖ UTF-8 name), first 16 bytes, with the RFC 4122 variant and the given
 * version nibble. With version 5 this is exactly RFC 4122 §4.3 (Python's `uuid.uuid5`).
 */
export function nameBasedUuid(namespace: string, name: string, version: 4 | 5): string {
  const ns = uuidBytes(namespace);
  const text = utf8(name);
  const input = new Uint8Array(ns.length + text.length);
  input.set(ns);
  input.set(text, ns.length);
  const digest = sha1(input);
  digest[6] = ((digest[6] ?? 0) & 0x0f) | (version << 4);
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(digest);
}

export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

/**
 * RFC 8785 canonical JSON for the values STIX ids are made of: keys sorted by UTF-16 code units
 * (JavaScript's default sort), no white space, and strings and numbers serialised as ECMAScript's
 * JSON.stringify does — which is what RFC 8785 adopts.
 */
export function canonicalJson(value: CanonicalValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `type--UUIDv5` over the ID-contributing properties (STIX 2.1 §2.9). */
export function scoId(type: string, contributing: { [key: string]: CanonicalValue }): string {
  return `${type}--${nameBasedUuid(SCO_NAMESPACE, canonicalJson(contributing), 5)}`;
}

/** `type--` + a deterministic v4-form UUID for one of our SDOs/SROs/SMOs or the bundle. */
export function workbenchId(type: string, name: string): string {
  return `${type}--${nameBasedUuid(WORKBENCH_NAMESPACE, `${type}\n${name}`, 4)}`;
}
