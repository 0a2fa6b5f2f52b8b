import assert from 'node:assert/strict';
import { analyzeToken } from '../../../../src/core/analyze';
import { defaultPolicy } from '../../../../src/core/policy';
import { HOVER_COMMANDS, renderHover } from '../../../../src/extension/hover/renderHover';
import { DEPTH_MARKER, MAX_PREVIEW_DEPTH } from '../../../../src/extension/jsonPreview';

const NOW = 1767225600;

function token(header: object, claims: object | string): string {
  const encode = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(claims)}.c2ln`;
}

/** Removes CommonMark backslash escapes, giving the text a reader sees. */
function unescape(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Builds a token from header and payload JSON text, for inputs `JSON.stringify` cannot produce. */
function tokenFromText(headerJson: string, payloadJson: string): string {
  return `${Buffer.from(headerJson).toString('base64url')}.${Buffer.from(payloadJson).toString('base64url')}.c2ln`;
}

function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

async function render(raw: string, availableCommands: Iterable<string> = HOVER_COMMANDS): Promise<string> {
  const report = await analyzeToken(raw, { policy: defaultPolicy(), now: NOW });
  return renderHover(report, { now: NOW, availableCommands: new Set(availableCommands) });
}

describe('renderHover', () => {
  it('words expiry relative to now', async () => {
    const markdown = await render(token({ alg: 'HS256' }, { iat: NOW - 3 * 86400, exp: NOW + 7980 }));
    assert.ok(unescape(markdown).includes('- exp: 2026-01-01T02:13:00Z (expires in 2 h 13 min)'), markdown);
    assert.ok(unescape(markdown).includes('- iat: 2025-12-29T00:00:00Z (issued 3 days ago)'), markdown);
  });

  it('words a past expiry', async () => {
    const markdown = await render(token({ alg: 'HS256' }, { exp: NOW - 3 * 86400 }));
    assert.ok(unescape(markdown).includes('(expired 3 days ago)'), markdown);
  });

  it('links only registered commands', async () => {
    const markdown = await render(token({ alg: 'HS256' }, { sub: 'a' }), ['jwtLens.copyDecodedClaims']);
    assert.ok(markdown.includes('[Copy claims](command:jwtLens.copyDecodedClaims?'));
    assert.ok(!markdown.includes('jwtLens.openPanel'));
  });

  it('shows a payload that is not JSON', async () => {
    const markdown = await render(token({ alg: 'HS256' }, 'plain ``` text'));
    assert.ok(markdown.includes('**Payload** (not JSON)\n\n````\nplain ``` text\n````'), markdown);
  });

  it('labels an alg none token unsecured', async () => {
    const markdown = await render(`${token({ alg: 'none' }, { sub: 'a' }).split('.').slice(0, 2).join('.')}.`);
    assert.equal(unescape(markdown.split('\n')[0]), '**JSON Web Token**: JWS (unsecured, alg none)');
  });

  it('marks private claims only in JSON', async () => {
    const markdown = await render(token({ alg: 'HS256', kid: 'k1' }, { sub: 'a', tenant: 'x' }));
    assert.ok(unescape(markdown).includes('**sub** (Subject, RFC 7519)'));
    assert.ok(!markdown.includes('**tenant**'));
    assert.ok(unescape(markdown).includes('**kid** (Key ID, RFC 7515)'));
  });
  it('shows a kid nested 20 000 levels deep', async () => {
    const markdown = await render(tokenFromText(`{"alg":"HS256","kid":${nestedArrays(20000)}}`, `{"sub":"a","deep":${nestedArrays(20000)}}`));
    const title = unescape(markdown.split('\n')[0]);
    const kid = `${'['.repeat(MAX_PREVIEW_DEPTH)}${DEPTH_MARKER}${']'.repeat(MAX_PREVIEW_DEPTH)}`;
    assert.equal(title, `**JSON Web Token**: JWS (signed), alg HS256, kid ${kid.slice(0, 80)}… (${kid.length - 80} more characters)`);
    assert.ok(markdown.includes('"deep": [\n'), markdown);
  });

  it('notes an exp nested 20 000 levels deep', async () => {
    const markdown = await render(tokenFromText('{"alg":"HS256"}', `{"sub":"a","exp":${nestedArrays(20000)}}`));
    assert.ok(unescape(markdown).includes(`\n- exp: ${'['.repeat(59)}… (not a NumericDate)\n`), markdown.slice(0, 2000));
  });

  it('folds a payload of 200 000 claims', async () => {
    const members = Array.from({ length: 200000 }, (_, i) => `"c${i}":${i}`).join(',');
    const markdown = await render(tokenFromText('{"alg":"HS256"}', `{"sub":"a",${members}}`));
    assert.ok(markdown.includes('  … 199961 more members\n}'), markdown.slice(0, 2000));
    assert.ok(unescape(markdown).includes('**sub** (Subject, RFC 7519)'));
  });
});
