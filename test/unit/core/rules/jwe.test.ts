import assert from 'node:assert/strict';
import { evaluate, hitsOf, rulesOf, token } from './helpers';

function jwe(header: Record<string, unknown>): ReturnType<typeof token> {
  return token(header, undefined, { kind: 'jwe' });
}

describe('JWE rules', () => {
  it('weak-jwe-algorithm flags RSA1_5', () => {
    const findings = evaluate(jwe({ alg: 'RSA1_5', enc: 'A128CBC-HS256' }));
    assert.deepEqual(hitsOf(findings, 'weak-jwe-algorithm'), ['warning: JWE uses alg RSA1_5 (RSAES-PKCS1-v1_5), which is open to padding-oracle attacks; encrypt with RSA-OAEP-256 instead']);
  });

  it('weak-jwe-algorithm accepts RSA-OAEP-256', () => {
    assert.deepEqual(rulesOf(evaluate(jwe({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }))), ['jwe-encrypted']);
  });

  const counts: Array<[unknown, string[]]> = [
    [undefined, ['error: JWE uses PBES2-HS256+A128KW but has no p2c, which RFC 7518 4.8.1.2 requires']],
    ['1000', ['error: p2c must be a positive integer (RFC 7518 4.8.1.2), got "1000"']],
    [0, ['error: p2c must be a positive integer (RFC 7518 4.8.1.2), got 0']],
    [999, ['warning: p2c 999 is below the 1000 iterations RFC 7518 4.8.1.2 recommends, so the password is cheap to brute-force']],
    [1000, []],
    [10000, []],
    [10001, ['warning: p2c 10001 makes each decryption run 10001 PBKDF2 iterations, a denial-of-service risk that jose rejects above 10000 by default']],
  ];
  for (const [p2c, expected] of counts) {
    it(`pbes2-count judges p2c ${JSON.stringify(p2c)}`, () => {
      const header: Record<string, unknown> = { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2s: 'c2FsdHNhbHRzYWx0' };
      if (p2c !== undefined) header.p2c = p2c;
      assert.deepEqual(hitsOf(evaluate(jwe(header)), 'pbes2-count'), expected);
    });
  }

  it('pbes2-count ignores a JWS with p2c', () => {
    assert.deepEqual(hitsOf(evaluate(token({ alg: 'HS256', p2c: 1 }, { exp: 1767229200 })), 'pbes2-count'), []);
  });

  it('alg-missing flags a JWE header without alg', () => {
    const findings = evaluate(token({ enc: 'A256GCM' }, undefined, { kind: 'jwe' }));
    assert.deepEqual(hitsOf(findings, 'alg-missing'), ['error: JWE protected header has no alg, which RFC 7516 4.1.1 requires; add the key management algorithm']);
  });

  it('alg-missing flags alg none on a JWE', () => {
    const findings = evaluate(token({ alg: 'none', enc: 'A256GCM' }, undefined, { kind: 'jwe' }));
    assert.deepEqual(hitsOf(findings, 'alg-missing'), ['error: JWE alg "none" is not a key management algorithm (RFC 7518 4.1), so the token cannot be decrypted']);
    assert.deepEqual(hitsOf(findings, 'alg-none'), []);
  });

  it('alg-missing accepts a JWE with alg dir', () => {
    assert.deepEqual(hitsOf(evaluate(token({ alg: 'dir', enc: 'A256GCM' }, undefined, { kind: 'jwe' })), 'alg-missing'), []);
  });
});
