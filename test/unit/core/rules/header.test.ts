import assert from 'node:assert/strict';
import { decodeToken } from '../../../../src/core/decode/decodeToken';
import { deepJson, evaluate, freshClaims, hitsOf, HS256, rawToken, rulesOf, token } from './helpers';

const CERT_DER = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05]).toString('base64');

describe('header rules', () => {
  describe('embedded-jwk', () => {
    it('warns on an embedded public key', () => {
      const findings = evaluate(token({ alg: 'RS256', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'embedded-jwk'), ['warning: Header embeds a public key (jwk, kty RSA), which a verifier must never trust to check the token itself; verify with a key you configured']);
    });

    it('is an error for an embedded private key', () => {
      const findings = evaluate(token({ alg: 'ES256', jwk: { kty: 'EC', d: 'secret' } }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'embedded-jwk'), ['error: Header jwk contains a private key (d), so the signing key is exposed to anyone holding the token; rotate that key']);
    });

    it('is an error for an embedded symmetric key', () => {
      const findings = evaluate(token({ alg: 'HS256', jwk: { kty: 'oct', k: 'c2VjcmV0' } }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'embedded-jwk'), ['error: Header jwk contains a symmetric key (k), so the secret is exposed to anyone holding the token; rotate that key']);
    });

    it('rejects a jwk that is not an object', () => {
      const findings = evaluate(token({ alg: 'RS256', jwk: 'AQAB' }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'embedded-jwk'), ['warning: Header jwk must be a JSON object (RFC 7515 4.1.3), got a string']);
    });
  });

  describe('remote-key-url', () => {
    it('flags jku and x5u without fetching them', () => {
      const findings = evaluate(token({ alg: 'RS256', jku: 'https://attacker.test/jwks.json', x5u: 'http://127.0.0.1/cert.pem' }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'remote-key-url'), [
        'warning: Header jku points to "https://attacker.test/jwks.json"; JWT Lens never fetches it, and a verifier should use it only if the URL is on an allowlist',
        'warning: Header x5u points to "http://127.0.0.1/cert.pem"; JWT Lens never fetches it, and a verifier should use it only if the URL is on an allowlist',
      ]);
    });
  });

  describe('deeply nested header values', () => {
    it('reports deep jku and kid instead of failing', () => {
      const findings = evaluate(decodeToken(rawToken(`{"alg":"RS256","jku":${deepJson(20000)},"kid":${deepJson(20000)}}`, JSON.stringify(freshClaims()))));
      assert.deepEqual(hitsOf(findings, 'remote-key-url'), ['warning: Header jku points to an array; JWT Lens never fetches it, and a verifier should use it only if the URL is on an allowlist']);
      assert.deepEqual(hitsOf(findings, 'kid-injection'), ['warning: kid must be a string (RFC 7515 4.1.4), got an array']);
    });
  });

  describe('kid-injection', () => {
    const cases: Array<[string, string]> = [
      ['../../../../dev/null', 'path traversal (..) and a system file path'],
      ['/dev/null', 'a system file path and an absolute path'],
      ["x' UNION SELECT 'key", 'SQL metacharacters'],
      ['key1|/usr/bin/id', 'shell metacharacters'],
      ['$(whoami)', 'shell metacharacters'],
      ['1 OR 1=1 --', 'SQL metacharacters'],
      ['https://attacker.test/key', 'a URL'],
      ['key\u0000', 'a NUL byte'],
      ['key\n1', 'control characters'],
      ['..\\..\\keys\\a', 'path traversal (..)'],
    ];
    for (const [kid, signs] of cases) {
      it(`flags ${JSON.stringify(kid)}`, () => {
        const findings = evaluate(token({ alg: 'HS256', kid }, freshClaims()));
        assert.deepEqual(hitsOf(findings, 'kid-injection'), [`warning: kid ${JSON.stringify(kid)} contains ${signs}, a sign of injection into the key lookup; a verifier must look kid up in a fixed key set`]);
      });
    }

    it('accepts ordinary key ids', () => {
      for (const kid of ['rsa-key-1', '2024-05-01', 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', 'NjVBRjY5MDlCMUIwNzU4RTA2QzZFMDQ4QzQ2MDAyQjVDNjk1RTM2Qg', 'key/v2', 'abc+/=', 'key--2024']) {
        assert.deepEqual(hitsOf(evaluate(token({ alg: 'RS256', kid }, freshClaims())), 'kid-injection'), [], kid);
      }
    });

    it('reports a kid that is not a string', () => {
      const findings = evaluate(token({ alg: 'RS256', kid: 5 }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'kid-injection'), ['warning: kid must be a string (RFC 7515 4.1.4), got a number (5)']);
    });
  });

  describe('crit-unsupported', () => {
    it('rejects an unknown critical extension', () => {
      const findings = evaluate(token({ alg: 'HS256', crit: ['exp'], exp: 1 }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'crit-unsupported'), ['error: crit lists "exp", an extension JWT Lens does not understand, so a conforming verifier must reject the token']);
    });

    it('rejects malformed crit lists', () => {
      const findings = evaluate(token({ alg: 'HS256', crit: ['alg', 'nope', 3] }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'crit-unsupported'), [
        'error: crit lists "alg", a parameter RFC 7515 4.1.11 forbids in crit because every verifier already understands it',
        'error: crit lists "nope", but the header has no such parameter',
        'error: crit lists 3, but crit entries must be header names (strings)',
      ]);
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'HS256', crit: [] }, freshClaims())), 'crit-unsupported'), ['error: crit must be a non-empty array of header names (RFC 7515 4.1.11), got []']);
    });

    it('understands b64', () => {
      const findings = evaluate(token({ alg: 'HS256', b64: true, crit: ['b64'] }, freshClaims()));
      assert.deepEqual(findings, []);
    });
  });

  describe('b64-unencoded', () => {
    it('warns on an unencoded payload', () => {
      const findings = evaluate(token({ alg: 'HS256', b64: false, crit: ['b64'] }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'b64-unencoded'), ['warning: Header sets b64 false, so the payload is signed unencoded (RFC 7797) and most JWT libraries cannot verify it because JWTs expect a base64url payload']);
    });

    it('requires b64 in crit', () => {
      const findings = evaluate(token({ alg: 'HS256', b64: false }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'b64-unencoded'), [
        'warning: Header sets b64 false, so the payload is signed unencoded (RFC 7797) and most JWT libraries cannot verify it because JWTs expect a base64url payload',
        'error: Header has b64 but crit does not list it, which RFC 7797 6 requires, so verifiers may read the payload differently',
      ]);
    });
  });

  describe('invalid-x5c', () => {
    it('accepts a DER certificate in standard base64', () => {
      assert.deepEqual(evaluate(token({ alg: 'RS256', x5c: [CERT_DER] }, freshClaims())), []);
    });

    it('reports each bad entry', () => {
      const findings = evaluate(token({ alg: 'RS256', x5c: [CERT_DER, 'MIIB-_', 'AAAA', 7] }, freshClaims()));
      assert.deepEqual(hitsOf(findings, 'invalid-x5c'), [
        'error: x5c[1] is not padded standard base64 (it uses the base64url alphabet, but x5c takes standard base64)',
        'error: x5c[2] does not decode to a DER certificate',
        'error: x5c[3] must be a base64 string, got a number',
      ]);
    });

    it('rejects an empty chain', () => {
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'RS256', x5c: [] }, freshClaims())), 'invalid-x5c'), ['error: x5c must be a non-empty array of base64 certificates (RFC 7515 4.1.6), got an array']);
    });

    it('caps hits for a huge x5c', () => {
      const findings = evaluate(token({ alg: 'RS256', x5c: new Array<number>(100000).fill(7) }, freshClaims()));
      const hits = hitsOf(findings, 'invalid-x5c');
      assert.equal(hits.length, 11);
      assert.equal(hits[0], 'error: x5c[0] must be a base64 string, got a number');
      assert.equal(hits[9], 'error: x5c[9] must be a base64 string, got a number');
      assert.equal(hits[10], 'error: x5c has 99990 more invalid entries');
    });
  });

  describe('typ-mismatch', () => {
    it('compares typ case-insensitively without application/', () => {
      assert.deepEqual(evaluate(token({ alg: 'RS256', typ: 'application/JWT' }, freshClaims()), { policy: { typ: 'jwt' } }), []);
    });

    it('reports another typ', () => {
      const findings = evaluate(token(HS256, freshClaims()), { policy: { typ: 'at+jwt' } });
      assert.deepEqual(hitsOf(findings, 'typ-mismatch'), ['warning: typ "JWT" is not the expected "at+jwt" (jwtLens.policy.typ)']);
    });

    it('reports a missing typ when one is expected', () => {
      const findings = evaluate(token({ alg: 'HS256' }, freshClaims()), { policy: { typ: 'JWT' } });
      assert.deepEqual(hitsOf(findings, 'typ-mismatch'), ['warning: Header has no typ, but "JWT" is expected (jwtLens.policy.typ); explicit typing keeps one kind of token from being accepted as another']);
    });

    it('rejects a non-string typ with no policy', () => {
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'HS256', typ: 1 }, freshClaims())), 'typ-mismatch'), ['warning: typ must be a string (RFC 7515 4.1.9), got a number (1)']);
    });
  });

  describe('psychic-signature', () => {
    it('flags r and s zero', () => {
      const findings = evaluate(token({ alg: 'ES256' }, freshClaims(), { signature: new Uint8Array(64) }));
      assert.deepEqual(hitsOf(findings, 'psychic-signature'), ['error: ES256 signature is invalid because r and s are zero, the "psychic signature" that vulnerable verifiers accept for any key (CVE-2022-21449)']);
    });

    it('flags s zero in ES512', () => {
      const signature = new Uint8Array(132);
      signature.fill(1, 0, 66);
      const findings = evaluate(token({ alg: 'ES512' }, freshClaims(), { signature }));
      assert.deepEqual(rulesOf(findings), ['psychic-signature']);
      assert.match(findings[0].message, /^ES512 signature is invalid because s is zero/);
    });

    it('ignores ordinary signatures and other algorithms', () => {
      assert.deepEqual(evaluate(token({ alg: 'ES384' }, freshClaims(), { signature: new Uint8Array(96).fill(9) })), []);
      assert.deepEqual(evaluate(token({ alg: 'HS256' }, freshClaims(), { signature: new Uint8Array(32) })), []);
    });
  });

  describe('signature-length', () => {
    const STRIPPED_HS256 = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiZXhwIjoxNzY3MjI5MjAwfQ.';

    it('empty HS256 signature is an error', () => {
      const findings = evaluate(decodeToken(STRIPPED_HS256));
      assert.deepEqual(rulesOf(findings), ['signature-length']);
      assert.deepEqual(hitsOf(findings, 'signature-length'), [
        'error: HS256 signature is empty, but HS256 produces 32 bytes (RFC 7518 3.2); the signature was stripped, so a verifier must reject the token',
      ]);
    });

    it('flags a 3-byte HS256 signature', () => {
      const findings = evaluate(decodeToken(`${STRIPPED_HS256}AAAA`));
      assert.deepEqual(hitsOf(findings, 'signature-length'), [
        'error: HS256 signature is 3 bytes, but HS256 produces 32 bytes (RFC 7518 3.2); the token was signed with another algorithm or its signature was cut',
      ]);
    });

    it('names DER for a 72-byte ES256 signature', () => {
      const der = new Uint8Array(72);
      der.set([0x30, 70, 0x02, 33, 0x00], 0);
      der.fill(5, 5, 37);
      der.set([0x02, 33, 0x00], 37);
      der.fill(6, 40);
      const findings = evaluate(token({ alg: 'ES256' }, freshClaims(), { signature: der }));
      assert.deepEqual(hitsOf(findings, 'signature-length'), [
        'error: ES256 signature is 72 bytes of DER, but JWS takes the 64-byte R || S form (RFC 7518 3.4); convert it, because jose and most verifiers reject DER',
      ]);
    });

    it('checks each fixed-length algorithm', () => {
      const cases: Array<[string, number, string]> = [
        ['HS384', 48, 'RFC 7518 3.2'],
        ['HS512', 64, 'RFC 7518 3.2'],
        ['ES256', 64, 'RFC 7518 3.4'],
        ['ES384', 96, 'RFC 7518 3.4'],
        ['ES512', 132, 'RFC 7518 3.4'],
        ['ES256K', 64, 'RFC 8812 3.2'],
        ['Ed25519', 64, 'RFC 8032 5.1.6'],
        ['Ed448', 114, 'RFC 8032 5.2.6'],
      ];
      for (const [alg, length, source] of cases) {
        assert.deepEqual(hitsOf(evaluate(token({ alg }, freshClaims(), { signature: new Uint8Array(length).fill(3) })), 'signature-length'), [], alg);
        assert.deepEqual(hitsOf(evaluate(token({ alg }, freshClaims(), { signature: new Uint8Array(length - 1).fill(3) })), 'signature-length'), [
          `error: ${alg} signature is ${length - 1} bytes, but ${alg} produces ${length} bytes (${source}); the token was signed with another algorithm or its signature was cut`,
        ], alg);
      }
    });

    it('accepts both EdDSA curves', () => {
      for (const length of [64, 114]) {
        assert.deepEqual(hitsOf(evaluate(token({ alg: 'EdDSA' }, freshClaims(), { signature: new Uint8Array(length).fill(3) })), 'signature-length'), [], String(length));
      }
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'EdDSA' }, freshClaims(), { signature: new Uint8Array(65).fill(3) })), 'signature-length'), [
        'error: EdDSA signature is 65 bytes, but EdDSA produces 64 bytes with Ed25519 or 114 with Ed448 (RFC 8037 3.1); the token was signed with another algorithm or its signature was cut',
      ]);
    });

    it('asks RSA signatures for a 2048-bit key', () => {
      for (const alg of ['RS256', 'PS512']) {
        assert.deepEqual(hitsOf(evaluate(token({ alg }, freshClaims(), { signature: new Uint8Array(256).fill(3) })), 'signature-length'), [], alg);
        assert.deepEqual(hitsOf(evaluate(token({ alg }, freshClaims(), { signature: new Uint8Array(512).fill(3) })), 'signature-length'), [], alg);
      }
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'RS256' }, freshClaims(), { signature: new Uint8Array(128).fill(3) })), 'signature-length'), [
        'error: RS256 signature is 128 bytes, but RS256 produces at least 256 bytes because RFC 7518 3.3 requires a key of 2048 bits or more; the token was signed with a shorter key or its signature was cut',
      ]);
    });

    it('flags an empty signature for an unknown alg', () => {
      const findings = evaluate(token({ alg: 'XY999' }, freshClaims(), { signature: new Uint8Array(0) }));
      assert.deepEqual(hitsOf(findings, 'signature-length'), [
        'error: XY999 signature is empty, but only alg "none" may have an empty signature (RFC 7518 3.6); the signature was stripped, so a verifier must reject the token',
      ]);
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'XY999' }, freshClaims(), { signature: new Uint8Array(7) })), 'signature-length'), []);
    });

    it('leaves alg none and JWE to their own rules', () => {
      const unsecured = evaluate(decodeToken('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiZXhwIjoxNzY3MjI5MjAwfQ.'));
      assert.deepEqual(rulesOf(unsecured), ['alg-none']);
      const jwe = evaluate(token({ alg: 'dir', enc: 'A128GCM' }, undefined, { kind: 'jwe' }));
      assert.deepEqual(hitsOf(jwe, 'signature-length'), []);
    });
  });

  describe('empty-header', () => {
    it('reports an empty header segment once', () => {
      const decoded = token(null, { username: 'sample-user' }, {
        signature: new Uint8Array(0),
        problems: [{ rule: 'invalid-json', message: 'Header is not JSON: unexpected end of input', segment: 0 }],
      });
      const findings = evaluate(decoded);
      assert.deepEqual(hitsOf(findings, 'empty-header'), ['error: JOSE header segment is empty, so the token has no alg and is malformed (RFC 7515 4.1.1)']);
      assert.deepEqual(hitsOf(findings, 'invalid-json'), []);
    });

    it('reports an empty header object', () => {
      const findings = evaluate(token({}, freshClaims()));
      assert.deepEqual(rulesOf(findings), ['empty-header']);
    });
  });

  describe('zip-on-jws', () => {
    it('warns on zip in a JWS', () => {
      assert.deepEqual(hitsOf(evaluate(token({ alg: 'HS256', zip: 'DEF' }, freshClaims())), 'zip-on-jws'), ['warning: Header zip "DEF" is defined only for JWE (RFC 7516 4.1.3), so verifiers will ignore it or reject the token']);
    });

    it('notes compression in a JWE', () => {
      const findings = evaluate(token({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' }, undefined, { kind: 'jwe' }));
      assert.deepEqual(hitsOf(findings, 'zip-on-jws'), ['info: JWE compresses its plaintext (zip "DEF"), which can leak secrets through the ciphertext length (RFC 8725 3.6)']);
    });
  });
});
