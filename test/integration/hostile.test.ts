// Hovers over tokens whose header and claims are written to attack the hover: Markdown links, HTML,
// command URIs, bidi and zero-width characters, backtick fences and a 100 kB token.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, jwtHover, openFixture, OUR_HOVER_COMMANDS, splitCodeBlocks, tokenLineAfter } from './helpers';

/** Bidi controls, zero-width and other invisible characters that must never reach a hover raw. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** True when the character at `index` is preceded by an odd number of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Positions of `needle` in `text` that are not backslash-escaped. */
function unescapedIndexes(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(needle); index >= 0; index = text.indexOf(needle, index + 1)) {
    if (!isEscaped(text, index)) found.push(index);
  }
  return found;
}

/** Checks everything a hostile hover must satisfy and returns its prose and code blocks. */
function assertSafe(markdown: vscode.MarkdownString): { prose: string; blocks: string[] } {
  assert.deepEqual(markdown.isTrusted, { enabledCommands: OUR_HOVER_COMMANDS });
  assert.equal(markdown.supportHtml, false);
  assert.doesNotMatch(markdown.value, INVISIBLE, 'an invisible or bidi character reached the hover');

  const { prose, blocks } = splitCodeBlocks(markdown.value);
  for (const index of unescapedIndexes(prose, '](')) {
    const target = prose.slice(index + 2, index + 80);
    assert.match(target, /^command:jwtLens\.(openPanel|verifyToken|copyDecodedHeader|copyDecodedClaims)\?/, `unexpected link target ${target}`);
  }
  for (const needle of ['<', '![', '://', 'www.', '@', '`', '$(']) {
    assert.deepEqual(unescapedIndexes(prose, needle), [], `unescaped ${needle} in the hover prose`);
  }
  assert.doesNotMatch(prose, /\(command:(?!jwtLens\.)/);
  return { prose, blocks };
}

describe('hostile tokens', () => {
  let document: vscode.TextDocument;

  before(async () => {
    await activateExtension();
    document = await openFixture('hostile.txt');
  });

  async function hoverOn(label: string): Promise<vscode.MarkdownString> {
    const markdown = await jwtHover(document.uri, new vscode.Position(tokenLineAfter(document, `# ${label}`), 5));
    assert.ok(markdown, `no hover on the ${label} token`);
    return markdown;
  }

  it('escapes links and HTML in claims', async () => {
    const { blocks } = assertSafe(await hoverOn('claims'));
    const claims = blocks.find((block) => block.includes('"sub"'));
    assert.ok(claims, 'no claims block');
    // Inside the code block the hostile text is shown literally, as JSON.
    assert.ok(claims.includes('"sub": "<script>alert(1)</script>"'));
    assert.ok(claims.includes('"bidi": "user\\u202Enimda"'), claims);
    assert.ok(claims.includes('"zeroWidth": "ad\\u200Bmin\\u2060\\uFEFF"'), claims);
  });

  it('keeps a backtick claim inside its fence', async () => {
    const { blocks } = assertSafe(await hoverOn('claims'));
    const claims = blocks.find((block) => block.includes('"fence"'));
    assert.ok(claims, 'the fence claim left its code block');
    assert.ok(claims.includes('"exp": 1767229200'), 'the claims after the fence claim left the block');
  });

  it('escapes hostile header values', async () => {
    const { prose } = assertSafe(await hoverOn('header'));
    assert.ok(prose.includes('typ \\<b\\>JWT\\<\\/b\\>'), prose);
    assert.ok(prose.includes('\\\\u202E'), 'the bidi override in kid is not made visible');
  });

  it('folds a 100 kB token', async () => {
    const markdown = await hoverOn('large');
    const { blocks } = assertSafe(markdown);
    const claims = blocks.find((block) => block.includes('"blob"'));
    assert.ok(claims, 'no claims block');
    assert.ok(claims.includes('…" (69800 more characters)'), 'the long string is not folded with a note');
    assert.ok(claims.includes('… 480 more items'), 'the long array is not folded with a note');
    // Link targets carry the token to the panel; what the reader sees must stay small.
    const visible = markdown.value.replace(/\]\(command:[^)]*\)/g, ']');
    assert.ok(visible.length < 20_000, `hover shows ${visible.length} characters`);
    assert.doesNotMatch(markdown.value, /copyDecodedClaims\?[^)]*token/, 'the copy link carries the whole 100 kB token');
  });

  it('never lets a claim name form a link', async () => {
    const { prose, blocks } = assertSafe(await hoverOn('header'));
    assert.ok(blocks.some((block) => block.includes('"[name](command:workbench.action.terminal.new)": "claim name is a link"')));
    assert.ok(blocks.some((block) => block.includes('"__proto__": {')), 'the __proto__ claim is not shown');
    assert.doesNotMatch(prose, /\[name\]\(command/);
  });
});
