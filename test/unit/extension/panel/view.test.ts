import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { decodeToken } from '../../../../src/core/decode/decodeToken';
import type { TokenReport } from '../../../../src/core/model';
import { reindentJson } from '../../../../src/extension/panel/prettyJson';
import { buildPanelView, MAX_CLAIM_ROWS, MAX_SEGMENTS, segmentsOf, timeOf } from '../../../../src/extension/panel/view';
import { DEPTH_MARKER, MAX_PREVIEW_DEPTH } from '../../../../src/extension/jsonPreview';
import { escapeInvisible, hasInvisible, splitInvisible } from '../../../../src/extension/panel/visibleText';

const NOW = 1767225600;
const CASES = path.resolve(__dirname, '../../../fixtures/cases');

/** Reads the token after `label` in a case file (labels such as "A exp=10^50:" precede each token). */
function tokenFromCase(file: string, label: string): string {
  const line = readFileSync(path.join(CASES, file), 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(label));
  assert.ok(line, `no line starting with ${label} in ${file}`);
  return line.slice(line.lastIndexOf(' ') + 1);
}

function reportOf(raw: string): TokenReport {
  const decoded = decodeToken(raw);
  return {
    match: { text: raw, start: 0, end: raw.length, kind: decoded.kind, segments: decoded.parts.length },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: raw.length } },
    decoded,
    verification: { status: 'unverified', verifiedBy: null, reason: 'No key was given.' },
    findings: [{ rule: 'missing-exp', severity: 'warning', message: 'Token has no exp claim.' }],
  };
}

const CONTEXT = { now: NOW, sourceLabel: null, keys: [], secretAlgorithms: ['HS256'], hasStoredSecret: false };

describe('buildPanelView', () => {
  it('shows seconds-based dates in 2018, never 1970', () => {
    const view = buildPanelView(reportOf(tokenFromCase('case-08.yaml', 'sample:')), CONTEXT);
    const iat = view.claims.find((claim) => claim.name === 'iat');
    const exp = view.claims.find((claim) => claim.name === 'exp');
    assert.deepEqual(iat?.time, { iso: '2018-01-18T01:30:22Z', relative: '7 years 348 days ago' });
    assert.equal(exp?.time?.iso, '2018-01-18T02:30:22Z');
  });

  it('renders exp 10^50 and 1e400 without throwing', () => {
    const huge = buildPanelView(reportOf(tokenFromCase('case-06.txt', 'A exp=10^50:')), CONTEXT);
    const hugeExp = huge.claims.find((claim) => claim.name === 'exp');
    assert.equal(hugeExp?.value, '1e+50');
    assert.deepEqual(hugeExp?.time, { iso: '1e+50 (not a representable date)', relative: 'at an unrepresentable time' });

    const infinite = buildPanelView(reportOf(tokenFromCase('case-06.txt', 'B exp=1e400')), CONTEXT);
    const infiniteExp = infinite.claims.find((claim) => claim.name === 'exp');
    assert.equal(infiniteExp?.value, 'Infinity');
    assert.equal(infiniteExp?.time?.iso, 'Infinity (not a representable date)');
    // The decoded payload keeps the token's own spelling, which JSON.stringify would turn into null.
    assert.match(infinite.payloadText ?? '', /"exp": 1e400/);
  });

  it('describes registered claims', () => {
    const view = buildPanelView(reportOf(tokenFromCase('case-08.yaml', 'sample:')), CONTEXT);
    const sub = view.claims.find((claim) => claim.name === 'sub');
    assert.match(sub?.description ?? '', /^Subject: /);
    const name = view.claims.find((claim) => claim.name === 'name');
    assert.equal(name?.time, null);
  });

  it('offers the inner token of a nested JWT', () => {
    const inner = tokenFromCase('case-08.yaml', 'sample:');
    const header = Buffer.from('{"alg":"none","cty":"JWT"}').toString('base64url');
    const outer = `${header}.${Buffer.from(inner).toString('base64url')}.`;
    assert.equal(buildPanelView(reportOf(outer), CONTEXT).nestedToken, inner);
    assert.equal(buildPanelView(reportOf(inner), CONTEXT).nestedToken, null);
  });

  it('lists __proto__ and constructor as plain claims', () => {
    const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
    const payload = Buffer.from('{"__proto__":{"admin":true},"constructor":"c"}').toString('base64url');
    const view = buildPanelView(reportOf(`${header}.${payload}.c2ln`), CONTEXT);
    assert.deepEqual(
      view.claims.map((claim) => [claim.name, claim.value, claim.description]),
      [
        ['__proto__', '{"admin":true}', null],
        ['constructor', '"c"', null],
      ],
    );
  });

  it('shows a claim nested 20 000 levels deep', () => {
    const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
    const payload = Buffer.from(`{"sub":"a","deep":${'['.repeat(20000)}${']'.repeat(20000)}}`).toString('base64url');
    const view = buildPanelView(reportOf(`${header}.${payload}.c2ln`), CONTEXT);
    assert.deepEqual(
      view.claims.map((claim) => [claim.name, claim.value]),
      [
        ['sub', '"a"'],
        ['deep', `${'['.repeat(MAX_PREVIEW_DEPTH)}${DEPTH_MARKER}${']'.repeat(MAX_PREVIEW_DEPTH)}`],
      ],
    );
    assert.equal(view.omittedClaims, 0);
  });

  it('lists at most MAX_CLAIM_ROWS of 200 000 claims', () => {
    const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
    const members = Array.from({ length: 200000 }, (_, i) => `"c${i}":${i}`).join(',');
    const payload = Buffer.from(`{${members}}`).toString('base64url');
    const view = buildPanelView(reportOf(`${header}.${payload}.c2ln`), CONTEXT);
    assert.equal(view.claims.length, MAX_CLAIM_ROWS);
    assert.deepEqual(view.claims[MAX_CLAIM_ROWS - 1], { name: `c${MAX_CLAIM_ROWS - 1}`, value: String(MAX_CLAIM_ROWS - 1), description: null, time: null });
    assert.equal(view.omittedClaims, 200000 - MAX_CLAIM_ROWS);
  });

  it('copies findings and verification without keys', () => {
    const view = buildPanelView(reportOf(tokenFromCase('case-08.yaml', 'sample:')), CONTEXT);
    assert.deepEqual(view.findings, [{ rule: 'missing-exp', severity: 'warning', message: 'Token has no exp claim.' }]);
    assert.deepEqual(view.verification, { status: 'unverified', verifiedBy: null, reason: 'No key was given.' });
  });
});

describe('segmentsOf', () => {
  it('names JWS and JWE segments', () => {
    assert.deepEqual(
      segmentsOf(['h', 'p', 's'], 'jws').map((segment) => segment.role),
      ['header', 'payload', 'signature'],
    );
    assert.deepEqual(
      segmentsOf(['h', 'k', 'i', 'c', 't', 'x'], 'jwe').map((segment) => segment.role),
      ['header', 'encrypted-key', 'iv', 'ciphertext', 'tag', 'extra'],
    );
  });

  it('merges segments of 500 000 dots', () => {
    const raw = `h.p.s${'.x'.repeat(500_000)}`;
    const view = buildPanelView(reportOf(raw), CONTEXT);
    assert.equal(view.segmentCount, 500_003);
    assert.equal(view.segments.length, MAX_SEGMENTS);
    assert.deepEqual(view.segments.slice(0, 4), [
      { role: 'header', text: 'h' },
      { role: 'payload', text: 'p' },
      { role: 'signature', text: 's' },
      { role: 'extra', text: 'x' },
    ]);
    assert.equal(view.segments.map((segment) => segment.text).join('.'), raw);
  });
});

describe('timeOf', () => {
  it('handles values that are not dates', () => {
    assert.deepEqual(timeOf(Number.POSITIVE_INFINITY, NOW), {
      iso: 'Infinity (not a representable date)',
      relative: 'at an unrepresentable time',
    });
    assert.deepEqual(timeOf('1767229200', NOW), { iso: '"1767229200" (not a NumericDate)', relative: 'not a NumericDate' });
    assert.deepEqual(timeOf(NOW + 3600, NOW), { iso: '2026-01-01T01:00:00Z', relative: 'in 1 h' });
  });

  it('notes a date nested 20 000 levels deep', () => {
    const deep = JSON.parse(`${'['.repeat(20000)}${']'.repeat(20000)}`) as unknown;
    assert.deepEqual(timeOf(deep, NOW), { iso: `${'['.repeat(59)}… (not a NumericDate)`, relative: 'not a NumericDate' });
    assert.deepEqual(timeOf([1767229200], NOW), { iso: '[1767229200] (not a NumericDate)', relative: 'not a NumericDate' });
  });
});

describe('reindentJson', () => {
  it('indents objects and keeps number spellings', () => {
    assert.equal(reindentJson('{"a":1e400,"b":[1,{}],"c":[]}'), '{\n  "a": 1e400,\n  "b": [\n    1,\n    {}\n  ],\n  "c": []\n}');
  });

  it('keeps duplicate members and string contents', () => {
    assert.equal(reindentJson('{"a":"x, {y}: \\"z\\"","a":2}'), '{\n  "a": "x, {y}: \\"z\\"",\n  "a": 2\n}');
  });

  it('caps indentation for deep nesting', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const output = reindentJson(deep);
    // Each bracket gets a line break and at most 16 levels of two-space indent; uncapped it would be ~50 million.
    assert.ok(output.length <= 10000 * 34, `output has ${output.length} characters`);
  });
});

describe('visibleText', () => {
  it('splits out bidi and zero-width characters', () => {
    assert.deepEqual(splitInvisible('admin\u202Enimda\u200B!'), [
      { kind: 'text', text: 'admin' },
      { kind: 'invisible', char: '\u202E', escape: '\\u202E' },
      { kind: 'text', text: 'nimda' },
      { kind: 'invisible', char: '\u200B', escape: '\\u200B' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('leaves ordinary text, tabs and line feeds alone', () => {
    assert.deepEqual(splitInvisible('Zoë 测试 🎉\t\n'), [{ kind: 'text', text: 'Zoë 测试 🎉\t\n' }]);
    assert.equal(hasInvisible('Zoë 测试 🎉'), false);
    assert.equal(hasInvisible('a\u2066b'), true);
  });

  it('escapes invisible characters so JSON keeps its value', () => {
    const json = JSON.stringify({ role: 'user\u202E\u200Dnimda', note: '\uFEFF' });
    const escaped = escapeInvisible(json);
    assert.equal(hasInvisible(escaped), false);
    assert.deepEqual(JSON.parse(escaped), JSON.parse(json));
  });
});
