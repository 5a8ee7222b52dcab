/**
 * What changed between two TIP answers for the same indicator, in analyst terms: the shapes
 * `diffAnswers` returns and `describeChange` words. Hit counts, LastSeen-type dates, key and list
 * order, hash case and `LicenseInfo` never make a change.
 */

export interface AnswerDiff {
  /** In analyst order: format, zone, threat score, status, categories, APT, detections, lists, activity, WHOIS. */
  changes: DiffChange[];
  /** True when nothing an analyst cares about changed. */
  same: boolean;
}

export interface DiffOptions {
  /** The `count` both lookups were made with: a list that long may have been cut there. */
  count?: number;
}

/** How a body reads: a JSON answer, a STIX bundle, nothing (an empty 404), or something else. */
export type AnswerFormat = 'json' | 'stix' | 'empty' | 'unreadable';

export interface RezonedItem {
  key: string;
  before: string | null;
  after: string | null;
}

export interface AptReportRef {
  id: string;
  title: string;
}

export interface WhoisFieldChange {
  /** Flattened and readable: 'Registrar', 'Expires', 'Name servers', 'Net.Name', 'ASN', 'Registrant.Email'. */
  field: string;
  /** '' when the field was not given. */
  before: string;
  after: string;
}

export interface ListChange {
  kind: 'list';
  /** The API section, e.g. `IpDnsResolutions`; `objects` for a STIX bundle. */
  section: string;
  /** Plain words: 'DNS resolutions', 'Downloaded files', 'Hosted URLs'. */
  title: string;
  /** One item, in words: 'DNS resolution'. */
  noun: string;
  /** More than one: 'DNS resolutions'. */
  nounPlural: string;
  /** Items as the answers spell them (the newer answer for added, the older for removed). */
  added: string[];
  removed: string[];
  /** Items in both answers whose own zone changed. */
  rezoned: RezonedItem[];
  /** Both lists are as long as the `count` asked for: additions and removals may be the cut moving. */
  truncated?: boolean;
}

export type DiffChange =
  /** The two bodies cannot be compared (JSON against STIX, or one is unreadable); the only change given. */
  | { kind: 'format'; before: AnswerFormat; after: AnswerFormat }
  | { kind: 'zone'; before: string | null; after: string | null }
  | { kind: 'threatScore'; before: number | null; after: number | null }
  /** A general-info field that says what the object is: an IP's Status or country, a file's signer. */
  | { kind: 'status'; field: string; label: string; before: string | null; after: string | null }
  | { kind: 'categories'; added: string[]; removed: string[] }
  | { kind: 'apt'; before: boolean; after: boolean; addedReports: AptReportRef[]; removedReports: AptReportRef[] }
  /** `DetectionsInfo` by `DetectionName`. */
  | { kind: 'detections'; added: string[]; removed: string[] }
  | ListChange
  /** `IPSpamInfo` / `IPPhishingInfo`: reported or not, and their attack types, regions and targets. */
  | { kind: 'activity'; section: string; title: string; before: boolean; after: boolean; added: string[]; removed: string[] }
  | {
    kind: 'whois';
    section: string;
    /** 'WHOIS', 'Domain WHOIS' (a url's host), 'Network WHOIS' (an IP's). */
    title: string;
    /** Whether the record is in both answers, only the newer ('added') or only the older ('removed'). */
    presence: 'both' | 'added' | 'removed';
    fields: WhoisFieldChange[];
  };

export type ChangeKind = DiffChange['kind'];
