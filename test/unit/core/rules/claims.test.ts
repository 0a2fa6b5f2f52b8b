import assert from 'node:assert/strict';
import { decodeToken } from '../../../../src/core/decode/decodeToken';
import { evaluate, freshClaims, hitsOf, HS256, rawToken, rulesOf, token } from './helpers';

const API = 'https://api.example.test/';
const ISSUER = 'https://issuer.example.test/';

describe('claim rules', () => {
  describe('audience', () => {
    it('accepts an array aud that contains the expected value', () => {
      const findings = evaluate(token(HS256, freshClaims({ aud: [API, 'account'] })), { policy: { audience: [API] } });
      assert.deepEqual(findings, []);
    });

    it('rejects a non-string in an aud array', () => {
      const findings = evaluate(token(HS256, freshClaims({ aud: [API, 123] })), { policy: { audience: [API] } });
      assert.deepEqual(hitsOf(findings, 'invalid-claim-type'), ['error: aud[1] must be a string, got a number (123)']);
      assert.deepEqual(hitsOf(findings, 'audience-mismatch'), []);
    });

    it('invalid-claim-type reports a huge aud once', () => {
      const aud = new Array<unknown>(300000).fill(1);
      aud[1] = 'api';
      const findings = evaluate(decodeToken(rawToken(JSON.stringify(HS256), JSON.stringify(freshClaims({ aud })))));
      assert.deepEqual(hitsOf(findings, 'invalid-claim-type'), ['error: aud must contain only strings, but 299999 of its 300000 entries are not: aud[0] is a number (1), aud[2] is a number (1), aud[3] is a number (1) and 299996 more']);
      assert.deepEqual(hitsOf(findings, 'audience-restricted'), ['info: Token is audience-restricted to api; set jwtLens.policy.audience to check it']);
    });

    it('lists at most ten audiences', () => {
      const aud = Array.from({ length: 12 }, (_, index) => `a${index}`);
      const findings = evaluate(token(HS256, freshClaims({ aud })));
      assert.deepEqual(hitsOf(findings, 'audience-restricted'), ['info: Token is audience-restricted to a0, a1, a2, a3, a4, a5, a6, a7, a8, a9 and 2 more; set jwtLens.policy.audience to check it']);
    });

    it('reports a mismatch when an audience is configured', () => {
      const findings = evaluate(token(HS256, freshClaims({ aud: 'https://other.example.test/' })), { policy: { audience: [API] } });
      assert.deepEqual(rulesOf(findings), ['audience-mismatch']);
      assert.deepEqual(hitsOf(findings, 'audience-mismatch'), ['error: aud https://other.example.test/ does not include the expected audience https://api.example.test/']);
    });

    it('notes the audience when none is configured', () => {
      const findings = evaluate(token(HS256, freshClaims({ aud: 'https://other.example.test/' })));
      assert.deepEqual(rulesOf(findings), ['audience-restricted']);
      assert.deepEqual(hitsOf(findings, 'audience-restricted'), ['info: Token is audience-restricted to https://other.example.test/; set jwtLens.policy.audience to check it']);
    });

    it('reports a missing aud when one is expected', () => {
      const findings = evaluate(token(HS256, freshClaims()), { policy: { audience: [API, 'account'] } });
      assert.deepEqual(hitsOf(findings, 'audience-mismatch'), ['error: Token has no aud claim, but the audience must include https://api.example.test/, account']);
    });

    it('rejects an aud that is neither string nor array', () => {
      const findings = evaluate(token(HS256, freshClaims({ aud: { url: API } })), { policy: { audience: [API] } });
      assert.deepEqual(hitsOf(findings, 'invalid-claim-type'), ['error: aud must be a string or an array of strings, got an object ({"url":"https://api.example.test/"})']);
      assert.deepEqual(hitsOf(findings, 'audience-mismatch'), ['error: aud {"url":"https://api.example.test/"} does not include the expected audience https://api.example.test/']);
    });
  });

  describe('issuer-mismatch', () => {
    it('accepts a listed issuer', () => {
      assert.deepEqual(evaluate(token(HS256, freshClaims({ iss: ISSUER })), { policy: { issuer: ['https://a.test/', ISSUER] } }), []);
    });

    it('reports another issuer', () => {
      const findings = evaluate(token(HS256, freshClaims({ iss: 'localhost' })), { policy: { issuer: [ISSUER] } });
      assert.deepEqual(hitsOf(findings, 'issuer-mismatch'), ['error: iss localhost is not an accepted issuer (expected https://issuer.example.test/)']);
    });

    it('reports a missing iss', () => {
      const findings = evaluate(token(HS256, freshClaims()), { policy: { issuer: [ISSUER] } });
      assert.deepEqual(hitsOf(findings, 'issuer-mismatch'), ['error: Token has no iss claim, but the issuer must be https://issuer.example.test/']);
    });

    it('leaves a non-string iss to invalid-claim-type', () => {
      const findings = evaluate(token(HS256, freshClaims({ iss: 7 })), { policy: { issuer: [ISSUER] } });
      assert.deepEqual(rulesOf(findings), ['invalid-claim-type']);
      assert.deepEqual(hitsOf(findings, 'invalid-claim-type'), ['error: iss must be a string, got a number (7)']);
    });
  });

  describe('missing-claim', () => {
    it('reports each required claim that is absent', () => {
      const findings = evaluate(token(HS256, freshClaims()), { policy: { requiredClaims: ['sub', 'jti', 'scope'] } });
      assert.deepEqual(hitsOf(findings, 'missing-claim'), [
        'error: Required claim jti is missing (jwtLens.policy.requiredClaims)',
        'error: Required claim scope is missing (jwtLens.policy.requiredClaims)',
      ]);
    });

    it('applies RFC 9068 to at+jwt access tokens', () => {
      const findings = evaluate(token({ alg: 'RS256', typ: 'at+jwt' }, freshClaims({ iss: ISSUER, aud: API })));
      assert.deepEqual(hitsOf(findings, 'missing-claim'), ['error: Access token (typ at+jwt) lacks client_id, jti, which RFC 9068 2.2 requires']);
    });

    it('reads typ application/at+jwt the same way', () => {
      const claims = freshClaims({ iss: ISSUER, aud: API, client_id: 'c1', jti: 'j1' });
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'RS256', typ: 'application/AT+JWT' }, claims)), 'missing-claim'), []);
      const withoutJti = Object.fromEntries(Object.entries(claims).filter(([name]) => name !== 'jti'));
      assert.deepEqual(rulesOf(evaluate(token({ alg: 'RS256', typ: 'application/AT+JWT' }, withoutJti))), ['missing-claim', 'audience-restricted']);
    });

    it('does not treat prototype names as present', () => {
      const findings = evaluate(token(HS256, freshClaims()), { policy: { requiredClaims: ['constructor'] } });
      assert.deepEqual(rulesOf(findings), ['missing-claim']);
    });
  });

  describe('invalid-claim-type', () => {
    it('checks registered string and number claims', () => {
      const findings = evaluate(token(HS256, freshClaims({ sub: 42, jti: null, client_id: ['a'], auth_time: '1767225600' })));
      assert.deepEqual(hitsOf(findings, 'invalid-claim-type'), [
        'error: sub must be a string, got a number (42)',
        'error: jti must be a string, got null (null)',
        'error: client_id must be a string, got an array (["a"])',
        'error: auth_time must be a JSON number (NumericDate), got a string ("1767225600")',
      ]);
    });
  });

  describe('sensitive-claim', () => {
    it('flags secrets by name at any depth', () => {
      const findings = evaluate(token(HS256, freshClaims({ user: { db_password: 'hunter2' }, client_secret: 'abc', apiKey: 'k' })));
      assert.deepEqual(hitsOf(findings, 'sensitive-claim'), [
        'warning: Claim client_secret is named like a client secret, and anyone holding the token can read it because a JWS payload is only encoded; remove it or encrypt the token (JWE)',
        'warning: Claim apiKey is named like an API key, and anyone holding the token can read it because a JWS payload is only encoded; remove it or encrypt the token (JWE)',
        'warning: Claim user.db_password is named like a password, and anyone holding the token can read it because a JWS payload is only encoded; remove it or encrypt the token (JWE)',
      ]);
    });

    it('flags card numbers, SSNs and private keys by value', () => {
      const findings = evaluate(token(HS256, freshClaims({
        billing: ['4111-1111-1111-1111'],
        tax: '123-45-6789',
        key: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...',
        jwk: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' },
        cnf: { jwk: { kty: 'oct', k: 'c2VjcmV0' } },
      })));
      assert.deepEqual(hitsOf(findings, 'sensitive-claim').map((hit) => hit.split(',')[0]), [
        'warning: Claim tax holds what looks like a social security number',
        'warning: Claim key holds what looks like a PEM private key',
        'warning: Claim jwk holds what looks like a private JWK',
        'warning: Claim billing.0 holds what looks like a payment card number',
        'warning: Claim cnf.jwk holds what looks like a symmetric JWK',
      ]);
    });

    it('never prints the value', () => {
      const findings = evaluate(token(HS256, freshClaims({ password: 'correct horse battery staple' })));
      assert.ok(findings.every((finding) => !finding.message.includes('correct horse')));
    });

    it('ignores harmless look-alikes', () => {
      const findings = evaluate(token(HS256, freshClaims({
        order: '4111-1111-1111-1112',
        phone: '555-12-3456x',
        password_changed_at: 1767225600,
        password: '',
        passwordless: true,
        public_jwk: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b' },
      })));
      assert.deepEqual(hitsOf(findings, 'sensitive-claim'), []);
    });
  });
});
