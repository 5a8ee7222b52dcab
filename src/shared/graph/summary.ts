/**
 * The one-line description of the looked-up object shown in node lists and tooltips, in the words
 * an analyst uses ("malware, phishing"), not TIP's constants ("CATEGORY_MALWARE").
 */
import { count, itemsAt, text, type JsonRecord } from './read';

export const MAX_SUMMARY_LENGTH = 120;

/** Cut to 120 characters (an ellipsis marks the cut), never splitting a surrogate pair. */
export function clip(line: string | undefined): string | undefined {
  if (line === undefined || line === '') return undefined;
  if (line.length <= MAX_SUMMARY_LENGTH) return line;
  let out = '';
  for (const c of line) {
    if (out.length + c.length > MAX_SUMMARY_LENGTH - 1) break;
    out += c;
  }
  return `${out}…`;
}

/** `CATEGORY_BOTNET_CNC` → `botnet cnc`; from `Categories`, else `CategoriesWithZone[].Name`. */
export function categoryWords(general: JsonRecord | undefined): string[] {
  const raw = general?.Categories;
  const names: unknown[] = Array.isArray(raw)
    ? raw
    : itemsAt(general, 'CategoriesWithZone').map((item) => item.Name);
  const words = new Set<string>();
  for (const name of names) {
    const written = text(name);
    if (written === undefined) continue;
    const word = written.replace(/^CATEGORY_/i, '').replace(/_+/g, ' ').trim().toLowerCase();
    if (word !== '') words.add(word);
  }
  return [...words];
}

function join(parts: readonly (string | undefined)[]): string | undefined {
  return clip(parts.filter((part): part is string => part !== undefined && part !== '').join(' · '));
}

function counted(n: number | undefined, one: string, many: string): string | undefined {
  if (n === undefined) return undefined;
  return `${n} ${n === 1 ? one : many}`;
}

function categories(general: JsonRecord | undefined): string | undefined {
  const words = categoryWords(general);
  return words.length === 0 ? undefined : words.join(', ');
}

function apt(general: JsonRecord | undefined): string | undefined {
  return general?.HasApt === true ? 'APT report' : undefined;
}

export function ipSummary(general: JsonRecord | undefined): string | undefined {
  return join([text(general?.CountryCode), text(general?.Status), categories(general), apt(general)]);
}

export function domainSummary(general: JsonRecord | undefined): string | undefined {
  return join([
    categories(general),
    counted(count(general?.FilesCount), 'file', 'files'),
    counted(count(general?.UrlsCount), 'URL', 'URLs'),
    counted(count(general?.Ipv4Count), 'IPv4 address', 'IPv4 addresses'),
    apt(general),
  ]);
}

export function urlSummary(general: JsonRecord | undefined): string | undefined {
  return join([text(general?.Host), categories(general), apt(general)]);
}

/** First detection name (DetectionsInfo is a top-level section), file type, size. */
export function fileSummary(general: JsonRecord | undefined, body: JsonRecord | undefined): string | undefined {
  let detection: string | undefined;
  for (const item of itemsAt(body, 'DetectionsInfo')) {
    detection = text(item.DetectionName);
    if (detection !== undefined) break;
  }
  return join([detection, text(general?.Type), size(count(general?.Size))]);
}

function size(bytes: number | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
