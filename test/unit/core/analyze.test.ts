import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeText, analyzeToken } from '../../../src/core/analyze';
import type { AnalyzeOptions, KeyMaterial, Policy, TokenReport } from '../../../src/core/model';
import { defaultPolicy } from '../../../src/core/policy';

const CASES = `${__dirname}/../../fixtures/cases/`;
const NOW = 1767225600;

interface ExpectedToken {
  label: string;
  range: TokenReport['range'];
}
const expected = JSON.parse(readFileSync(`${CASES}expected.json`, 'utf8')) as { cases: Array<{ id: string; file: string; tokens: ExpectedToken[] }> };

function caseFile(id: string): { text: string; tokens: ExpectedToken[] } {
  const entry = expected.cases.find((item) => item.id === id)!;
  return { text: readFileSync(CASES + entry.file, 'utf8'), tokens: entry.tokens };
}

const HMAC_KEY: KeyMaterial = { label: 'keys/hmac-test-key.txt', kind: 'secret', data: readFileSync(`${CASES}keys/hmac-test-key.txt`) };
const RSA_PUBLIC: KeyMaterial = { label: 'keys/rsa-test-public.pem', kind: 'pem', data: readFileSync(`${CASES}keys/rsa-test-public.pem`, 'utf8') };

function options(policy: Partial<Policy> = {}, extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions {
  return { policy: { ...defaultPolicy(), ...policy }, now: NOW, ...extra };
}

/** Findings per token as "rule severity: message", in text order. */
async function analyzeCase(id: string, analyzeOptions: AnalyzeOptions = options()): Promise<string[][]> {
  const { text, tokens } = caseFile(id);
  const reports = await analyzeText(text, analyzeOptions);
  assert.deepEqual(reports.map((report) => report.range), tokens.map((token) => token.range), `${id} token ranges`);
  return reports.map((report) => report.findings.map((finding) => `${finding.rule} ${finding.severity}: ${finding.message}`));
}

describe('analyzeText on the edge cases', () => {
  it('C01 warns on padding and verifies the padded text', async () => {
    const { text } = caseFile('C01');
    const [report] = await analyzeText(text, options({}, { keys: [HMAC_KEY] }));
    assert.equal(report.verification.status, 'verified');
    assert.deepEqual(report.findings.map((finding) => `${finding.rule} ${finding.severity}`), ['non-canonical-base64url warning', 'non-canonical-base64url warning']);
    assert.match(report.findings[0].message, /padding/);
  });

  it('C02 separates base64url, standard base64 and malleable spellings', async () => {
    const [a, b, c] = await analyzeCase('C02');
    assert.deepEqual(a, []);
    assert.deepEqual(b.map((hit) => hit.split(':')[0]), ['invalid-base64url error', 'invalid-base64url error']);
    assert.deepEqual(c.map((hit) => hit.split(':')[0]), ['non-canonical-base64url warning']);
  });

  it('C03 reports invalid UTF-8 only in B', async () => {
    const [a, b] = await analyzeCase('C03');
    assert.deepEqual(a, []);
    assert.deepEqual(b.map((hit) => hit.split(':')[0]), ['invalid-utf8 error']);
  });

  it('C04 reports string, list, null and boolean dates', async () => {
    const [a, b] = await analyzeCase('C04');
    assert.deepEqual(a, ['numeric-date-type error: exp must be a JSON number (NumericDate), got a string (the string looks like 2026-01-01T01:00:00Z)']);
    assert.deepEqual(b, [
      'numeric-date-type error: exp must be a JSON number (NumericDate), got an array ([1767229200])',
      'numeric-date-type error: nbf must be a JSON number (NumericDate), got null',
      'numeric-date-type error: iat must be a JSON number (NumericDate), got a boolean (true)',
    ]);
  });

  it('C05 reports ISO 8601 date strings', async () => {
    const [a] = await analyzeCase('C05');
    assert.deepEqual(a, [
      'numeric-date-type error: exp must be a JSON number (NumericDate), got a string (the string is an ISO 8601 date, 2026-01-01T00:05:00.067Z, which is NumericDate 1767225900.067)',
      'numeric-date-type error: iat must be a JSON number (NumericDate), got a string (the string is an ISO 8601 date, 2025-12-31T23:55:00.067Z, which is NumericDate 1767225300.067)',
    ]);
  });

  it('C06 warns on exp 1e50 and Infinity without saying expired', async () => {
    const [a, b] = await analyzeCase('C06');
    assert.deepEqual(a, [
      'numeric-date-out-of-range warning: exp 1e+50 is not a plausible NumericDate (after the year 275760), so the token effectively never expires',
      'lifetime-too-long warning: Token lifetime is unbounded (exp 1e+50), above the maximum of 30 days (jwtLens.policy.maxLifetime)',
    ]);
    assert.deepEqual(b, [
      'numeric-date-out-of-range warning: exp Infinity is not a plausible NumericDate (after the year 275760), so the token effectively never expires',
      'lifetime-too-long warning: Token lifetime is unbounded (exp Infinity), above the maximum of 30 days (jwtLens.policy.maxLifetime)',
    ]);
  });

  it('C07 reads exp as milliseconds and warns on the lifetime', async () => {
    const [a] = await analyzeCase('C07');
    assert.deepEqual(a.map((hit) => hit.split(':')[0]), ['exp-in-milliseconds warning', 'lifetime-too-long warning']);
    assert.match(a[0], /year 57971, as milliseconds it is 2026-01-01T01:00:00Z/);
    assert.ok(a.every((hit) => !hit.includes('expired')));
  });

  it('C08 says expired since 2018, never 1970', async () => {
    const [a] = await analyzeCase('C08');
    assert.deepEqual(a, ['token-expired error: Token expired 7 years 348 days ago (exp 2018-01-18T02:30:22Z)']);
  });

  it('C09 accepts fractional NumericDates', async () => {
    assert.deepEqual(await analyzeCase('C09'), [[]]);
  });

  it('C10 expires at exp and starts at nbf with no leeway', async () => {
    const { text } = caseFile('C10');
    const at = async (now: number): Promise<string[]> => {
      const [report] = await analyzeText(text, { ...options({ clockToleranceSeconds: 0 }), now });
      return report.findings.map((finding) => finding.rule);
    };
    assert.deepEqual(await at(NOW - 1), ['token-not-yet-valid']);
    assert.deepEqual(await at(NOW), []);
    assert.deepEqual(await at(NOW + 3599), []);
    assert.deepEqual(await at(NOW + 3600), ['token-expired']);
  });

  it('C11 tolerates skew and names the timezone bug', async () => {
    const [a, b, c] = await analyzeCase('C11');
    assert.deepEqual(a, []);
    assert.deepEqual(b, ["iat-in-future warning: iat 2026-01-02T00:00:00Z is 1 day in the future, beyond the 60 s clock tolerance; check the issuer's clock"]);
    assert.deepEqual(c, ['iat-in-future warning: iat 2026-01-01T03:00:00Z is 3 h in the future, a whole time zone offset that suggests the issuer wrote local time as UTC']);
  });

  it('C12 compares nbf the right way round', async () => {
    const [a, b, c] = await analyzeCase('C12');
    assert.deepEqual(a, []);
    assert.deepEqual(b, ['token-not-yet-valid error: Token is not valid before 2026-01-01T01:00:00Z (nbf, 1 h from now)']);
    assert.deepEqual(c, []);
  });

  it('C13 checks array audiences when one is configured', async () => {
    const [a, b, c] = await analyzeCase('C13', options({ audience: ['https://api.example.test/'] }));
    assert.deepEqual(a, []);
    assert.deepEqual(b, ['invalid-claim-type error: aud[1] must be a string, got a number (123)']);
    assert.deepEqual(c, ['audience-mismatch error: aud https://other.example.test/ does not include the expected audience https://api.example.test/']);
  });

  it('C13 only notes the audience when none is configured', async () => {
    const [, , c] = await analyzeCase('C13');
    assert.deepEqual(c, ['audience-restricted info: Token is audience-restricted to https://other.example.test/; set jwtLens.policy.audience to check it']);
  });

  it('C14 reports unsecured tokens and the empty header', async () => {
    const [a, b, c] = await analyzeCase('C14', options({ audience: ['sample-client'] }));
    assert.deepEqual(a, ['alg-none error: Token is unsecured (alg "none"), so anyone can forge it; accept only signed tokens']);
    assert.deepEqual(b, [
      'alg-none error: Token is unsecured (alg "none"), so anyone can forge it; accept only signed tokens',
      'alg-none-signature error: Token has alg "none" but a 43-character signature, which RFC 7518 3.6 forbids (malformed token)',
    ]);
    assert.deepEqual(c, [
      'empty-header error: JOSE header segment is empty, so the token has no alg and is malformed (RFC 7515 4.1.1)',
      'missing-exp warning: Token has no exp claim, so it never expires; add an exp',
      'audience-mismatch error: Token has no aud claim, but the audience must include sample-client',
    ]);
  });

  it('C15 warns on a shared kid without keys', async () => {
    const [c, a, b] = await analyzeCase('C15');
    const warning = 'alg-confusion warning: HS256 token uses kid "rsa-key-1", which another token in this text uses with RS256; verify it with that public key to rule out algorithm confusion';
    assert.deepEqual(c, []);
    assert.deepEqual(a, [warning]);
    assert.deepEqual(b, [warning]);
  });

  it('C15 reports confusion as an error with the public key', async () => {
    const { text } = caseFile('C15');
    const [c, a, b] = await analyzeText(text, options({}, { keys: [RSA_PUBLIC] }));
    assert.equal(c.verification.status, 'verified');
    assert.deepEqual(c.findings, []);
    for (const forged of [a, b]) {
      assert.deepEqual(forged.findings.map((finding) => `${finding.rule} ${finding.severity}`), ['alg-confusion error']);
      assert.match(forged.findings[0].message, /^HS256 MAC verifies with the public key keys\/rsa-test-public\.pem used as the HMAC secret/);
    }
  });
});

describe('analyzeText', () => {
  it('returns nothing for text without tokens', async () => {
    assert.deepEqual(await analyzeText('no tokens here. just.text', options()), []);
  });

  it('applies rule levels from the policy', async () => {
    const { text } = caseFile('C14');
    const reports = await analyzeText(text, options({ rules: { 'alg-none': 'warning', 'alg-none-signature': 'off', 'audience-restricted': 'off' } }));
    assert.deepEqual(reports[1].findings.map((finding) => `${finding.rule} ${finding.severity}`), ['alg-none warning']);
  });

  it('honours suppression directives', async () => {
    const { text } = caseFile('C14');
    const lines = text.split('\n');
    const suppressed = ['// jwt-lens-ignore-next-line', lines[0], `${lines[1]} <!-- jwt-lens-ignore-line alg-none-signature, audience-restricted -->`, lines[2]].join('\n');
    const reports = await analyzeText(suppressed, options());
    assert.deepEqual(reports.map((report) => report.findings.map((finding) => finding.rule)), [
      [],
      ['alg-none'],
      ['empty-header', 'missing-exp'],
    ]);
  });

  it('limits directives to their lines with CRLF', async () => {
    const { text } = caseFile('C14');
    const [first] = text.split('\n');
    const suppressed = ['// jwt-lens-ignore-next-line', '', first, `${first} // jwt-lens-ignore-line`, first].join('\r\n');
    const reports = await analyzeText(suppressed, options());
    assert.deepEqual(reports.map((report) => report.findings.length > 0), [true, false, true]);
  });

  it('judges nested tokens on the inner claims', async () => {
    const inner = caseFile('C08').text.trim().slice('sample: '.length);
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', cty: 'JWT' })).toString('base64url');
    const outer = `${header}.${Buffer.from(inner).toString('base64url')}.${Buffer.alloc(32, 1).toString('base64url')}`;
    const report = await analyzeToken(outer, options());
    assert.deepEqual(report.findings.map((finding) => `${finding.rule}: ${finding.message}`), [
      'nested-jwt: Payload is a nested JWS (alg HS256), so the findings marked "Nested token" judge its claims',
      'token-expired: Nested token: Token expired 7 years 348 days ago (exp 2018-01-18T02:30:22Z)',
    ]);
  });
});

describe('analyzeToken', () => {
  it('analyzes one token with surrounding whitespace', async () => {
    const token = caseFile('C08').text.trim().slice('sample: '.length);
    const report = await analyzeToken(`  ${token}\n`, options());
    assert.equal(report.match.text, token);
    assert.deepEqual(report.range, { start: { line: 0, character: 0 }, end: { line: 0, character: token.length } });
    assert.deepEqual(report.findings.map((finding) => finding.rule), ['token-expired']);
  });

  it('reports a malformed string instead of throwing', async () => {
    const report = await analyzeToken('not-a-token', options());
    assert.deepEqual(report.findings.map((finding) => finding.rule), ['malformed-token']);
  });
});

describe('analyzeText line context', () => {
  it('flags a token in a query string', async () => {
    const token = caseFile('C10').text.trim();
    const [report] = await analyzeText(`see https://app.example.test/callback?token=${token} for details`, options());
    assert.deepEqual(report.findings.map((finding) => finding.rule), ['token-in-url']);
  });
});

describe('analyzeText file context', () => {
  it('does not match HMAC and asymmetric tokens by issuer', async () => {
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = { iss: 'https://auth.example.test/', sub: 'user-42', iat: NOW, exp: NOW + 600 };
    const signature = Buffer.alloc(64, 3).toString('base64url');
    const access = `${encode({ alg: 'ES256', kid: 'ec-1' })}.${encode(claims)}.${signature}`;
    const refresh = `${encode({ alg: 'HS256' })}.${encode(claims)}.${signature.slice(0, 43)}`;
    const reports = await analyzeText(`${access}\n${refresh}\n`, options());
    assert.deepEqual(reports.map((report) => report.findings.map((finding) => finding.rule)), [[], []]);
  });
});
