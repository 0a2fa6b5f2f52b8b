// The token hover inside a real VS Code, on the edge-case fixtures.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, C03_A_CLAIMS, jwtHover, openFixture, OUR_HOVER_COMMANDS, settle, splitCodeBlocks, unescapeMarkdown, workspaceUri } from './helpers';

async function hoverText(file: string, line: number, character: number): Promise<{ markdown: vscode.MarkdownString; prose: string; blocks: string[] }> {
  const document = await openFixture('cases', file);
  const markdown = await jwtHover(document.uri, new vscode.Position(line, character));
  assert.ok(markdown, `no JWT Lens hover at ${file}:${line}:${character}`);
  const { prose, blocks } = splitCodeBlocks(markdown.value);
  return { markdown, prose: unescapeMarkdown(prose), blocks };
}

describe('hover', () => {
  before(async () => {
    await activateExtension();
  });

  it('shows UTF-8 claims exactly (C03 A)', async () => {
    const { prose, blocks } = await hoverText('case-03.txt', 1, 50);
    const claims = blocks.find((block) => block.includes('"sub"'));
    assert.ok(claims, 'no claims code block');
    assert.deepEqual(JSON.parse(claims), C03_A_CLAIMS);
    assert.match(prose, /No findings\./);
  });

  it('reports invalid UTF-8 (C03 B)', async () => {
    const { prose } = await hoverText('case-03.txt', 3, 50);
    assert.match(prose, /\*\*Error\*\* invalid-utf8: Payload is not valid UTF-8 \(byte 0xE9 at offset 28\)/);
    assert.doesNotMatch(prose, /Renã/);
  });

  it('shows 2018 dates, never 1970 (C08)', async () => {
    const { prose } = await hoverText('case-08.yaml', 0, 20);
    assert.match(prose, /iat: 2018-01-18T01:30:22Z \(issued 7 years 348 days ago\)/);
    assert.match(prose, /exp: 2018-01-18T02:30:22Z \(expired 7 years 348 days ago\)/);
    assert.match(prose, /\*\*Error\*\* token-expired: Token expired 7 years 348 days ago \(exp 2018-01-18T02:30:22Z\)/);
    assert.doesNotMatch(prose, /1970-/);
  });

  it('renders claims with type errors (C04 B)', async () => {
    const { prose } = await hoverText('case-04.js', 1, 40);
    assert.match(prose, /exp: \[1767229200\] \(not a NumericDate\)/);
    assert.match(prose, /nbf: null \(not a NumericDate\)/);
    assert.match(prose, /iat: true \(not a NumericDate\)/);
    assert.match(prose, /numeric-date-type: exp must be a JSON number \(NumericDate\), got an array/);
    assert.match(prose, /numeric-date-type: nbf must be a JSON number \(NumericDate\), got null/);
    assert.match(prose, /numeric-date-type: iat must be a JSON number \(NumericDate\), got a boolean/);
  });

  it('words a future expiry relatively (C01)', async () => {
    const { prose } = await hoverText('case-01.txt', 1, 10);
    assert.match(prose, /exp: 2026-01-01T01:00:00Z \(expires in 1 h\)/);
    assert.match(prose, /\*\*Not verified\*\*/);
  });

  it('never says expired for exp 1e50 (C06 A)', async () => {
    const { prose } = await hoverText('case-06.txt', 0, 20);
    assert.match(prose, /exp: 1e\+50 \(not a representable date\)/);
    assert.doesNotMatch(prose, /expired/);
  });

  it('describes registered claims and header parameters', async () => {
    const { prose } = await hoverText('case-13.txt', 1, 10);
    assert.match(prose, /\*\*iss\*\* \(Issuer, RFC 7519\): The principal that issued the token\./);
    assert.match(prose, /\*\*aud\*\* \(Audience, RFC 7519\)/);
    assert.match(prose, /\*\*alg\*\* \(Algorithm, RFC 7515\)/);
    assert.match(prose, /JWS \(signed\), alg HS256, typ JWT/);
  });

  it('trusts only our command links', async () => {
    const { markdown } = await hoverText('case-01.txt', 1, 10);
    assert.deepEqual(markdown.isTrusted, { enabledCommands: OUR_HOVER_COMMANDS });
    assert.equal(markdown.supportHtml, false);
    assert.match(markdown.value, /\[Open in panel\]\(command:jwtLens\.openPanel\?/);
    assert.match(markdown.value, /\[Copy claims\]\(command:jwtLens\.copyDecodedClaims\?/);
  });

  it('works in untitled documents', async () => {
    const token = (await openFixture('cases', 'case-10.txt')).lineAt(0).text;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `Token: ${token}\n` });
    const markdown = await jwtHover(document.uri, new vscode.Position(0, 20));
    assert.ok(markdown, 'no hover in an untitled document');
    assert.match(unescapeMarkdown(splitCodeBlocks(markdown.value).prose), /nbf: 2026-01-01T00:00:00Z \(valid from now\)/);
  });

  it('verifies with a session key', async () => {
    const api = await activateExtension();
    const secret = await vscode.workspace.fs.readFile(workspaceUri('cases', 'keys', 'hmac-test-key.txt'));
    api.services.keys.add({ label: 'session test key', kind: 'secret', data: secret });
    try {
      const document = await openFixture('cases', 'case-10.txt');
      await settle(document.uri);
      const markdown = await jwtHover(document.uri, new vscode.Position(0, 20));
      assert.ok(markdown);
      assert.match(unescapeMarkdown(markdown.value), /\*\*Signature verified\*\* with session test key/);
    } finally {
      api.services.keys.remove('session test key');
    }
  });

  it('is absent away from tokens', async () => {
    const document = await openFixture('cases', 'case-01.txt');
    assert.equal(await jwtHover(document.uri, new vscode.Position(0, 3)), undefined);
  });
});
