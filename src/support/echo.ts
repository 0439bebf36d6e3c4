// How a message shows what the user wrote: one helper for every message and every output format.
// A key or value from a spec may hold newlines, carriage returns, terminal escapes, NUL, zero-width
// or bidi characters, or be 600 KB long; echoed raw it would break a message over several lines
// (and so forge a `::error` annotation or a diagnostic of its own), run terminal commands, or hide
// text. `echo` quotes a value, escapes those characters and truncates it; `oneLine` makes a whole
// composed message safe the same way (the last line of defence, applied by every formatter).

/** Characters a value echoes as escapes: C0/C1 controls, DEL, soft hyphen, zero-width, bidi, BOM, line/paragraph separators. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" };

/** How many characters of a value a message shows before cutting it short. */
export const MAX_ECHO_CHARS = 80;
/** How long a whole message line may be (a message echoes a few values and a hint). */
export const MAX_MESSAGE_CHARS = 1000;

const escapeChar = (char: string) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** `text` with every invisible or line-breaking character written as an escape (`\n`, `\u202e`). */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}

/** The first `max` characters of `text` (never splitting a surrogate pair), with a note of how much was left out. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…(${text.length} characters)`;
}

/**
 * A user's key or value as a message quotes it: strings in double quotes with `"` and `\` escaped,
 * other values as JSON; always one line, invisible characters escaped, at most `max` characters of it.
 */
export function echo(value: unknown, max = MAX_ECHO_CHARS): string {
  if (typeof value === "string") return `"${truncate(escapeInvisible(value.replace(/[\\"]/g, "\\$&")), max)}"`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(escapeInvisible(text), max);
}

/** A composed message made safe to print: one line, invisible characters escaped, at most `max` characters. */
export function oneLine(text: string, max = MAX_MESSAGE_CHARS): string {
  return truncate(escapeInvisible(text), max);
}
