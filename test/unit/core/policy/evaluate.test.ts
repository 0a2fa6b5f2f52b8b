import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../../../src/core/analyze';
import { RULE_IDS, type DecodedToken } from '../../../../src/core/model';
import { defaultPolicy, evaluatePolicy } from '../../../../src/core/policy';
import { RULES } from '../../../../src/core/rules';
import { NOW, token, UNVERIFIED } from '../rules/helpers';

const HEADER_NAMES = ['alg', 'typ', 'kid', 'cty', 'crit', 'b64', 'jwk', 'jku', 'x5u', 'x5c', 'zip', 'enc'];
const CLAIM_NAMES = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'client_id', 'scope', 'auth_time', 'password', 'card', '__proto__', 'constructor'];

/** Any JSON value, with the special numbers JSON.parse can produce (1e400 is Infinity). */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, Infinity, -Infinity, 1e50, -1, 0, 1767225600, 1767229200000, 0.5, '', '../../dev/null', '1767229200', '2026-01-01T00:00:00Z', 'none', 'NONE', 'HS256', 'ES256', 'JWT', 'at+jwt'),
    fc.string(),
    fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...CLAIM_NAMES)), tie('value'), { maxKeys: 4 }),
  ),
})).value;

function objectWith(names: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string()), jsonValue, { maxKeys: 8 });
}

function assertWellFormed(findings: ReturnType<typeof evaluatePolicy>): void {
  for (const finding of findings) {
    assert.ok((RULE_IDS as readonly string[]).includes(finding.rule), finding.rule);
    assert.ok(['error', 'warning', 'info'].includes(finding.severity), finding.severity);
    assert.ok(finding.message.length > 0, finding.rule);
    assert.ok(!finding.message.startsWith(`Rule ${finding.rule} failed`), finding.message);
  }
}

describe('evaluatePolicy on arbitrary tokens', () => {
  it('never throws and keeps findings well formed', () => {
    fc.assert(
      fc.property(
        fc.option(objectWith(HEADER_NAMES), { nil: null }),
        fc.oneof(objectWith(CLAIM_NAMES), jsonValue),
        fc.uint8Array({ maxLength: 140 }),
        fc.constantFrom<'jws' | 'jwe'>('jws', 'jwe'),
        fc.integer({ min: 0, max: 600 }),
        (header, payload, signature, kind, tolerance) => {
          const decoded: DecodedToken = token(header, payload, { signature, kind });
          const policy = { ...defaultPolicy(), clockToleranceSeconds: tolerance, audience: ['a'], issuer: ['i'], typ: 'JWT', requiredClaims: ['sub'] };
          assertWellFormed(evaluatePolicy(decoded, UNVERIFIED, policy, NOW, { asymmetricAlgsByKid: new Map() }));
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });

  it('reports a throwing rule as a warning', () => {
    const rule = RULES.find((item) => item.id === 'kid-injection')!;
    const original = Object.getOwnPropertyDescriptor(rule, 'check')!;
    Object.defineProperty(rule, 'check', {
      value: () => {
        throw new Error('boom');
      },
    });
    try {
      const findings = evaluatePolicy(token({ alg: 'HS256' }, { sub: 'a', exp: NOW + 60 }), UNVERIFIED, defaultPolicy(), NOW);
      assert.deepEqual(findings, [{ rule: 'kid-injection', severity: 'warning', message: "Rule kid-injection failed on this token (boom); please report it with the token's header" }]);
    } finally {
      Object.defineProperty(rule, 'check', original);
    }
  });
});

describe('analyzeText on arbitrary text', () => {
  it('never throws on token-like fragments', async () => {
    const fragment = fc.constantFrom('eyJhbGciOiJub25lIn0', 'eyJ', '.', '..', '=', '+', '/', ' ', '\n', '\r\n', 'eyJhbGciOiJIUzI1NiJ9', 'e30', 'W10', '// jwt-lens-ignore-next-line alg-none', 'jwt-lens-ignore-line');
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 30 }), async (pieces) => {
        const reports = await analyzeText(pieces.join(''), { policy: defaultPolicy(), now: NOW });
        for (const report of reports) assertWellFormed(report.findings);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
