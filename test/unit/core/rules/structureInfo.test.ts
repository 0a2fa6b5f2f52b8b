import assert from 'node:assert/strict';
import { decodeToken } from '../../../../src/core/decode/decodeToken';
import { evaluate, freshClaims, hitsOf, HS256, rulesOf, token } from './helpers';

describe('structure rules', () => {
  it('map each decoder problem to a finding', () => {
    const decoded = token(HS256, freshClaims(), {
      problems: [
        { rule: 'malformed-token', message: 'Token has 4 dot-separated segments.' },
        { rule: 'invalid-base64url', message: 'Payload uses +.', segment: 1 },
        { rule: 'non-canonical-base64url', message: 'Signature ends in = padding.', segment: 2 },
        { rule: 'invalid-utf8', message: 'Payload is not valid UTF-8.', segment: 1 },
        { rule: 'invalid-json', message: 'Header is not valid JSON.', segment: 0 },
        { rule: 'claims-not-object', message: 'Claims are an array.', segment: 1 },
        { rule: 'duplicate-member', message: 'Header has "alg" twice.', segment: 0 },
      ],
    });
    const findings = evaluate(decoded);
    assert.deepEqual(findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.segment}: ${finding.message}`), [
      'malformed-token error undefined: Token has 4 dot-separated segments',
      'invalid-base64url error 1: Payload uses +',
      'non-canonical-base64url warning 2: Signature ends in = padding',
      'invalid-utf8 error 1: Payload is not valid UTF-8',
      'invalid-json error 0: Header is not valid JSON',
      'claims-not-object error 1: Claims are an array',
      'duplicate-member warning 0: Header has "alg" twice',
    ]);
  });

  it('keeps a problem severity the decoder chose', () => {
    const findings = evaluate(token(HS256, freshClaims(), { problems: [{ rule: 'malformed-token', message: 'Nested too deep.', severity: 'warning' }] }));
    assert.deepEqual(hitsOf(findings, 'malformed-token'), ['warning: Nested too deep']);
  });

  it('lets the policy override or silence a problem', () => {
    const decoded = token(HS256, freshClaims(), { problems: [{ rule: 'non-canonical-base64url', message: 'Padding.', segment: 2 }] });
    assert.deepEqual(hitsOf(evaluate(decoded, { policy: { rules: { 'non-canonical-base64url': 'error' } } }), 'non-canonical-base64url'), ['error: Padding']);
    assert.deepEqual(evaluate(decoded, { policy: { rules: { 'non-canonical-base64url': 'off' } } }), []);
  });
});

describe('information rules', () => {
  it('jwe-encrypted names alg and enc', () => {
    const findings = evaluate(token({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }, undefined, { kind: 'jwe' }));
    assert.deepEqual(hitsOf(findings, 'jwe-encrypted'), ['info: Token is an encrypted JWE (alg RSA-OAEP-256, enc A256GCM), so its claims cannot be read or checked without the decryption key']);
    assert.deepEqual(hitsOf(findings, 'missing-exp'), []);
  });

  it('cty-mismatch flags cty JWT on a plain payload', () => {
    const findings = evaluate(token({ alg: 'HS256', cty: 'JWT' }, freshClaims()));
    assert.deepEqual(hitsOf(findings, 'cty-mismatch'), ['warning: cty "JWT" marks the payload as a nested JWT, but the payload is not a token']);
  });

  it('cty-mismatch flags a nested token without cty', () => {
    const inner = token(HS256, freshClaims());
    const outer = token({ alg: 'HS256' }, undefined, { nested: inner });
    const findings = evaluate(outer);
    assert.deepEqual(rulesOf(findings), ['nested-jwt', 'cty-mismatch']);
    assert.deepEqual(hitsOf(findings, 'cty-mismatch'), ['warning: Payload is a nested JWT but cty is missing, and RFC 7519 5.2 requires cty "JWT"']);
  });

  it('judges the inner claims of a nested token', () => {
    const inner = token({ alg: 'none' }, { sub: 'user-42' }, { signature: new Uint8Array(0) });
    const outer = token({ alg: 'HS256', cty: 'JWT' }, undefined, { nested: inner });
    const findings = evaluate(outer);
    assert.deepEqual(findings.map((finding) => `${finding.rule} ${finding.segment}: ${finding.message}`), [
      'nested-jwt 1: Payload is a nested JWS (alg none), so the findings marked "Nested token" judge its claims',
      'alg-none 1: Nested token: Token is unsecured (alg "none"), so anyone can forge it; accept only signed tokens',
      'missing-exp 1: Nested token: Token has no exp claim, so it never expires; add an exp',
    ]);
  });

  it('reads a nested JWE from the decoder', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A128GCM' })).toString('base64url');
    const jwe = `${header}.${'A'.repeat(0)}.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`;
    const outerHeader = Buffer.from(JSON.stringify({ alg: 'HS256', cty: 'JWT' })).toString('base64url');
    const outer = decodeToken(`${outerHeader}.${Buffer.from(jwe).toString('base64url')}.${Buffer.alloc(32, 2).toString('base64url')}`);
    assert.deepEqual(rulesOf(evaluate(outer)), ['nested-jwt', 'jwe-encrypted']);
  });
});
