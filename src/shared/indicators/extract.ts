/**
 * The extractor's main loop: one left-to-right pass over the prepared text, adding what the URL
 * scanner (scan-url.ts) and the word scanner (scan-word.ts) find, in order of appearance, the first
 * occurrence of each (type, value) with its raw form.
 *
 * Every indicator holds a `.` or a `:` (a URL's scheme, an IPv6 address, a port), or is a hash,
 * which holds a digit. A regular expression of one character class jumps from one such place to the
 * next in native code; only there is the word around it read in JavaScript: back to where it starts
 * (never before the end of the previous one), then forward to where it ends. Each character is read
 * a bounded number of times, so the pass is linear, and the prose in between costs next to nothing.
 */
import * as chars from './char-classes';
import { PreparedText } from './prepare-text';
import { scanUrl, schemeLength, type UrlMatch } from './scan-url';
import { scanWord, type WordSink } from './scan-word';
import type { Indicator } from './types';

// Bound once at load: under CommonJS interop (tsx, vitest) each use of an imported name is a getter
// call, and these run for every character of a word (measured with bench/extract.ts).
const { COLON, DOT, isCjk, isLabelChar, isWordChar } = chars;

/**
 * A `.`, a `:` or a digit. A hash is not marked by either punctuation, but holds a digit (with
 * probability 1 − 10⁻¹⁴; scan-word.ts refuses the all-letter rest). Searching for the digit is a
 * single character class, several times faster than a 32-hex-digit pattern tried at every position.
 */
const HITS = /[.:0-9]/g;
/** A defang leaves a bracket, a backslash or (` dot `, `[at]` with spaces) a space in the raw text. */
const DEFANG_TRACE = /[[({\\ ]/;

/** Adds to `found` as it goes, so that a caller catching a bug still has everything before it. */
export function extractInto(input: string, found: Indicator[]): void {
  const prepared = new PreparedText(input);
  const text = prepared.text;
  const seen = { ip: new Set<string>(), domain: new Set<string>(), url: new Set<string>(), hash: new Set<string>() };
  const add = (type: Indicator['type'], value: string, from: number, to: number): void => {
    const values = type === 'ip' ? seen.ip : type === 'domain' ? seen.domain : type === 'url' ? seen.url : seen.hash;
    if (values.has(value)) return;
    values.add(value);
    found.push({ type, value, raw: prepared.raw(from, to) });
  };
  const sink: WordSink = {
    add,
    isMarked: (from, to) => DEFANG_TRACE.test(prepared.raw(from, to)),
  };

  const hits = new RegExp(HITS);
  /** Everything before it has been read. */
  let floor = 0;
  while (hits.test(text)) {
    const hit = hits.lastIndex - 1;
    const c = text.charCodeAt(hit);
    // A scheme holds no dot and no hex run, so a URL's first hit is the colon that ends it.
    const url = c === COLON ? urlEndingScheme(text, hit, floor) : null;
    if (url !== null) {
      add('url', url.value, url.start, url.end);
      floor = url.end;
    } else {
      const start = wordStart(text, hit, floor);
      floor = wordEnd(text, start);
      // A word reached through a digit alone (`2024`, `ssh2`) is an indicator only as a long hex run.
      if (wordHasMark || floor - start >= 32) scanWord(text, start, floor, sink);
    }
    hits.lastIndex = Math.max(hits.lastIndex, floor);
  }
}

/**
 * A URL whose scheme ends at the colon `colon`: `http://`, or a defanged `h**p://`, whose `*` no
 * word holds (the word scanner would start at the `p`).
 */
function urlEndingScheme(text: string, colon: number, floor: number): (UrlMatch & { start: number }) | null {
  for (let start = colon - 5; start <= colon - 4; start += 1) {
    if (start < floor || schemeLength(text, start) !== colon + 3 - start) continue;
    const url = scanUrl(text, start);
    if (url !== null) return { value: url.value, start, end: url.end };
  }
  return null;
}

/** Between ASCII and CJK text (the range test first: almost all text is below U+3040). */
function isBoundary(previous: number, c: number): boolean {
  if (c < 0x3040 && previous < 0x3040) return false;
  return (isCjk(c) && isLabelChar(previous)) || (isCjk(previous) && isLabelChar(c));
}

/** Where the word holding `at` starts: the mirror of `wordEnd`, never before `floor`. */
function wordStart(text: string, at: number, floor: number): number {
  let start = at;
  while (start > floor) {
    const previous = text.charCodeAt(start - 1);
    if (!isWordChar(previous) || isBoundary(previous, text.charCodeAt(start))) break;
    if (previous === COLON && schemeLength(text, start) > 0) break;
    start -= 1;
  }
  return start;
}

/** Set by `wordEnd`: the word holds a `.` or `:`. A variable, not a result object: no garbage. */
let wordHasMark = false;

/**
 * Where the word starting at `start` ends. It also ends where a scheme begins after a colon
 * (`url:http://…`, so the URL is read as one) and where ASCII meets CJK text (`访问evil.com然后`),
 * which is written with no spaces; a dot between them does not split (`例子.com`).
 */
function wordEnd(text: string, start: number): number {
  let previous = text.charCodeAt(start);
  let marked = previous === DOT || previous === COLON;
  let end = start + 1;
  for (; end < text.length; end += 1) {
    const c = text.charCodeAt(end);
    if (!isWordChar(c) || isBoundary(previous, c)) break;
    if (c === DOT || c === COLON) marked = true;
    else if (previous === COLON && schemeLength(text, end) > 0) break;
    previous = c;
  }
  wordHasMark = marked;
  return end;
}
