/**
 * Escaping for Markdown built from token text. Claims and headers are attacker-controlled, so every
 * piece of token text that reaches a hover goes through `escapeMarkdownText` or `fencedCodeBlock`.
 * Nothing here imports `vscode`, so the escaping is unit-tested in plain Node.
 */

/**
 * Characters shown as `\uXXXX` instead of themselves: C0 and C1 controls, bidi embeddings, overrides
 * and isolates (which can reorder what the reader sees), zero-width and invisible formatting
 * characters, line and paragraph separators, and lone surrogates.
 */
// The class lists UTF-16 code units on purpose (no `u` flag), so controls, joiners and surrogate
// halves are matched one by one.
const INVISIBLE_CHARACTER =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Every ASCII punctuation character, which CommonMark lets a backslash escape. */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Replaces invisible and direction-changing characters with a visible `\uXXXX` escape. With
 * `keepLineFeeds`, `\n` stays a line break (for code blocks); `\r` is always escaped.
 */
export function showInvisibleCharacters(text: string, keepLineFeeds = false): string {
  return text.replace(INVISIBLE_CHARACTER, (character) =>
    keepLineFeeds && character === '\n' ? character : `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * Escapes text for a Markdown paragraph so it renders literally: no emphasis, link, autolink, HTML,
 * code span, theme icon or heading can form. Invisible characters become `\uXXXX`.
 */
export function escapeMarkdownText(text: string): string {
  // Invisible characters first, so the backslashes of their `\uXXXX` escapes are escaped in turn.
  // Escaping `:`, `.` and `@` also stops GFM from autolinking bare URLs and email addresses.
  return showInvisibleCharacters(text).replace(ASCII_PUNCTUATION, (character) => `\\${character}`);
}

/** Length of the longest run of `character` in `text`. */
function longestRun(text: string, character: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === character ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

/**
 * Wraps text in a fenced code block whose backtick fence is longer than any backtick run inside,
 * so no claim can close the block early. Invisible characters become `\uXXXX`.
 */
export function fencedCodeBlock(text: string, language = ''): string {
  const body = showInvisibleCharacters(text, true);
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/**
 * Builds a `command:` link to one of our own commands. The arguments are JSON, URI-encoded, with
 * `(` and `)` encoded too, because a bare parenthesis would end the Markdown link target.
 */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdownText(label)}](command:${command}?${query})`;
}
