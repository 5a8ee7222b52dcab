/**
 * Turns pasted text into the text the scanners read — refanged, and cleaned of what PDF copying
 * leaves behind — while keeping a map back to the text as written, so that every indicator can
 * report its `raw` form.
 *
 * Refanged (case-insensitive), in any of the brackets [] () {}:
 *   `[.]` `[dot]` → `.`   `[:]` → `:`   `[://]` → `://`   `[/]` → `/`   `[//]` → `//`   `[@]` `[at]` → `@`
 * One space on either side of a bracketed dot or at is taken with it (`user [at] evil [dot] com`).
 *   `\.` between label characters → `.` (regex-style escaping); `\/` → `/` (JSON's escaped slash).
 *   ` dot ` with no brackets only inside a host that has another dot next to it: `www dot evil dot
 *   com`, `mail.evil dot com`. A lone `evil dot com` stays prose — "the dot com bubble", "connect
 *   the dots" — and defanging guides write the bracketed form anyway.
 * Defanged schemes (`hxxp`, `h**ps`) are read by the URL scanner, which knows where a scheme stands.
 *
 * Cleaned: soft hyphens, zero-width characters and invisible direction marks (U+00AD,
 * U+200B–U+200F, U+202A–U+202E, U+2060–U+2069, U+FEFF) are dropped — in logical order what is left
 * is the name, whatever a right-to-left override made it look like; the Latin ligatures
 * U+FB00–U+FB06 become their letters (a PDF turns the `ff` of a hash into `ﬀ`). No-break and other
 * Unicode spaces need nothing: every scanner stops at them.
 *
 * One pass, each position looked at a bounded number of times (look-arounds stop after 64
 * characters), so the whole is linear in the length of the text.
 */
import { isLabelChar } from './char-classes';

const BRACKETED: Record<string, string> = {
  '.': '.',
  dot: '.',
  ':': ':',
  '://': '://',
  '/': '/',
  '//': '//',
  '@': '@',
  at: '@',
};
const CLOSER: Record<number, number> = { 0x5b: 0x5d, 0x28: 0x29, 0x7b: 0x7d };
const LIGATURES: Record<number, string> = {
  0xfb00: 'ff',
  0xfb01: 'fi',
  0xfb02: 'fl',
  0xfb03: 'ffi',
  0xfb04: 'ffl',
  0xfb05: 'st',
  0xfb06: 'st',
};
const LOOK_AROUND = 64;
/** Where an edit may start: a bracket, a backslash, ` dot `, a dropped character or a ligature. */
const TRIGGERS = /[[({\\\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufb00-\ufb06]| [dD][oO][tT] /g;

function isDropped(c: number): boolean {
  return (
    c === 0xad ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/** The bracketed defang at `at` (`[.]`, `(dot)`, …): its replacement and length, or undefined. */
function bracketedAt(text: string, at: number): { value: string; length: number } | undefined {
  const closer = CLOSER[text.charCodeAt(at)];
  if (closer === undefined) return undefined;
  for (let length = 1; length <= 3; length += 1) {
    if (text.charCodeAt(at + 1 + length) !== closer) continue;
    const value = BRACKETED[text.slice(at + 1, at + 1 + length).toLowerCase()];
    if (value !== undefined) return { value, length: length + 2 };
  }
  return undefined;
}

function isDotWordAt(text: string, at: number): boolean {
  return (
    text.charCodeAt(at) === 0x20 &&
    (text.charCodeAt(at + 1) | 0x20) === 0x64 &&
    (text.charCodeAt(at + 2) | 0x20) === 0x6f &&
    (text.charCodeAt(at + 3) | 0x20) === 0x74 &&
    text.charCodeAt(at + 4) === 0x20
  );
}

export class PreparedText {
  /** Edits in order: the clean span [cleanAt, cleanAt+cleanLength) came from [origAt, origAt+origLength). */
  private readonly cleanAt: number[] = [];
  private readonly cleanLength: number[] = [];
  private readonly origAt: number[] = [];
  private readonly origLength: number[] = [];
  readonly text: string;

  constructor(readonly original: string) {
    this.text = this.prepare(original);
  }

  /** The text as written behind the clean span [from, to). */
  raw(from: number, to: number): string {
    if (to <= from) return '';
    return this.original.slice(this.origin(from, false), this.origin(to - 1, true));
  }

  private origin(k: number, end: boolean): number {
    let lo = 0;
    let hi = this.cleanAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cleanAt[mid] ?? 0) <= k) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return end ? k + 1 : k;
    const at = this.cleanAt[lo - 1] ?? 0;
    const length = this.cleanLength[lo - 1] ?? 0;
    const orig = this.origAt[lo - 1] ?? 0;
    const origEnd = orig + (this.origLength[lo - 1] ?? 0);
    if (k < at + length) return end ? origEnd : orig;
    return origEnd + (k - at - length) + (end ? 1 : 0);
  }

  private prepare(text: string): string {
    const parts: string[] = [];
    let copyFrom = 0;
    let cleanLength = 0;
    let lastDotEnd = -1;
    const edit = (from: number, to: number, value: string): void => {
      parts.push(text.slice(copyFrom, from));
      cleanLength += from - copyFrom;
      this.cleanAt.push(cleanLength);
      this.cleanLength.push(value.length);
      this.origAt.push(from);
      this.origLength.push(to - from);
      parts.push(value);
      cleanLength += value.length;
      copyFrom = to;
      if (value === '.') lastDotEnd = to;
    };

    // The regular expression jumps to the next place an edit may start (one character class or a
    // fixed word: no backtracking); most text has none, and is copied in one slice.
    const triggers = new RegExp(TRIGGERS);
    while (triggers.test(text)) {
      // `test` builds no match array. Every trigger is one character but ` dot `, whose last is a space.
      const i = triggers.lastIndex - (text.charCodeAt(triggers.lastIndex - 1) === 0x20 ? 5 : 1);
      if (i < copyFrom) {
        triggers.lastIndex = copyFrom;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x5b || c === 0x28 || c === 0x7b) {
        const found = bracketedAt(text, i);
        if (found !== undefined) {
          let from = i;
          let to = i + found.length;
          if (found.value === '.' || found.value === '@') {
            // Take one space on each side, but only between two parts of the same name.
            if (text.charCodeAt(i - 1) === 0x20 && i - 1 >= copyFrom && isLabelChar(text.charCodeAt(i - 2))) from -= 1;
            if (text.charCodeAt(to) === 0x20 && isLabelChar(text.charCodeAt(to + 1))) to += 1;
          }
          edit(from, to, found.value);
        }
      } else if (c === 0x5c) {
        const next = text.charCodeAt(i + 1);
        const escapedDot = next === 0x2e && isLabelChar(text.charCodeAt(i - 1)) && isLabelChar(text.charCodeAt(i + 2));
        if (next === 0x2f || escapedDot) edit(i, i + 2, next === 0x2f ? '/' : '.');
      } else if (c === 0x20) {
        if (this.dotWordInHost(text, i, lastDotEnd)) edit(i, i + 5, '.');
        else triggers.lastIndex = i + 1; // ` dot dot ` : the second may still start a match
      } else if (isDropped(c)) {
        edit(i, i + 1, '');
      } else {
        const letters = LIGATURES[c];
        if (letters !== undefined) edit(i, i + 1, letters);
      }
    }
    if (parts.length === 0) return text;
    parts.push(text.slice(copyFrom));
    return parts.join('');
  }

  /** ` dot ` at `at` joins two labels of a host that has another dot right before or after. */
  private dotWordInHost(text: string, at: number, lastDotEnd: number): boolean {
    let left = at;
    while (left > 0 && at - left < LOOK_AROUND && isLabelChar(text.charCodeAt(left - 1))) left -= 1;
    let right = at + 5;
    while (right < text.length && right - at - 5 < LOOK_AROUND && isLabelChar(text.charCodeAt(right))) right += 1;
    if (left === at || right === at + 5) return false;
    if (text.charCodeAt(left - 1) === 0x2e || left === lastDotEnd) return true;
    if (text.charCodeAt(right) === 0x2e && isLabelChar(text.charCodeAt(right + 1))) return true;
    if (isDotWordAt(text, right) && isLabelChar(text.charCodeAt(right + 5))) return true;
    return bracketedAt(text, right)?.value === '.';
  }
}
