/** Text from outside (arguments, answers, files) made safe to show on a terminal. */

/** Control characters (an escape sequence hidden in an argument or a file) become `?`. */
export function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? '?' : char;
  }
  return out;
}

/** `printable`, cut to `max` characters for an error message. */
export function shortPrintable(text: string, max = 40): string {
  const clean = printable(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
