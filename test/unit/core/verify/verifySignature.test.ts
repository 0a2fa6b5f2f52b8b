import { strict as assert } from 'node:assert';
import { type KeyObject, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KeyMaterial } from '../../../../src/core/model';
import { decodeToken } from '../../../../src/core/decode/decodeToken';
import { decodeBase64Lenient } from '../../../../src/core/keys/base64';
import { webCryptoHmac } from '../../../../src/core/verify/hmac';
import { verifySignature } from '../../../../src/core/verify/verifySignature';
import { CASES, FIXTURES, decodedToken, pemMaterial, readFixture, secretMaterial, signWithNode, tokensIn } from './tokenFixtures';

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const HMAC_KEY_LABEL = 'keys/hmac-test-key.txt';
const RSA_PUBLIC_LABEL = 'keys/rsa-test-public.pem';

function hmacTestKey(): KeyMaterial {
  return { label: HMAC_KEY_LABEL, kind: 'secret', data: readFileSync(`${CASES}keys/hmac-test-key.txt`) };
}

function rsaTestPublicKey(): KeyMaterial {
  return pemMaterial(readFixture('cases/keys/rsa-test-public.pem'), RSA_PUBLIC_LABEL);
}

function spkiPem(pair: KeyPair): string {
  return pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

function verify(token: string, keys: KeyMaterial[], wordlist?: string[]) {
  return verifySignature(decodedToken(token), { keys, wordlist });
}

describe('verifySignature', () => {
  const pairs: Record<string, KeyPair> = {};

  before(() => {
    pairs.rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pairs.rsaOther = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pairs['P-256'] = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    pairs['P-384'] = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    pairs['P-521'] = generateKeyPairSync('ec', { namedCurve: 'P-521' });
    pairs.ed25519 = generateKeyPairSync('ed25519');
    pairs.ed25519Other = generateKeyPairSync('ed25519');
  });

  describe('round trips', () => {
    const asymmetric: Array<[alg: string, pair: string, wrongPair: string]> = [
      ['RS256', 'rsa', 'rsaOther'],
      ['RS384', 'rsa', 'rsaOther'],
      ['RS512', 'rsa', 'rsaOther'],
      ['PS256', 'rsa', 'rsaOther'],
      ['PS384', 'rsa', 'rsaOther'],
      ['PS512', 'rsa', 'rsaOther'],
      ['ES256', 'P-256', 'P-256'],
      ['ES384', 'P-384', 'P-384'],
      ['ES512', 'P-521', 'P-521'],
      ['EdDSA', 'ed25519', 'ed25519Other'],
      ['Ed25519', 'ed25519', 'ed25519Other'],
    ];

    for (const [alg, pairName, wrongPairName] of asymmetric) {
      it(`${alg} verifies with its public key`, async () => {
        const token = signWithNode({ alg, typ: 'JWT' }, pairs[pairName].privateKey);
        const result = await verify(token, [pemMaterial(spkiPem(pairs[pairName]), 'issuer.pem')]);
        assert.equal(result.status, 'verified');
        assert.equal(result.verifiedBy, 'issuer.pem');
        assert.equal(result.reason, `The ${alg} signature verifies with issuer.pem.`);
      });

      it(`${alg} is invalid with another key of its type`, async () => {
        const token = signWithNode({ alg }, pairs[pairName].privateKey);
        const wrong = wrongPairName === pairName ? generateKeyPairSync('ec', { namedCurve: pairName }) : pairs[wrongPairName];
        const result = await verify(token, [pemMaterial(spkiPem(wrong), 'other.pem')]);
        assert.equal(result.status, 'invalid');
        assert.equal(result.reason, `The ${alg} signature does not match other.pem.`);
      });
    }

    for (const alg of ['HS256', 'HS384', 'HS512']) {
      it(`${alg} verifies with its secret`, async () => {
        const secret = 'a'.repeat(64);
        const token = signWithNode({ alg }, secret);
        const result = await verify(token, [secretMaterial(secret)]);
        assert.equal(result.status, 'verified');
        assert.equal(result.verifiedBy, 'HMAC secret');
        assert.equal(result.hmacKeyLength, 64);
        assert.equal(result.weakSecret, undefined);
      });

      it(`${alg} is invalid with another secret`, async () => {
        const token = signWithNode({ alg }, 'b'.repeat(64));
        const result = await verify(token, [secretMaterial('c'.repeat(64), 'ci-secret')]);
        assert.equal(result.status, 'invalid');
        assert.equal(result.reason, `The ${alg} signature does not match ci-secret.`);
        assert.equal(result.hmacKeyLength, undefined);
      });
    }

    it('Web Crypto HMAC gives the same result', async () => {
      const token = signWithNode({ alg: 'HS384' }, 'web-crypto-secret-of-decent-length');
      const result = await verifySignature(decodedToken(token), { keys: [secretMaterial('web-crypto-secret-of-decent-length')], hmac: webCryptoHmac });
      assert.equal(result.status, 'verified');
    });
  });

  describe('key type mismatch', () => {
    it('RS256 with only an HMAC secret is unverified', async () => {
      const token = signWithNode({ alg: 'RS256' }, pairs.rsa.privateKey);
      const result = await verify(token, [secretMaterial('x'.repeat(32), 'ci-secret')]);
      assert.equal(result.status, 'unverified');
      assert.equal(result.reason, 'No configured key fits RS256, which needs an RSA key: ci-secret is an HMAC secret.');
    });

    it('ES256 with a P-384 key is unverified', async () => {
      const token = signWithNode({ alg: 'ES256' }, pairs['P-256'].privateKey);
      const result = await verify(token, [pemMaterial(spkiPem(pairs['P-384']), 'p384.pem')]);
      assert.equal(result.status, 'unverified');
      assert.equal(result.reason, 'No configured key fits ES256, which needs an EC P-256 key: p384.pem is an EC P-384 key.');
    });

    it('EdDSA with an RSA key is unverified', async () => {
      const token = signWithNode({ alg: 'EdDSA' }, pairs.ed25519.privateKey);
      const result = await verify(token, [pemMaterial(spkiPem(pairs.rsa), 'rsa.pem')]);
      assert.equal(result.status, 'unverified');
      assert.equal(result.reason, 'No configured key fits EdDSA, which needs an Ed25519 key: rsa.pem is an RSA key.');
    });

    it('no keys at all is unverified', async () => {
      const token = signWithNode({ alg: 'RS256' }, pairs.rsa.privateKey);
      const result = await verify(token, []);
      assert.deepEqual(result, { status: 'unverified', verifiedBy: null, reason: 'No key is configured, so the signature was not verified.' });
    });

    it('a JWK restricted to another alg is not used', async () => {
      const jwk = { ...pairs.rsa.publicKey.export({ format: 'jwk' }), alg: 'RS256' };
      const token = signWithNode({ alg: 'PS256' }, pairs.rsa.privateKey);
      const result = await verify(token, [{ label: 'rs256.jwk', kind: 'jwk', data: JSON.stringify(jwk) }]);
      assert.equal(result.status, 'unverified');
      assert.equal(result.reason, 'No configured key fits PS256, which needs an RSA key: rs256.jwk is an RSA key for RS256 only.');
    });

    it('an encryption JWK is not used to verify', async () => {
      const jwk = { ...pairs.rsa.publicKey.export({ format: 'jwk' }), use: 'enc' };
      const token = signWithNode({ alg: 'RS256' }, pairs.rsa.privateKey);
      const result = await verify(token, [{ label: 'enc.jwk', kind: 'jwk', data: JSON.stringify(jwk) }]);
      assert.equal(result.status, 'unverified');
      assert.equal(result.reason, 'No configured key fits RS256, which needs an RSA key: enc.jwk is an RSA key for use "enc".');
    });

    it('a JWK without verify in key_ops is not used', async () => {
      const jwk = { ...pairs.rsa.publicKey.export({ format: 'jwk' }), key_ops: ['encrypt'] };
      const token = signWithNode({ alg: 'RS256' }, pairs.rsa.privateKey);
      const result = await verify(token, [{ label: 'ops.jwk', kind: 'jwk', data: JSON.stringify(jwk) }]);
      assert.equal(result.status, 'unverified');
      assert.equal(result.reason, 'No configured key fits RS256, which needs an RSA key: ops.jwk is an RSA key without "verify" in key_ops.');
    });
  });

  describe('key forms', () => {
    it('PKCS#1 RSA public key', async () => {
      const pem = pairs.rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      const token = signWithNode({ alg: 'RS256' }, pairs.rsa.privateKey);
      assert.equal((await verify(token, [pemMaterial(pem, 'pkcs1.pem')])).status, 'verified');
    });

    it('private keys in PKCS#8, PKCS#1 and SEC1', async () => {
      const forms: Array<[string, KeyObject, string]> = [
        ['RS256', pairs.rsa.privateKey, pairs.rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
        ['RS256', pairs.rsa.privateKey, pairs.rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
        ['ES256', pairs['P-256'].privateKey, pairs['P-256'].privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
        ['ES384', pairs['P-384'].privateKey, pairs['P-384'].privateKey.export({ type: 'sec1', format: 'pem' }).toString()],
        ['EdDSA', pairs.ed25519.privateKey, pairs.ed25519.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
      ];
      for (const [alg, privateKey, pem] of forms) {
        const token = signWithNode({ alg }, privateKey);
        const result = await verify(token, [pemMaterial(pem, 'private.pem')]);
        assert.equal(result.status, 'verified', `${alg} with ${pem.split('\n')[0]}`);
      }
    });

    it('X.509 certificate', async () => {
      const token = tokensIn(readFixture('cases/case-15.ts'))[0];
      const result = await verify(token, [pemMaterial(readFixture('verify/rsa-test-cert.pem'), 'issuer-cert.pem')]);
      assert.equal(result.status, 'verified');
      assert.equal(result.verifiedBy, 'issuer-cert.pem');
    });

    it('SEC1 file with EC PARAMETERS and its certificate', async () => {
      const privatePem = readFileSync(`${FIXTURES}verify/ec-p256-private.pem`, 'utf8');
      const token = signWithNode({ alg: 'ES256' }, privatePem);
      assert.equal((await verify(token, [pemMaterial(privatePem, 'ec.pem')])).status, 'verified');
      assert.equal((await verify(token, [pemMaterial(readFixture('verify/ec-p256-cert.pem'), 'ec-cert.pem')])).status, 'verified');
    });

    it('public and private JWKs', async () => {
      const token = signWithNode({ alg: 'ES256' }, pairs['P-256'].privateKey);
      const publicJwk = JSON.stringify(pairs['P-256'].publicKey.export({ format: 'jwk' }));
      const privateJwk = JSON.stringify(pairs['P-256'].privateKey.export({ format: 'jwk' }));
      assert.equal((await verify(token, [{ label: 'pub.jwk', kind: 'jwk', data: publicJwk }])).status, 'verified');
      assert.equal((await verify(token, [{ label: 'priv.jwk', kind: 'jwk', data: privateJwk }])).status, 'verified');
    });

    it('symmetric oct JWK', async () => {
      const secret = 'oct-jwk-secret-that-is-32-bytes!';
      const token = signWithNode({ alg: 'HS256' }, secret);
      const jwk = JSON.stringify({ kty: 'oct', k: Buffer.from(secret).toString('base64url') });
      const result = await verify(token, [{ label: 'oct.jwk', kind: 'jwk', data: jwk }]);
      assert.equal(result.status, 'verified');
      assert.equal(result.hmacKeyLength, 32);
    });
  });

  describe('JWK Sets', () => {
    function jwkSet(): string {
      return JSON.stringify({
        keys: [
          { ...pairs.rsaOther.publicKey.export({ format: 'jwk' }), kid: 'old-key', use: 'sig' },
          { ...pairs.rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-key-1', use: 'sig', alg: 'RS256' },
          { ...pairs['P-256'].publicKey.export({ format: 'jwk' }), kid: 'ec-key-1' },
        ],
      });
    }

    it('selects the key by kid', async () => {
      const token = signWithNode({ alg: 'RS256', kid: 'rsa-key-1' }, pairs.rsa.privateKey);
      const result = await verify(token, [{ label: 'keys/jwks.json', kind: 'jwks', data: jwkSet() }]);
      assert.equal(result.status, 'verified');
      assert.equal(result.verifiedBy, 'keys/jwks.json (kid rsa-key-1)');
    });

    it('a kid naming another key is invalid', async () => {
      const token = signWithNode({ alg: 'RS256', kid: 'old-key' }, pairs.rsa.privateKey);
      const result = await verify(token, [{ label: 'keys/jwks.json', kind: 'jwks', data: jwkSet() }]);
      assert.equal(result.status, 'invalid');
      assert.equal(result.reason, 'The RS256 signature does not match keys/jwks.json (kid old-key).');
    });

    it('without a kid tries each compatible key', async () => {
      const token = signWithNode({ alg: 'RS256' }, pairs.rsa.privateKey);
      const result = await verify(token, [{ label: 'keys/jwks.json', kind: 'jwks', data: jwkSet() }]);
      assert.equal(result.verifiedBy, 'keys/jwks.json (kid rsa-key-1)');
    });

    it('an unknown kid tries each compatible key', async () => {
      const token = signWithNode({ alg: 'ES256', kid: 'renamed' }, pairs['P-256'].privateKey);
      const result = await verify(token, [{ label: 'keys/jwks.json', kind: 'jwks', data: jwkSet() }]);
      assert.equal(result.verifiedBy, 'keys/jwks.json (kid ec-key-1)');
    });

    it('names every key that failed', async () => {
      const token = signWithNode({ alg: 'RS256' }, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
      const result = await verify(token, [{ label: 'keys/jwks.json', kind: 'jwks', data: jwkSet() }]);
      assert.equal(result.status, 'invalid');
      assert.equal(result.reason, 'The RS256 signature matches none of the 2 compatible keys (keys/jwks.json (kid old-key), keys/jwks.json (kid rsa-key-1)).');
    });

    it('reports unreadable members when nothing fits', async () => {
      const token = signWithNode({ alg: 'ES256' }, pairs['P-256'].privateKey);
      const data = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', kid: 'broken', x: 'AAAA' }] });
      const result = await verify(token, [{ label: 'bad.json', kind: 'jwks', data }]);
      assert.equal(result.status, 'unverified');
      assert.equal(
        result.reason,
        'No key is configured, so the signature was not verified. Unreadable key material: bad.json (kid broken): JWK member "y" is missing or not base64url.',
      );
    });
  });

  describe('C01 padded base64url', () => {
    it('MAC over the padded text verifies', async () => {
      const [token] = tokensIn(readFixture('cases/case-01.txt'));
      assert.ok(token.endsWith('='));
      const result = await verify(token, [hmacTestKey()]);
      assert.equal(result.status, 'verified');
      assert.equal(result.verifiedBy, HMAC_KEY_LABEL);
    });

    it('the unpadded spelling does not verify', async () => {
      const [token] = tokensIn(readFixture('cases/case-01.txt'));
      const unpadded = token.split('.').map((part) => part.replace(/=+$/, '')).join('.');
      const result = await verify(unpadded, [hmacTestKey()]);
      assert.equal(result.status, 'invalid');
    });
  });

  describe('C02 base64url spellings', () => {
    it('A and C share signature bytes and both verify', async () => {
      const [tokenA, , tokenC] = tokensIn(readFixture('cases/case-02.txt'));
      assert.notEqual(tokenA, tokenC);
      assert.deepEqual(decodeBase64Lenient(tokenA.split('.')[2]), decodeBase64Lenient(tokenC.split('.')[2]));
      const resultA = await verify(tokenA, [hmacTestKey()]);
      const resultC = await verify(tokenC, [hmacTestKey()]);
      assert.equal(resultA.status, 'verified');
      assert.equal(resultC.status, 'verified');
    });

    it('B in the +/ alphabet is checked over its own text', async () => {
      const [, tokenB] = tokensIn(readFixture('cases/case-02.txt'));
      assert.match(tokenB, /[+/]/);
      const result = await verify(tokenB, [hmacTestKey()]);
      assert.equal(result.status, 'verified');
    });
  });

  describe('C15 algorithm confusion', () => {
    const [legit, forgedA, forgedB] = tokensIn(readFixture('cases/case-15.ts'));

    function pemFromComments(): string {
      const lines = readFixture('cases/case-15.ts').split('\n').filter((line) => line.startsWith('// -----') || /^\/\/ [A-Za-z0-9+/=]+$/.test(line));
      return `${lines.map((line) => line.slice(3)).join('\n')}\n`;
    }

    it('C (RS256) verifies with no confusion', async () => {
      const result = await verify(legit, [rsaTestPublicKey()]);
      assert.equal(result.status, 'verified');
      assert.equal(result.confusionKey, undefined);
    });

    it('A matches the PEM with its final newline', async () => {
      const result = await verify(forgedA, [rsaTestPublicKey()]);
      assert.equal(result.status, 'unverified');
      assert.equal(result.confusionKey, RSA_PUBLIC_LABEL);
      assert.equal(
        result.reason,
        'The HS256 MAC verifies with the public key keys/rsa-test-public.pem (PEM text with its final newline) used as the HMAC secret: an algorithm-confusion forgery.',
      );
    });

    it('B matches the PEM without its final newline', async () => {
      const result = await verify(forgedB, [rsaTestPublicKey()]);
      assert.equal(result.confusionKey, RSA_PUBLIC_LABEL);
      assert.equal(
        result.reason,
        'The HS256 MAC verifies with the public key keys/rsa-test-public.pem (PEM text without its final newline) used as the HMAC secret: an algorithm-confusion forgery.',
      );
    });

    it('the PEM from the comments finds A and B', async () => {
      const pem = pemFromComments();
      assert.equal(pem, readFixture('cases/keys/rsa-test-public.pem'));
      for (const token of [forgedA, forgedB]) {
        const result = await verify(token, [pemMaterial(pem, 'case-15.ts')]);
        assert.equal(result.confusionKey, 'case-15.ts');
      }
    });

    it('the PEM still in comment markers finds A and B', async () => {
      const commented = readFixture('cases/case-15.ts').split('\n').filter((line) => line.startsWith('// ')).join('\n');
      for (const token of [forgedA, forgedB]) {
        const result = await verify(token, [pemMaterial(commented, 'case-15.ts')]);
        assert.equal(result.confusionKey, 'case-15.ts');
      }
    });

    it('certificate, PKCS#1, JWK and JWK Set forms find A and B', async () => {
      const publicKey = (await import('node:crypto')).createPublicKey(readFixture('cases/keys/rsa-test-public.pem'));
      const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'rsa-key-1' };
      const materials: KeyMaterial[] = [
        pemMaterial(readFixture('verify/rsa-test-cert.pem'), 'cert.pem'),
        pemMaterial(publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(), 'pkcs1.pem'),
        { label: 'key.jwk', kind: 'jwk', data: JSON.stringify(jwk) },
        { label: 'jwks.json', kind: 'jwks', data: JSON.stringify({ keys: [jwk] }) },
      ];
      for (const material of materials) {
        for (const token of [forgedA, forgedB]) {
          const result = await verify(token, [material]);
          assert.ok(result.confusionKey?.startsWith(material.label), `${material.label}: ${result.reason}`);
        }
      }
    });

    it('CRLF and DER spellings are found', async () => {
      const pem = readFixture('cases/keys/rsa-test-public.pem');
      const der = (await import('node:crypto')).createPublicKey(pem).export({ type: 'spki', format: 'der' });
      const spellings: Array<[string | Buffer, string]> = [
        [pem.replaceAll('\n', '\r\n'), 'PEM text with CRLF line ends'],
        [der, 'SPKI DER bytes'],
      ];
      for (const [keyBytes, description] of spellings) {
        const token = signWithNode({ alg: 'HS256', kid: 'rsa-key-1' }, keyBytes);
        const result = await verify(token, [rsaTestPublicKey()]);
        assert.equal(result.confusionKey, RSA_PUBLIC_LABEL);
        assert.ok(result.reason.includes(`(${description})`), result.reason);
      }
    });

    it('an HS256 token with an unrelated MAC is no confusion', async () => {
      const token = signWithNode({ alg: 'HS256' }, 'unrelated-secret-of-32-characters');
      const result = await verify(token, [rsaTestPublicKey()]);
      assert.equal(result.confusionKey, undefined);
      assert.equal(result.status, 'unverified');
      assert.equal(result.reason, 'No configured key fits HS256, which needs an HMAC secret: keys/rsa-test-public.pem is an RSA key.');
    });
  });

  describe('weak secrets', () => {
    it('finds "secret"', async () => {
      const token = signWithNode({ alg: 'HS256' }, 'secret');
      const result = await verify(token, []);
      assert.deepEqual(result.weakSecret, { secret: 'secret', source: 'the built-in weak-secret list' });
      assert.equal(result.hmacKeyLength, 6);
      assert.equal(result.status, 'unverified');
      assert.equal(
        result.reason,
        'No key is configured, so the signature was not verified. The MAC verifies with a weak secret from the built-in weak-secret list.',
      );
    });

    it('finds the jwt.io default secret', async () => {
      const token = signWithNode({ alg: 'HS512' }, 'your-256-bit-secret');
      const result = await verify(token, []);
      assert.equal(result.weakSecret?.secret, 'your-256-bit-secret');
    });

    it('finds the empty secret', async () => {
      const token = signWithNode({ alg: 'HS256' }, '');
      const result = await verifySignature(decodedToken(token), { hmac: webCryptoHmac });
      assert.equal(result.weakSecret?.secret, '');
      assert.equal(result.hmacKeyLength, 0);
    });

    it('finds a user wordlist entry', async () => {
      const token = signWithNode({ alg: 'HS256' }, 'company-2024!');
      const result = await verifySignature(decodedToken(token), { wordlist: ['nope', 'company-2024!'], wordlistLabel: 'words.txt' });
      assert.deepEqual(result.weakSecret, { secret: 'company-2024!', source: 'words.txt' });
    });

    it('a configured weak secret verifies and is flagged', async () => {
      const token = signWithNode({ alg: 'HS256' }, 'changeme');
      const result = await verify(token, [secretMaterial('changeme', '.env')]);
      assert.equal(result.status, 'verified');
      assert.equal(result.weakSecret?.secret, 'changeme');
      assert.equal(result.hmacKeyLength, 8);
    });

    it('a strong secret is not reported', async () => {
      const token = signWithNode({ alg: 'HS256' }, 'k3Jq9-Zr7x!Lm2Wv8Tb4Yc6Nd0Pf5Hs1');
      const result = await verify(token, [], ['secret2']);
      assert.equal(result.weakSecret, undefined);
      assert.equal(result.hmacKeyLength, undefined);
    });

    it('C01 key is not a weak secret', async () => {
      const [token] = tokensIn(readFixture('cases/case-01.txt'));
      const result = await verify(token, []);
      assert.equal(result.weakSecret, undefined);
    });
  });

  describe('tokens with nothing to verify', () => {
    it('alg none is unverified', async () => {
      for (const token of tokensIn(readFixture('cases/case-14.txt')).slice(0, 2)) {
        const result = await verify(token, [hmacTestKey()]);
        assert.equal(result.status, 'unverified');
        assert.equal(result.reason, 'The token is unsecured (alg "none"), so there is no signature to verify.');
      }
    });

    it('alg NONE in other case is unverified', async () => {
      const token = `${Buffer.from('{"alg":"nOnE"}').toString('base64url')}.e30.`;
      const result = await verify(token, [hmacTestKey()]);
      assert.equal(result.reason, 'The token is unsecured (alg "nOnE"), so there is no signature to verify.');
    });

    it('JWE is unverified', async () => {
      const result = await verify('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aaaa.bbbb.cccc', [hmacTestKey()]);
      assert.equal(result.status, 'unverified');
      assert.equal(result.reason, 'The token is encrypted (JWE); JWT Lens does not decrypt it, so there is no signature to check.');
    });

    it('undecodable header is unverified', async () => {
      const result = await verify('bm90IGpzb24.e30.AAAA', [hmacTestKey()]);
      assert.equal(result.reason, 'The JOSE header did not decode to a JSON object, so the algorithm to verify with is unknown.');
    });

    it('unsupported alg is unverified', async () => {
      const token = `${Buffer.from('{"alg":"ES256K"}').toString('base64url')}.e30.AAAA`;
      const result = await verify(token, [hmacTestKey()]);
      assert.equal(result.reason, 'Algorithm "ES256K" is not supported for verification.');
    });

    it('garbage signature segment is unverified', async () => {
      const token = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.e30.***`;
      const result = await verify(token, [hmacTestKey()]);
      assert.equal(result.reason, 'The signature segment is not base64url, so it cannot be checked.');
    });
  });

  describe('self-supplied keys', () => {
    it('embedded jwk is never used', async () => {
      const pair = pairs.rsa;
      const jwk = pair.publicKey.export({ format: 'jwk' });
      const token = signWithNode({ alg: 'RS256', jwk }, pair.privateKey);
      const result = await verify(token, []);
      assert.equal(result.status, 'unverified');
      assert.equal(
        result.reason,
        'No key is configured, so the signature was not verified. The token supplies its own key through "jwk", which JWT Lens never uses or fetches, because a key chosen by the token proves nothing.',
      );
    });

    it('jku and x5u are named, not fetched', async () => {
      const token = signWithNode({ alg: 'RS256', jku: 'https://attacker.example/jwks', x5u: 'https://attacker.example/cert' }, pairs.rsa.privateKey);
      const result = await verify(token, [pemMaterial(spkiPem(pairs.rsaOther), 'issuer.pem')]);
      assert.equal(result.status, 'invalid');
      assert.ok(result.reason.endsWith('through "jku" and "x5u", which JWT Lens never uses or fetches, because a key chosen by the token proves nothing.'), result.reason);
    });

    it('a configured key still verifies', async () => {
      const jwk = pairs.rsa.publicKey.export({ format: 'jwk' });
      const token = signWithNode({ alg: 'RS256', jwk }, pairs.rsa.privateKey);
      const result = await verify(token, [pemMaterial(spkiPem(pairs.rsa), 'issuer.pem')]);
      assert.equal(result.status, 'verified');
      assert.equal(result.reason, 'The RS256 signature verifies with issuer.pem.');
    });
  });

  describe('ECDSA signature shape', () => {
    function withSignature(token: string, signature: Uint8Array): string {
      return `${token.split('.').slice(0, 2).join('.')}.${Buffer.from(signature).toString('base64url')}`;
    }

    it('DER-encoded signature is invalid', async () => {
      const { sign } = await import('node:crypto');
      const token = signWithNode({ alg: 'ES256' }, pairs['P-256'].privateKey);
      const input = token.split('.').slice(0, 2).join('.');
      const der = sign('sha256', Buffer.from(input), pairs['P-256'].privateKey);
      const result = await verify(withSignature(token, der), [pemMaterial(spkiPem(pairs['P-256']), 'ec.pem')]);
      assert.equal(result.status, 'invalid');
      assert.equal(result.reason, `The ES256 signature is ${der.length} bytes instead of 64, and it looks DER-encoded where JWS requires raw r || s.`);
    });

    it('psychic zero signature is invalid', async () => {
      const token = signWithNode({ alg: 'ES256' }, pairs['P-256'].privateKey);
      const result = await verify(withSignature(token, new Uint8Array(64)), [pemMaterial(spkiPem(pairs['P-256']), 'ec.pem')]);
      assert.equal(result.status, 'invalid');
      assert.equal(result.reason, 'The ES256 signature has r = 0 (a psychic signature), which no valid signature has.');
    });
  });
});

describe('verifySignature failures', () => {
  it('turns a failing HMAC into a reason', async () => {
    const token = signWithNode({ alg: 'HS256' }, 'secret');
    const result = await verifySignature(decodedToken(token), {
      hmac: () => {
        throw new Error('HMAC unavailable');
      },
    });
    assert.deepEqual(result, {
      status: 'unverified',
      verifiedBy: null,
      reason: 'Verification failed unexpectedly (HMAC unavailable), so the signature was not checked.',
    });
  });
});

describe('verifySignature with decodeToken', () => {
  it('verifies the cases as the decoder reads them', async () => {
    const hmacKey: KeyMaterial = { label: 'keys/hmac-test-key.txt', kind: 'secret', data: readFileSync(`${CASES}keys/hmac-test-key.txt`) };
    const rsaKey = pemMaterial(readFixture('cases/keys/rsa-test-public.pem'), 'keys/rsa-test-public.pem');
    const expected: Array<[file: string, index: number, status: string, confusion: boolean]> = [
      ['cases/case-01.txt', 0, 'verified', false],
      ['cases/case-02.txt', 0, 'verified', false],
      ['cases/case-02.txt', 2, 'verified', false],
      ['cases/case-15.ts', 0, 'verified', false],
      ['cases/case-15.ts', 1, 'unverified', true],
      ['cases/case-15.ts', 2, 'unverified', true],
    ];
    for (const [file, index, status, confusion] of expected) {
      const token = tokensIn(readFixture(file))[index];
      const result = await verifySignature(decodeToken(token), { keys: [hmacKey, rsaKey] });
      assert.equal(result.status, status, `${file} token ${index}: ${result.reason}`);
      assert.equal(result.confusionKey !== undefined, confusion, `${file} token ${index}: ${result.reason}`);
    }
  });
});
