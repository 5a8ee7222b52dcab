/**
 * A WHOIS section (`IpWhoIs`, `DomainWhoIsInfo`, `UrlDomainWhoIs`) read as a record an analyst scans
 * top to bottom: who registered it and where, when, which name servers and statuses, the network
 * range and its ASN, then the contacts by role. Keys this does not know are returned as they came,
 * so nothing TIP sent is dropped.
 */
import { isPlainObject } from './values';

export type WhoisValue =
  | { kind: 'text'; text: string }
  /** An indicator (domain or IP), monospace and pivotable under its field name. */
  | { kind: 'indicator'; field: string; text: string }
  | { kind: 'date'; iso: string }
  | { kind: 'indicators'; field: string; items: string[] }
  | { kind: 'lines'; items: string[] };

export interface WhoisFact {
  label: string;
  /** Where it came from in TIP's answer, e.g. `Registrar.IanaId`. */
  api: string;
  value: WhoisValue;
}

export interface WhoisContact {
  role: string;
  fields: WhoisFact[];
}

export interface WhoisRecord {
  facts: WhoisFact[];
  contacts: WhoisContact[];
  rest: Record<string, unknown>;
}

const KNOWN = new Set([
  'DomainName', 'Registrar', 'RegistrationOrganization', 'Created', 'Updated', 'Expires', 'NameServers',
  'DomainStatus', 'Net', 'Asn', 'Contacts', 'Status',
]);

const CONTACT_LABELS: Readonly<Record<string, string>> = {
  Name: 'Name',
  Organization: 'Organization',
  Address: 'Address',
  City: 'City',
  State: 'State',
  PostalCode: 'Postal code',
  CountryCode: 'Country',
  Email: 'Email',
  Phone: 'Phone',
  Fax: 'Fax',
};

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

function push(facts: WhoisFact[], label: string, api: string, value: WhoisValue | null): void {
  if (value) facts.push({ label, api, value });
}

function plain(value: unknown): WhoisValue | null {
  const t = text(value);
  return t === null ? null : { kind: 'text', text: t };
}

function date(value: unknown): WhoisValue | null {
  const t = text(value);
  return t === null ? null : { kind: 'date', iso: t };
}

function registrarText(registrar: unknown): WhoisValue | null {
  if (!isPlainObject(registrar)) return plain(registrar);
  const parts = [text(registrar.Info), text(registrar.IanaId) && `IANA id ${text(registrar.IanaId)}`, text(registrar.Email)];
  const joined = parts.filter(Boolean).join(' · ');
  return joined ? { kind: 'text', text: joined } : null;
}

function networkFacts(net: unknown, facts: WhoisFact[]): void {
  if (!isPlainObject(net)) return;
  const name = [text(net.Name), text(net.Description)].filter(Boolean).join(' — ');
  if (name) push(facts, 'Network', 'Net.Name', { kind: 'text', text: name });
  const start = text(net.RangeStart);
  const end = text(net.RangeEnd);
  if (start || end) push(facts, 'Range', 'Net.RangeStart', { kind: 'text', text: `${start ?? '?'} – ${end ?? '?'}` });
  push(facts, 'Network created', 'Net.Created', date(net.Created));
  push(facts, 'Network changed', 'Net.Changed', date(net.Changed));
}

function asnFacts(asn: unknown, facts: WhoisFact[]): void {
  const list = Array.isArray(asn) ? asn : isPlainObject(asn) ? [asn] : [];
  const items = list
    .filter(isPlainObject)
    // An ASN is an identifier: written as TIP sent it, never grouped ("64500", not "64,500").
    .map((item) => [text(item.Number) && `AS${text(item.Number)}`, text(item.Description)].filter(Boolean).join(' — '))
    .filter(Boolean);
  if (items.length) push(facts, items.length === 1 ? 'ASN' : 'ASNs', 'Asn', { kind: 'lines', items });
}

function contactsOf(value: unknown): WhoisContact[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isPlainObject).map((contact) => {
    const fields: WhoisFact[] = [];
    for (const [key, item] of Object.entries(contact)) {
      if (key === 'ContactType') continue;
      const lines = strings(item);
      if (lines.length === 0 && text(item) === null) continue;
      const label = CONTACT_LABELS[key] ?? key;
      fields.push({ label, api: key, value: lines.length > 1 ? { kind: 'lines', items: lines } : { kind: 'text', text: text(item) ?? lines.join(', ') } });
    }
    return { role: text(contact.ContactType) ?? 'Contact', fields };
  });
}

export function readWhois(section: Record<string, unknown>): WhoisRecord {
  const facts: WhoisFact[] = [];
  const domain = text(section.DomainName);
  if (domain) push(facts, 'Domain', 'DomainName', { kind: 'indicator', field: 'DomainName', text: domain });
  push(facts, 'Registrar', 'Registrar', registrarText(section.Registrar));
  push(facts, 'Registered by', 'RegistrationOrganization', plain(section.RegistrationOrganization));
  push(facts, 'Created', 'Created', date(section.Created));
  push(facts, 'Updated', 'Updated', date(section.Updated));
  push(facts, 'Expires', 'Expires', date(section.Expires));
  const servers = strings(section.NameServers);
  if (servers.length) push(facts, 'Name servers', 'NameServers', { kind: 'indicators', field: 'Domain', items: servers });
  const statuses = [...strings(section.DomainStatus), ...strings(section.Status)];
  if (statuses.length) push(facts, statuses.length === 1 ? 'Status' : 'Statuses', section.DomainStatus ? 'DomainStatus' : 'Status', { kind: 'lines', items: statuses });
  networkFacts(section.Net, facts);
  asnFacts(section.Asn, facts);

  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) if (!KNOWN.has(key)) rest[key] = value;
  return { facts, contacts: contactsOf(section.Contacts), rest };
}
