/**
 * Finds characters that render invisibly or reorder the text around them (bidi controls, zero-width
 * characters, C0 and C1 controls), so the panel can show each as a visible `\u202E`-style badge
 * instead of letting it disguise a claim. Shared by the host and the webview script.
 */

/**
 * Control characters other than tab and line feed, the soft hyphen, the Arabic letter mark, the
 * Mongolian vowel separator, zero-width and directional marks, line and paragraph separators,
 * bidi embeddings, overrides and isolates, invisible operators and the byte order mark.
 * A single character class, so matching is linear.
 */
const INVISIBLE_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose.
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** One piece of a text: plain text, or a single invisible character to show as a badge. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'invisible'; char: string; escape: string };

/** Returns the `\uXXXX` escape of a BMP character, upper-case as Unicode charts print it. */
export function escapeCharacter(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Splits a text into plain runs and invisible characters, in order. */
export function splitInvisible(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(INVISIBLE_CHARACTER)) {
    const index = match.index;
    if (index > last) pieces.push({ kind: 'text', text: text.slice(last, index) });
    pieces.push({ kind: 'invisible', char: match[0], escape: escapeCharacter(match[0]) });
    last = index + 1;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

/** True when the text contains at least one invisible or reordering character. */
export function hasInvisible(text: string): boolean {
  INVISIBLE_CHARACTER.lastIndex = 0;
  const found = INVISIBLE_CHARACTER.test(text);
  INVISIBLE_CHARACTER.lastIndex = 0;
  return found;
}

/**
 * Replaces each invisible character with its `\uXXXX` escape. Applied to JSON text, the result
 * parses to the same value, because such characters can only appear inside JSON strings, where the
 * escape means the same character. Used for the editable header and claims.
 */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE_CHARACTER, escapeCharacter);
}
