import assert from 'node:assert/strict';

import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, importSPKI, jwtVerify, type CryptoKey } from 'jose';

import {
  generateKeyPair,
  type AsymmetricKeyPair,
  type GenerateKeyPairOptions,
  type HmacKey,
} from '../../../../src/core/keygen/generateKeyPair';
import type { KeyMaterial } from '../../../../src/core/model';
import { signToken } from '../../../../src/core/sign/signToken';

const NOW = 1767225600;
const CLAIMS = { sub: 'user-42', iat: NOW, exp: NOW + 3600 };
const currentDate = new Date(NOW * 1000);

/** Every key type with the algorithms its key fits; the first is the one generateKeyPair reports. */
const KEY_TYPES: { options: GenerateKeyPairOptions; algorithms: string[] }[] = [
  { options: { type: 'RSA', size: 2048 }, algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] },
  { options: { type: 'EC', curve: 'P-256' }, algorithms: ['ES256'] },
  { options: { type: 'EC', curve: 'P-384' }, algorithms: ['ES384'] },
  { options: { type: 'EC', curve: 'P-521' }, algorithms: ['ES512'] },
  { options: { type: 'OKP', curve: 'Ed25519' }, algorithms: ['EdDSA', 'Ed25519'] },
  { options: { type: 'HMAC', bits: 256 }, algorithms: ['HS256', 'HS384', 'HS512'] },
  { options: { type: 'HMAC', bits: 384 }, algorithms: ['HS384'] },
  { options: { type: 'HMAC', bits: 512 }, algorithms: ['HS512'] },
];

function describeOptions(options: GenerateKeyPairOptions): string {
  return [options.type, options.size, options.curve, options.bits].filter((part) => part !== undefined).join(' ');
}

/** Key material for signing with a generated key, as a user would pass its files. */
function signingMaterial(key: AsymmetricKeyPair | HmacKey): KeyMaterial {
  if (key.type === 'HMAC') return { label: 'HMAC secret', kind: 'secret', data: key.secret };
  return { label: 'test.private.pem', kind: 'pem', data: key.privateKeyPem };
}

async function verificationKey(key: AsymmetricKeyPair | HmacKey, algorithm: string): Promise<CryptoKey | Uint8Array> {
  if (key.type === 'HMAC') return key.secret;
  return importSPKI(key.publicKeyPem, algorithm);
}

describe('generateKeyPair', () => {
  const generated = new Map<string, AsymmetricKeyPair | HmacKey>();

  before(async () => {
    for (const { options } of KEY_TYPES) generated.set(describeOptions(options), await generateKeyPair(options));
  });

  for (const { options, algorithms } of KEY_TYPES) {
    const name = describeOptions(options);

    it(`${name}: reports ${algorithms[0]}`, () => {
      assert.equal(generated.get(name)!.algorithm, algorithms[0]);
    });

    it(`${name}: kid is the RFC 7638 thumbprint`, async () => {
      const key = generated.get(name)!;
      const jwk = key.type === 'HMAC' ? key.jwk : key.publicJwk;
      assert.equal(key.kid, await calculateJwkThumbprint(jwk, 'sha256'));
      assert.equal(jwk.kid, key.kid);
      assert.deepEqual(key.jwks, { keys: [jwk] });
    });

    for (const algorithm of algorithms) {
      it(`${name}: ${algorithm} round trip`, async () => {
        const key = generated.get(name)!;
        const token = await signToken({ header: { kid: key.kid }, payload: CLAIMS, key: signingMaterial(key), alg: algorithm });

        assert.equal(decodeProtectedHeader(token).alg, algorithm);
        const { payload } = await jwtVerify(token, await verificationKey(key, algorithm), { algorithms: [algorithm], currentDate });
        assert.deepEqual(payload, CLAIMS);
      });
    }

    it(`${name}: other keys of the type fail`, async () => {
      const key = generated.get(name)!;
      const other = await generateKeyPair(options);
      const algorithm = algorithms[0];
      const token = await signToken({ payload: CLAIMS, key: signingMaterial(key), alg: algorithm });

      await assert.rejects(
        jwtVerify(token, await verificationKey(other, algorithm), { algorithms: [algorithm], currentDate }),
        { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
      );
    });
  }

  it('public JWK verifies like the PEM', async () => {
    const key = generated.get('EC P-256') as AsymmetricKeyPair;
    const token = await signToken({ payload: CLAIMS, key: signingMaterial(key) });
    const publicKey = await importJWK(key.publicJwk, 'ES256');
    await jwtVerify(token, publicKey, { algorithms: ['ES256'], currentDate });
  });

  it('public JWK has no private members', () => {
    for (const name of ['RSA 2048', 'EC P-384', 'OKP Ed25519']) {
      const key = generated.get(name) as AsymmetricKeyPair;
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(member in key.publicJwk, false, `${name} ${member}`);
      assert.equal(key.publicJwk.use, 'sig');
    }
  });

  it('PEM files end with a newline', () => {
    const key = generated.get('RSA 2048') as AsymmetricKeyPair;
    assert.match(key.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    assert.match(key.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
  });

  it('RSA 3072 has a 3072-bit modulus', async () => {
    const key = (await generateKeyPair({ type: 'RSA', size: 3072 })) as AsymmetricKeyPair;
    assert.equal(Buffer.from(key.publicJwk.n!, 'base64url').length * 8, 3072);
  });

  it('HMAC secret has the requested length', () => {
    for (const bits of [256, 384, 512]) {
      const key = generated.get(`HMAC ${bits}`) as HmacKey;
      assert.equal(key.secret.length, bits / 8);
      assert.equal(key.secretBase64url, Buffer.from(key.secret).toString('base64url'));
      assert.equal(key.jwk.k, key.secretBase64url);
      assert.equal(key.jwk.kty, 'oct');
    }
  });

  it('HMAC secret uses injected random bytes', async () => {
    const key = (await generateKeyPair({ type: 'HMAC', randomBytes: (length) => new Uint8Array(length).fill(7) })) as HmacKey;
    assert.deepEqual(key.secret, new Uint8Array(32).fill(7));
  });

  it('rejects unsupported sizes and curves', async () => {
    await assert.rejects(generateKeyPair({ type: 'RSA', size: 1024 as 2048 }), {
      name: 'RangeError',
      message: 'RSA key size must be 2048, 3072 or 4096 bits, got 1024.',
    });
    await assert.rejects(generateKeyPair({ type: 'EC', curve: 'Ed25519' }), {
      message: 'EC curve must be P-256, P-384 or P-521, got Ed25519.',
    });
    await assert.rejects(generateKeyPair({ type: 'OKP', curve: 'P-256' }), { message: 'OKP curve must be Ed25519, got P-256.' });
    await assert.rejects(generateKeyPair({ type: 'HMAC', bits: 128 as 256 }), {
      message: 'HMAC secret length must be 256, 384 or 512 bits, got 128.',
    });
  });
});
