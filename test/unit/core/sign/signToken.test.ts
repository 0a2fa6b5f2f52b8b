import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';

import { generateKeyPair, type AsymmetricKeyPair, type HmacKey } from '../../../../src/core/keygen/generateKeyPair';
import type { KeyMaterial } from '../../../../src/core/model';
import { SigningKeyError } from '../../../../src/core/sign/signingKey';
import { signToken } from '../../../../src/core/sign/signToken';

const KEYS = join(__dirname, '../../../fixtures/cases/keys');
const NOW = 1767225600;
const CLAIMS = { sub: 'user-42', iat: NOW, exp: NOW + 3600 };
const currentDate = new Date(NOW * 1000);

describe('signToken', () => {
  let rsa: AsymmetricKeyPair;
  let ec384: AsymmetricKeyPair;
  let hmac: HmacKey;

  before(async () => {
    rsa = (await generateKeyPair({ type: 'RSA' })) as AsymmetricKeyPair;
    ec384 = (await generateKeyPair({ type: 'EC', curve: 'P-384' })) as AsymmetricKeyPair;
    hmac = (await generateKeyPair({ type: 'HMAC' })) as HmacKey;
  });

  const pem = (key: AsymmetricKeyPair): KeyMaterial => ({ label: 'key.pem', kind: 'pem', data: key.privateKeyPem });

  it('picks the algorithm that fits the key', async () => {
    assert.equal(decodeProtectedHeader(await signToken({ payload: CLAIMS, key: pem(rsa) })).alg, 'RS256');
    assert.equal(decodeProtectedHeader(await signToken({ payload: CLAIMS, key: pem(ec384) })).alg, 'ES384');
    const secret: KeyMaterial = { label: 'HMAC secret', kind: 'secret', data: 'a-test-secret-of-32-bytes-length' };
    assert.equal(decodeProtectedHeader(await signToken({ payload: CLAIMS, key: secret })).alg, 'HS256');
  });

  it('uses header alg when alg is absent', async () => {
    const token = await signToken({ header: { alg: 'PS384', typ: 'JWT' }, payload: CLAIMS, key: pem(rsa) });
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'PS384', typ: 'JWT' });
    await jwtVerify(token, await importSPKI(rsa.publicKeyPem, 'PS384'), { algorithms: ['PS384'], currentDate });
  });

  it('keeps header members and the payload', async () => {
    const header = { typ: 'at+jwt', kid: 'k-1', cty: 'JWT', x5t: 'abc' };
    const token = await signToken({ header, payload: CLAIMS, key: pem(ec384), alg: 'ES384' });
    assert.deepEqual(decodeProtectedHeader(token), { ...header, alg: 'ES384' });
    const { payload } = await jwtVerify(token, await importSPKI(ec384.publicKeyPem, 'ES384'), { currentDate });
    assert.deepEqual(payload, CLAIMS);
  });

  it('rejects an algorithm that does not fit', async () => {
    await assert.rejects(signToken({ payload: CLAIMS, key: pem(rsa), alg: 'ES256' }), {
      name: 'SigningKeyError',
      code: 'alg-mismatch',
      message: 'Algorithm ES256 does not fit the RSA private key in key.pem; use RS256, RS384, RS512, PS256, PS384, PS512.',
    });
    await assert.rejects(signToken({ payload: CLAIMS, key: pem(ec384), alg: 'ES256' }), {
      message: 'Algorithm ES256 does not fit the EC private key in key.pem; use ES384.',
    });
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'HMAC secret', kind: 'secret', data: 'x' }, alg: 'RS256' }), {
      message: 'Algorithm RS256 does not fit the HMAC secret in HMAC secret; use HS256, HS384, HS512.',
    });
  });

  it('rejects alg none in any case', async () => {
    for (const alg of ['none', 'NONE', 'None']) {
      await assert.rejects(signToken({ payload: CLAIMS, key: pem(rsa), alg }), {
        code: 'alg-mismatch',
        message: 'Algorithm "none" produces an unsecured token; pick a signing algorithm.',
      });
    }
  });

  it('rejects a public key', async () => {
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'pub.pem', kind: 'pem', data: rsa.publicKeyPem } }), {
      code: 'key-not-private',
      message: 'pub.pem contains a "PUBLIC KEY" block; signing needs the private key (-----BEGIN PRIVATE KEY-----).',
    });
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'pub.jwk', kind: 'jwk', data: JSON.stringify(rsa.publicJwk) } }), {
      code: 'key-not-private',
      message: 'The RSA JWK in pub.jwk is a public key; signing needs one with "d".',
    });
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'jwks.json', kind: 'jwks', data: JSON.stringify(rsa.jwks) } }), {
      code: 'key-not-private',
      message: 'The JWKS in jwks.json contains no private key; signing needs a private JWK.',
    });
  });

  it('rejects PKCS#1 and encrypted PEM', async () => {
    const pkcs1 = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n';
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'old.pem', kind: 'pem', data: pkcs1 } }), {
      code: 'key-unsupported',
      message: 'old.pem contains a "RSA PRIVATE KEY" block (PKCS#1 or SEC1); convert it to PKCS#8 with openssl pkcs8 -topk8 -nocrypt -in FILE -out KEY.pem.',
    });
    const encrypted = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n';
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'enc.pem', kind: 'pem', data: encrypted } }), {
      code: 'key-unsupported',
      message: 'The private key in enc.pem is encrypted; decrypt it first (openssl pkcs8 -in FILE -out PLAIN.pem).',
    });
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'text.pem', kind: 'pem', data: 'not a key' } }), {
      code: 'key-invalid',
      message: 'text.pem contains no PEM block (-----BEGIN PRIVATE KEY-----).',
    });
  });

  it('finds the key after a certificate', async () => {
    const bundle = `-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n${ec384.privateKeyPem}`;
    const token = await signToken({ payload: CLAIMS, key: { label: 'bundle.pem', kind: 'pem', data: bundle } });
    await jwtVerify(token, await importSPKI(ec384.publicKeyPem, 'ES384'), { currentDate });
  });

  it('rejects an empty secret', async () => {
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'HMAC secret', kind: 'secret', data: '' } }), {
      code: 'key-invalid',
      message: 'The HMAC secret in HMAC secret is empty.',
    });
  });

  it('JWK alg pins the algorithm', async () => {
    const key: KeyMaterial = { label: 'mac.jwk.json', kind: 'jwk', data: JSON.stringify({ ...hmac.jwk, alg: 'HS512' }) };
    assert.equal(decodeProtectedHeader(await signToken({ payload: CLAIMS, key })).alg, 'HS512');
    await assert.rejects(signToken({ payload: CLAIMS, key, alg: 'HS256' }), {
      message: 'Algorithm HS256 does not fit the HMAC secret in mac.jwk.json; use HS512.',
    });
  });

  it('oct JWK signs with the decoded bytes', async () => {
    const token = await signToken({ payload: CLAIMS, key: { label: 'mac.jwk.json', kind: 'jwk', data: JSON.stringify(hmac.jwk) } });
    await jwtVerify(token, hmac.secret, { algorithms: ['HS256'], currentDate });
  });

  it('JWKS key chosen by header kid', async () => {
    const other = (await generateKeyPair({ type: 'HMAC' })) as HmacKey;
    const jwks: KeyMaterial = { label: 'keys.json', kind: 'jwks', data: JSON.stringify({ keys: [other.jwk, hmac.jwk] }) };

    const token = await signToken({ header: { kid: hmac.kid }, payload: CLAIMS, key: jwks });
    await jwtVerify(token, hmac.secret, { algorithms: ['HS256'], currentDate });
    await assert.rejects(signToken({ header: { kid: 'missing' }, payload: CLAIMS, key: jwks }), {
      message: 'The JWKS in keys.json contains no private key with kid "missing"; signing needs a private JWK.',
    });
  });

  it('rejects unsupported JWK types', async () => {
    const x25519 = { kty: 'OKP', crv: 'X25519', x: 'AAAA', d: 'AAAA' };
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'x.jwk', kind: 'jwk', data: JSON.stringify(x25519) } }), {
      code: 'key-unsupported',
      message: 'x.jwk contains an OKP JWK on curve X25519, which JWT Lens cannot sign with.',
    });
    await assert.rejects(signToken({ payload: CLAIMS, key: { label: 'bad.json', kind: 'jwk', data: '{"kty":' } }), {
      code: 'key-invalid',
    });
  });

  it('signs with the RS256 fixture key', async () => {
    const key: KeyMaterial = { label: 'rsa-test-private.pem', kind: 'pem', data: readFileSync(join(KEYS, 'rsa-test-private.pem'), 'utf8') };
    const token = await signToken({ header: { kid: 'rsa-key-1' }, payload: CLAIMS, key });
    const publicKey = await importSPKI(readFileSync(join(KEYS, 'rsa-test-public.pem'), 'utf8'), 'RS256');
    await jwtVerify(token, publicKey, { algorithms: ['RS256'], currentDate });
  });

  it('SigningKeyError carries its code', () => {
    const error = new SigningKeyError('key-invalid', 'x');
    assert.equal(error.code, 'key-invalid');
    assert.equal(error.name, 'SigningKeyError');
  });
});
