/**
 * WHOIS records flattened to readable fields ('Registrar', 'Expires', 'Name servers', 'Net.Name',
 * 'ASN', 'Registrant.Email') and compared field by field. Each field has a display text and a
 * comparison key: dates compare as instants, name servers and statuses as sets, names without case.
 * `Updated` and `Net.Changed` are left out: like LastSeen they only move forward, and whatever
 * changed in the record shows in its own field.
 */

import type { DiffChange, WhoisFieldChange } from './diff-types';
import { domainKey, isRecord, lower, textOf, textsOf, type JsonRecord } from './read-json';

interface Field {
  text: string;
  key: string;
}

type Flat = Map<string, Field>;

/** The WHOIS section of each lookup type, and what the change calls it. */
export const WHOIS_SECTIONS: readonly { section: string; title: string }[] = [
  { section: 'IpWhoIs', title: 'Network WHOIS' },
  { section: 'DomainWhoIsInfo', title: 'WHOIS' },
  { section: 'UrlDomainWhoIs', title: 'Domain WHOIS' },
];

function put(flat: Flat, name: string, text: string | null, key: (text: string) => string = (t) => t): void {
  if (text !== null) flat.set(name, { text, key: key(text) });
}

/** `2025-03-14` at midnight, else `2025-03-14 08:30 UTC`; compared as the instant. */
function putDate(flat: Flat, name: string, value: unknown): void {
  const text = textOf(value);
  if (text === null) return;
  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    flat.set(name, { text, key: text });
    return;
  }
  const iso = new Date(time).toISOString();
  const readable = iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  flat.set(name, { text: readable, key: String(time) });
}

/** A set: sorted, so order never counts; `normalise` decides which spellings are the same. */
function putSet(flat: Flat, name: string, values: string[], normalise: (text: string) => string, separator = ', '): void {
  if (values.length === 0) return;
  const unique = new Map(values.map((value) => [normalise(value), value] as const));
  const keys = [...unique.keys()].sort();
  flat.set(name, { text: keys.map((key) => unique.get(key) ?? key).join(separator), key: keys.join('\n') });
}

const CONTACT_FIELDS: readonly [string, string][] = [
  ['Name', 'Name'], ['Organization', 'Organization'], ['Email', 'Email'], ['Phone', 'Phone'], ['Fax', 'Fax'],
  ['Address', 'Address'], ['City', 'City'], ['State', 'State'], ['PostalCode', 'Postal code'], ['CountryCode', 'Country'],
];

/**
 * Contacts by role ('Registrant.Email'); several of one role are numbered ('Registrant#2.Email') in
 * the order of their content, so the order TIP lists them in never counts.
 */
function putContacts(flat: Flat, contacts: unknown): void {
  if (!Array.isArray(contacts)) return;
  const byRole = new Map<string, { sortKey: string; fields: [string, string[]][] }[]>();
  for (const contact of contacts) {
    if (!isRecord(contact)) continue;
    const role = textOf(contact.ContactType) ?? 'Contact';
    const fields = CONTACT_FIELDS.map(([key, label]): [string, string[]] => [label, textsOf(contact[key])]);
    const group = byRole.get(role) ?? [];
    group.push({ sortKey: JSON.stringify(fields.map(([, parts]) => [...parts].sort())), fields });
    byRole.set(role, group);
  }
  for (const [role, group] of byRole) {
    group.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    group.forEach(({ fields }, i) => {
      const prefix = i === 0 ? role : `${role}#${i + 1}`;
      for (const [label, parts] of fields) {
        if (parts.length === 0) continue;
        // Address lines are compared as a set, like every other list; emails without case.
        const key = [...parts].sort().join('\n');
        flat.set(`${prefix}.${label}`, { text: parts.join(', '), key: label === 'Email' ? lower(key) : key });
      }
    });
  }
}

function flattenDomain(record: JsonRecord): Flat {
  const flat: Flat = new Map();
  const registrar = isRecord(record.Registrar) ? record.Registrar : {};
  const registrarName = textOf(registrar.Info);
  const organisation = textOf(record.RegistrationOrganization);
  put(flat, 'Domain', textOf(record.DomainName), domainKey);
  put(flat, 'Registrar', registrarName ?? organisation);
  put(flat, 'Registrar IANA ID', textOf(registrar.IanaId));
  put(flat, 'Registrar email', textOf(registrar.Email), lower);
  // Usually the registrar again; only a field of its own when it says something else.
  if (registrarName !== null && organisation !== null && lower(organisation) !== lower(registrarName)) {
    put(flat, 'Registration organization', organisation);
  }
  putDate(flat, 'Created', record.Created);
  putDate(flat, 'Expires', record.Expires);
  putSet(flat, 'Name servers', textsOf(record.NameServers), domainKey);
  // `clientTransferProhibited https://icann.org/epp#…`: the code is what matters, not the link.
  putSet(flat, 'Domain status', textsOf(record.DomainStatus).map((s) => s.split(/\s+/)[0] ?? s), (s) => s);
  putContacts(flat, record.Contacts);
  return flat;
}

function flattenNetwork(record: JsonRecord): Flat {
  const flat: Flat = new Map();
  const net = isRecord(record.Net) ? record.Net : {};
  const start = textOf(net.RangeStart);
  const end = textOf(net.RangeEnd);
  put(flat, 'Net.Range', start === null && end === null ? null : `${start ?? '?'} – ${end ?? '?'}`, lower);
  put(flat, 'Net.Name', textOf(net.Name));
  put(flat, 'Net.Description', textOf(net.Description));
  putDate(flat, 'Net.Created', net.Created);
  const asns = (Array.isArray(record.Asn) ? record.Asn : []).filter(isRecord).map((asn) => {
    const number = textOf(asn.Number);
    const description = textOf(asn.Description);
    return [number === null ? null : `AS${number.replace(/^AS/i, '')}`, description].filter((part) => part !== null).join(' ');
  }).filter((text) => text !== '');
  putSet(flat, 'ASN', asns, (text) => text, '; ');
  put(flat, 'Status', textOf(record.Status));
  putContacts(flat, record.Contacts);
  return flat;
}

function compare(before: Flat, after: Flat): WhoisFieldChange[] {
  const names = [...before.keys(), ...[...after.keys()].filter((name) => !before.has(name))];
  const fields: WhoisFieldChange[] = [];
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    if (a?.key === b?.key) continue;
    fields.push({ field: name, before: a?.text ?? '', after: b?.text ?? '' });
  }
  return fields;
}

export function diffWhois(older: unknown, newer: unknown): DiffChange[] {
  const changes: DiffChange[] = [];
  for (const { section, title } of WHOIS_SECTIONS) {
    const a = isRecord(older) && isRecord(older[section]) ? older[section] : null;
    const b = isRecord(newer) && isRecord(newer[section]) ? newer[section] : null;
    if (a === null && b === null) continue;
    const flatten = section === 'IpWhoIs' ? flattenNetwork : flattenDomain;
    const fields = compare(a === null ? new Map() : flatten(a), b === null ? new Map() : flatten(b));
    if (fields.length === 0) continue;
    changes.push({ kind: 'whois', section, title, presence: a === null ? 'added' : b === null ? 'removed' : 'both', fields });
  }
  return changes;
}
