/** Line-comment syntax by VS Code language id, for `jwt-lens-ignore-next-line` directives. */

export interface CommentSyntax {
  start: string;
  /** Closing text for languages with only block comments (HTML, CSS). */
  end?: string;
}

const SLASHES: CommentSyntax = { start: '//' };
const HASH: CommentSyntax = { start: '#' };
const DASHES: CommentSyntax = { start: '--' };
const SEMICOLON: CommentSyntax = { start: ';' };
const PERCENT: CommentSyntax = { start: '%' };
const HTML: CommentSyntax = { start: '<!--', end: '-->' };
const CSS: CommentSyntax = { start: '/*', end: '*/' };

const BY_LANGUAGE: ReadonlyMap<string, CommentSyntax> = new Map([
  ...[
    'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'jsonc', 'json5', 'c', 'cpp', 'csharp', 'java',
    'go', 'rust', 'swift', 'kotlin', 'scala', 'php', 'dart', 'groovy', 'fsharp', 'less', 'scss', 'objective-c',
    'objective-cpp', 'vue', 'svelte', 'proto', 'proto3', 'zig', 'http',
  ].map((id) => [id, SLASHES] as const),
  ...[
    'python', 'shellscript', 'yaml', 'ruby', 'perl', 'r', 'dockerfile', 'makefile', 'toml', 'properties', 'dotenv',
    'powershell', 'elixir', 'julia', 'coffeescript', 'ignore', 'nginx', 'terraform', 'hcl', 'plaintext', 'raw',
    'restructuredtext', 'cmake', 'graphql', 'conf', 'env',
  ].map((id) => [id, HASH] as const),
  ...['sql', 'lua', 'haskell', 'elm', 'ada'].map((id) => [id, DASHES] as const),
  ...['ini', 'clojure', 'lisp', 'scheme', 'asm'].map((id) => [id, SEMICOLON] as const),
  ...['latex', 'tex', 'erlang', 'matlab', 'bibtex'].map((id) => [id, PERCENT] as const),
  ...['html', 'xml', 'markdown', 'xsl', 'svg'].map((id) => [id, HTML] as const),
  ['css', CSS],
  ['vb', { start: "'" }],
  ['bat', { start: 'REM' }],
]);

/** Languages where a comment cannot be written, so only the settings route can silence a rule. */
const NO_COMMENTS = new Set(['json', 'jsonl', 'snippets']);

/**
 * Returns the comment syntax for a language, or undefined when the language has no comments. Unknown
 * languages get `#`, the most common line comment outside the C family.
 */
export function commentSyntaxFor(languageId: string): CommentSyntax | undefined {
  if (NO_COMMENTS.has(languageId)) return undefined;
  return BY_LANGUAGE.get(languageId) ?? HASH;
}

/** The directive line that silences `rule` on the line below. */
export function ignoreDirective(syntax: CommentSyntax, rule: string): string {
  const body = `${syntax.start} jwt-lens-ignore-next-line ${rule}`;
  return syntax.end ? `${body} ${syntax.end}` : body;
}
