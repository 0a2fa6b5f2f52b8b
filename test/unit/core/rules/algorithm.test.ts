import assert from 'node:assert/strict';
import type { VerificationResult } from '../../../../src/core/model';
import { evaluate, freshClaims, hitsOf, HS256, rulesOf, token, UNVERIFIED } from './helpers';

const EMPTY = new Uint8Array(0);

describe('algorithm and key rules', () => {
  describe('alg-none', () => {
    it('reports an unsecured token', () => {
      const findings = evaluate(token({ alg: 'none', typ: 'JWT' }, freshClaims(), { signature: EMPTY }));
      assert.deepEqual(hitsOf(findings, 'alg-none'), ['error: Token is unsecured (alg "none"), so anyone can forge it; accept only signed tokens']);
      assert.deepEqual(hitsOf(findings, 'alg-none-signature'), []);
      assert.deepEqual(hitsOf(findings, 'alg-not-allowed'), []);
    });

    for (const alg of ['None', 'NONE', 'nOnE']) {
      it(`reports the case variant ${alg}`, () => {
        const findings = evaluate(token({ alg }, freshClaims(), { signature: EMPTY }));
        assert.deepEqual(hitsOf(findings, 'alg-none'), [`error: Token is unsecured (alg "${alg}", a case variant that slips past case-sensitive blocklists), so anyone can forge it; accept only signed tokens`]);
      });
    }

    it('adds a malformed error for a signature', () => {
      const findings = evaluate(token({ alg: 'none' }, freshClaims()));
      assert.deepEqual(rulesOf(findings), ['alg-none', 'alg-none-signature']);
      assert.deepEqual(hitsOf(findings, 'alg-none-signature'), ['error: Token has alg "none" but a 43-character signature, which RFC 7518 3.6 forbids (malformed token)']);
    });
  });

  describe('alg-missing', () => {
    it('reports a header without alg', () => {
      const findings = evaluate(token({ typ: 'JWT' }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'alg-missing'), ['error: JOSE header has no alg, which RFC 7515 4.1.1 requires; add the signing algorithm']);
    });

    it('reports a non-string alg', () => {
      const findings = evaluate(token({ alg: 256 }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'alg-missing'), ['error: alg must be a non-empty string, got a number (256)']);
      assert.deepEqual(hitsOf(findings, 'alg-not-allowed'), []);
    });
  });

  describe('alg-not-allowed', () => {
    it('accepts the defaults', () => {
      for (const alg of ['HS256', 'RS256', 'ES512', 'PS384', 'EdDSA']) {
        assert.deepEqual(evaluate(token({ alg }, freshClaims())), [], alg);
      }
    });

    it('rejects an algorithm outside the list', () => {
      const findings = evaluate(token(HS256, freshClaims()), { policy: { allowedAlgorithms: ['RS256', 'ES256'] } });
      assert.deepEqual(hitsOf(findings, 'alg-not-allowed'), ['error: alg "HS256" is not in the allowed algorithms (RS256, ES256); sign with an allowed one or change jwtLens.policy.allowedAlgorithms']);
    });

    it('skips encrypted tokens', () => {
      const findings = evaluate(token({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }, undefined, { kind: 'jwe' }));
      assert.deepEqual(rulesOf(findings), ['jwe-encrypted']);
    });
  });

  describe('verification results', () => {
    it('reports algorithm confusion', () => {
      const verification: VerificationResult = { ...UNVERIFIED, confusionKey: 'keys/rsa-test-public.pem' };
      const findings = evaluate(token({ alg: 'HS256', kid: 'rsa-key-1' }, freshClaims()), { verification });
      assert.deepEqual(hitsOf(findings, 'alg-confusion'), ['error: HS256 MAC verifies with the public key keys/rsa-test-public.pem used as the HMAC secret, so anyone holding that public key can forge tokens (algorithm confusion)']);
    });

    it('warns on a kid shared with an asymmetric token', () => {
      const file = { asymmetricAlgsByKid: new Map([['rsa-key-1', new Set(['RS256'])]]) };
      const findings = evaluate(token({ alg: 'HS256', kid: 'rsa-key-1' }, freshClaims()), { file });
      assert.deepEqual(hitsOf(findings, 'alg-confusion'), ['warning: HS256 token uses kid "rsa-key-1", which another token in this text uses with RS256; verify it with that public key to rule out algorithm confusion']);
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'HS256', kid: 'other' }, freshClaims()), { file }), 'alg-confusion'), []);
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'RS256', kid: 'rsa-key-1' }, freshClaims()), { file }), 'alg-confusion'), []);
    });

    it('trusts an HMAC token that a configured secret verifies', () => {
      const file = { asymmetricAlgsByKid: new Map([['rsa-key-1', new Set(['RS256'])]]) };
      const verification: VerificationResult = { status: 'verified', verifiedBy: 'HMAC secret', reason: 'ok', hmacKeyLength: 32 };
      assert.deepEqual(evaluate(token({ alg: 'HS256', kid: 'rsa-key-1' }, freshClaims()), { file, verification }), []);
    });

    it('reports a weak secret without showing it whole', () => {
      const verification: VerificationResult = { status: 'verified', verifiedBy: 'HMAC secret', reason: 'ok', weakSecret: { secret: 'secret', source: 'the built-in list' }, hmacKeyLength: 6 };
      const findings = evaluate(token(HS256, freshClaims()), { verification });
      assert.deepEqual(hitsOf(findings, 'weak-secret'), ['error: Token is signed with the weak HMAC secret "se…" (6 characters) from the built-in list, so anyone can forge tokens; rotate to a random secret of at least 32 bytes']);
      assert.deepEqual(hitsOf(findings, 'hmac-key-too-short'), ['warning: HS256 key is 6 bytes, shorter than the 32 bytes RFC 7518 3.2 requires; use a random key of at least 32 bytes']);
    });

    it('accepts a key as long as the hash', () => {
      const verification: VerificationResult = { status: 'verified', verifiedBy: 'HMAC secret', reason: 'ok', hmacKeyLength: 64 };
      assert.deepEqual(evaluate(token({ alg: 'HS512' }, freshClaims()), { verification }), []);
      assert.deepEqual(rulesOf(evaluate(token({ alg: 'HS512' }, freshClaims()), { verification: { ...verification, hmacKeyLength: 63 } })), ['hmac-key-too-short']);
    });

    it('reports an invalid signature with the verifier reason', () => {
      const verification: VerificationResult = { status: 'invalid', verifiedBy: null, reason: 'The HS256 signature does not match HMAC secret.' };
      const findings = evaluate(token(HS256, freshClaims()), { verification });
      assert.deepEqual(hitsOf(findings, 'signature-invalid'), ['error: The HS256 signature does not match HMAC secret']);
    });
  });
});
