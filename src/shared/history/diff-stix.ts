/**
 * STIX bundles (`format=stix`) compared coarsely: TIP does not document its STIX shape, so only what
 * any 2.1 bundle carries is read. The observables (IPs, domains, URLs, files) are compared as a set,
 * and an observable whose indicator's `x_tip_zone` moved is reported as rezoned. Relationships,
 * indicator wording and the looked-up object's own verdict are not compared.
 */

import type { ListChange } from './diff-types';
import { domainKey, ipKey, isRecord, keyedDifference, lower, textOf, urlKey } from './read-json';

export function isStixBundle(body: unknown): boolean {
  return isRecord(body) && body.type === 'bundle' && Array.isArray(body.objects);
}

const VALUE_KEYS: Readonly<Record<string, (text: string) => string>> = {
  'ipv4-addr': ipKey,
  'ipv6-addr': ipKey,
  'domain-name': domainKey,
  url: urlKey,
};
/** Which hash names a file without an MD5: the strongest there is. */
const HASHES = ['SHA-256', 'SHA-1'] as const;

function objectsOf(body: unknown): unknown[] {
  return isRecord(body) && Array.isArray(body.objects) ? body.objects : [];
}

function observableKey(type: string, value: string): string {
  const normalise = VALUE_KEYS[type];
  return normalise === undefined ? `file:${lower(value)}` : `${type}:${normalise(value)}`;
}

/** Observables by key; a file is keyed by MD5 when it has one, as indicators name files. */
function observables(body: unknown): Map<string, string> {
  const found = new Map<string, string>();
  for (const object of objectsOf(body)) {
    if (!isRecord(object)) continue;
    const type = textOf(object.type);
    if (type === null) continue;
    if (type === 'file') {
      const hashes = isRecord(object.hashes) ? object.hashes : {};
      const md5 = textOf(hashes.MD5);
      const label = md5 ?? HASHES.map((name) => textOf(hashes[name])).find((hash): hash is string => hash !== null) ?? null;
      if (label !== null && !found.has(observableKey('file', label))) found.set(observableKey('file', label), label);
      continue;
    }
    const value = textOf(object.value);
    if (value !== null && type in VALUE_KEYS && !found.has(observableKey(type, value))) found.set(observableKey(type, value), value);
  }
  return found;
}

const VALUE_PATTERN = /^\[\s*(ipv4-addr|ipv6-addr|domain-name|url):value\s*=\s*'((?:\\.|[^'\\])*)'\s*\]$/;
const FILE_PATTERN = /^\[\s*file:hashes\.(?:'?(?:MD5|SHA-1|SHA-256)'?)\s*=\s*'((?:\\.|[^'\\])*)'\s*\]$/;

/** The zone each indicated observable carries, by observable key. */
function indicatedZones(body: unknown): Map<string, string> {
  const zones = new Map<string, string>();
  for (const object of objectsOf(body)) {
    if (!isRecord(object) || object.type !== 'indicator') continue;
    const pattern = textOf(object.pattern) ?? '';
    const zone = textOf(object.x_tip_zone);
    const unescape = (text: string): string => text.replace(/\\(.)/g, '$1');
    const value = VALUE_PATTERN.exec(pattern);
    const file = FILE_PATTERN.exec(pattern);
    let key: string | null = null;
    if (value !== null) key = observableKey(value[1] ?? '', unescape(value[2] ?? ''));
    else if (file !== null) key = observableKey('file', unescape(file[1] ?? ''));
    if (key !== null && zone !== null) zones.set(key, zone);
  }
  return zones;
}

export function diffBundles(older: unknown, newer: unknown): ListChange[] {
  const before = observables(older);
  const after = observables(newer);
  const { added, removed } = keyedDifference(before, after);
  const zonesBefore = indicatedZones(older);
  const zonesAfter = indicatedZones(newer);
  const rezoned = [...after]
    .filter(([key]) => before.has(key))
    .map(([key, label]) => ({ key: label, before: zonesBefore.get(key) ?? null, after: zonesAfter.get(key) ?? null }))
    .filter((moved) => moved.before !== null && moved.after !== null && moved.before !== moved.after);
  if (added.length === 0 && removed.length === 0 && rezoned.length === 0) return [];
  return [{ kind: 'list', section: 'objects', title: 'STIX observables', noun: 'observable', nounPlural: 'observables', added, removed, rezoned }];
}
