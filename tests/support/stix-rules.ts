/**
 * The STIX 2.1 rules the OASIS validator (cti-stix-validator 3.2, schemas of the stix2.1 branch)
 * applies to the object types our bundles hold, written out so they are checked on every run even
 * where the validator itself is not installed. Each rule names its source: the JSON schema, a MUST
 * (musts.py) or a best practice by its code (shoulds.py). Returns one line per violation.
 */

interface StixLike {
  type: string;
  id: string;
  [key: string]: unknown;
}

const SDO_COMMON = ['type', 'spec_version', 'id', 'created_by_ref', 'created', 'modified', 'revoked', 'labels', 'confidence', 'lang', 'external_references', 'object_marking_refs', 'granular_markings', 'extensions'];
const SCO_COMMON = ['type', 'spec_version', 'id', 'object_marking_refs', 'granular_markings', 'defanged', 'extensions'];

/** Properties the spec defines per type (enums.PROPERTIES / OBSERVABLE_PROPERTIES). */
const PROPERTIES: Record<string, string[]> = {
  identity: [...SDO_COMMON, 'name', 'description', 'roles', 'identity_class', 'sectors', 'contact_information'],
  indicator: [...SDO_COMMON, 'name', 'description', 'indicator_types', 'pattern', 'pattern_type', 'pattern_version', 'valid_from', 'valid_until', 'kill_chain_phases'],
  relationship: [...SDO_COMMON, 'relationship_type', 'description', 'source_ref', 'target_ref', 'start_time', 'stop_time'],
  grouping: [...SDO_COMMON, 'name', 'description', 'context', 'object_refs'],
  'extension-definition': [...SDO_COMMON, 'name', 'description', 'schema', 'version', 'extension_types', 'extension_properties'],
  'ipv4-addr': [...SCO_COMMON, 'value', 'resolves_to_refs', 'belongs_to_refs'],
  'ipv6-addr': [...SCO_COMMON, 'value', 'resolves_to_refs', 'belongs_to_refs'],
  'domain-name': [...SCO_COMMON, 'value', 'resolves_to_refs'],
  url: [...SCO_COMMON, 'value'],
  file: [...SCO_COMMON, 'hashes', 'size', 'name', 'name_enc', 'magic_number_hex', 'mime_type', 'ctime', 'mtime', 'atime', 'parent_directory_ref', 'contains_refs', 'content_ref'],
};

const REQUIRED: Record<string, string[]> = {
  identity: ['name'],
  indicator: ['pattern', 'pattern_type', 'valid_from'],
  relationship: ['relationship_type', 'source_ref', 'target_ref'],
  grouping: ['context', 'object_refs'],
  'extension-definition': ['name', 'schema', 'version', 'extension_types', 'created_by_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'domain-name': ['value'],
  url: ['value'],
  file: [],
};

const SCO_TYPES = new Set(['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'file']);

/** Open vocabularies (enums.py) and the properties that use them (best practices 210–245). */
const VOCABULARIES: Record<string, Record<string, string[]>> = {
  indicator: {
    indicator_types: ['anomalous-activity', 'anonymization', 'benign', 'compromised', 'malicious-activity', 'attribution', 'unknown'],
    pattern_type: ['stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'],
  },
  identity: { identity_class: ['individual', 'group', 'system', 'organization', 'class', 'unknown'] },
  grouping: { context: ['suspicious-activity', 'malware-analysis', 'unspecified'] },
};
const HASH_ALGORITHMS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'SHA3-256', 'SHA3-512', 'SSDEEP', 'TLSH'];
const HASH_HEX: Record<string, number> = { MD5: 32, 'SHA-1': 40, 'SHA-256': 64, 'SHA-512': 128 };

/** Best practice 202: the relationship types the spec suggests for these source → target pairs. */
const SUGGESTED: Record<string, Record<string, string[]>> = {
  'domain-name': { 'resolves-to': ['domain-name', 'ipv4-addr', 'ipv6-addr'] },
  'ipv4-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] },
  'ipv6-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] },
};

const TIMESTAMP = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const MILLIS = /T\d{2}:\d{2}:\d{2}\.\d{3,}Z$/;
const ID = /^([a-z][a-z0-9-]+[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-([1-5])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CUSTOM_PROPERTY = /^x_[a-z0-9]+_[a-z0-9_]+$/;

function vocabularyFormat(value: string): boolean {
  return value === value.toLowerCase() && !/[ _]/.test(value);
}

export function stixRuleViolations(bundle: { type: string; id: string; objects: StixLike[] }): string[] {
  const problems: string[] = [];
  const say = (object: StixLike, message: string): void => void problems.push(`${String(object.id)}: ${message}`);
  if (bundle.type !== 'bundle' || !ID.test(bundle.id) || ID.exec(bundle.id)?.[2] !== '4') problems.push(`bundle id ${bundle.id} (103: UUIDv4)`);
  const byId = new Map(bundle.objects.map((o) => [o.id, o]));
  if (byId.size !== bundle.objects.length) problems.push('duplicate ids (203)');

  for (const object of bundle.objects) {
    const known = PROPERTIES[object.type];
    if (known === undefined) {
      say(object, `type ${object.type} is not one this exporter should write`);
      continue;
    }
    const sco = SCO_TYPES.has(object.type);
    if (object.spec_version !== '2.1') say(object, 'spec_version must be 2.1');
    const id = ID.exec(object.id);
    if (id === null || id[1] !== object.type) say(object, 'id must be <type>--<RFC 4122 UUID> (schema)');
    else if (id[2] !== (sco ? '5' : '4')) say(object, `UUID version ${id[2]}: SCOs use v5, everything else v4 (103)`);
    for (const key of [...(REQUIRED[object.type] ?? []), ...(sco ? [] : ['created', 'modified'])]) {
      if (object[key] === undefined) say(object, `missing required ${key} (schema)`);
    }
    if (!sco) {
      for (const key of ['created', 'modified']) {
        if (typeof object[key] !== 'string' || !TIMESTAMP.test(object[key] as string) || !MILLIS.test(object[key] as string)) say(object, `${key} must be a UTC timestamp with milliseconds (schema)`);
      }
      if (String(object.modified) < String(object.created)) say(object, 'modified before created (MUST)');
    }
    for (const key of ['valid_from', 'valid_until', 'start_time', 'stop_time']) {
      if (object[key] !== undefined && !TIMESTAMP.test(String(object[key]))) say(object, `${key} is not a STIX timestamp (schema)`);
    }
    if (object.start_time !== undefined && object.stop_time !== undefined && Date.parse(String(object.stop_time)) <= Date.parse(String(object.start_time))) {
      say(object, 'stop_time must be later than start_time (MUST)');
    }

    // Custom properties: declared through a toplevel-property-extension (401) and x_<source>_<name> (101).
    const extensions = (object.extensions ?? {}) as Record<string, { extension_type?: string }>;
    const declared = Object.entries(extensions)
      .filter(([, ext]) => ext.extension_type === 'toplevel-property-extension')
      .flatMap(([extId]) => (byId.get(extId)?.extension_properties as string[] | undefined) ?? []);
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      if (!CUSTOM_PROPERTY.test(key) || key.length > 250) say(object, `custom property ${key} must be x_<source>_<name> (101)`);
      if (!declared.includes(key)) say(object, `custom property ${key} is not declared by a toplevel-property-extension here (401)`);
    }
    for (const extId of Object.keys(extensions)) {
      if (byId.get(extId)?.type !== 'extension-definition') say(object, `extension ${extId} is not defined in the bundle`);
    }

    for (const [key, allowed] of Object.entries(VOCABULARIES[object.type] ?? {})) {
      const values = ([] as unknown[]).concat(object[key] ?? []);
      for (const value of values) {
        if (typeof value !== 'string' || !allowed.includes(value) || !vocabularyFormat(value)) say(object, `${key} value ${String(value)} is not in its vocabulary (111/2xx)`);
      }
    }
    if (object.type === 'indicator') {
      if (object.name === undefined || object.description === undefined) say(object, 'indicator needs name and description (303)');
      if (!/^\[.*\]$/s.test(String(object.pattern))) say(object, 'pattern is not a STIX observation expression');
    }
    if (object.type === 'extension-definition') {
      if (object.description === undefined) say(object, 'extension definition needs a description (305)');
      if (!Array.isArray(object.extension_properties) || object.extension_properties.length === 0) say(object, 'toplevel extension needs extension_properties (306)');
    }
    if (object.type === 'file') {
      for (const [name, value] of Object.entries((object.hashes ?? {}) as Record<string, string>)) {
        if (!HASH_ALGORITHMS.includes(name)) say(object, `hash ${name} is not in hash-algorithm-ov (241)`);
        if (HASH_HEX[name] !== undefined && !new RegExp(`^[0-9a-f]{${HASH_HEX[name]}}$`).test(value)) say(object, `${name} must be lower-case hex of the right length`);
      }
      if (Object.keys((object.hashes ?? {}) as object).length === 0) say(object, 'a file needs an ID-contributing property (hashes)');
    }
    if (object.type === 'ipv4-addr' && !/^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(String(object.value))) say(object, 'value is not a dotted quad (schema)');
    if (object.type === 'url' && !/^[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]%]+$/.test(String(object.value))) say(object, 'url value is not an RFC 3986 URI (schema format uri)');
    if (object.type === 'url' && /%(?![0-9A-Fa-f]{2})/.test(String(object.value))) say(object, 'url value has a bad percent escape');

    if (object.type === 'relationship') {
      const source = byId.get(String(object.source_ref));
      const target = byId.get(String(object.target_ref));
      const type = String(object.relationship_type);
      if (source === undefined || target === undefined) say(object, 'source_ref/target_ref outside the bundle');
      else if (type === 'based-on') {
        // The architecture's indicator → observable link (202 suggests observed-data; see stix-validator.ts).
        if (source.type !== 'indicator' || !SCO_TYPES.has(target.type)) say(object, 'based-on must lead from an indicator to an observable');
      } else if (!['related-to', 'derived-from', 'duplicate-of'].includes(type)) {
        const suggested = SUGGESTED[source.type]?.[type];
        if (suggested === undefined || !suggested.includes(target.type)) say(object, `${source.type} ${type} ${target.type} is not a suggested relationship (202)`);
      }
    }
    for (const [key, value] of Object.entries(object)) {
      const refs = key.endsWith('_ref') ? [value] : key.endsWith('_refs') ? (value as unknown[]) : [];
      for (const ref of refs) if (!byId.has(String(ref))) say(object, `${key} → ${String(ref)} is not in the bundle`);
    }
  }
  return problems;
}
