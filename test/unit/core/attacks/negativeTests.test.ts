import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { base64url, decodeProtectedHeader, importSPKI, jwtVerify, type CryptoKey, type JWTVerifyOptions } from 'jose';

import {
  generateNegativeTests,
  LOOPBACK_CERT_URL,
  LOOPBACK_KEY_URL,
  NegativeTestError,
  TRAVERSAL_KID,
  type NegativeTestSet,
} from '../../../../src/core/attacks/negativeTests';
import { generateKeyPair, type GenerateKeyPairOptions } from '../../../../src/core/keygen/generateKeyPair';
import type { KeyMaterial } from '../../../../src/core/model';
import { signToken } from '../../../../src/core/sign/signToken';

const KEYS = join(__dirname, '../../../fixtures/cases/keys');
const NOW = 1767225600;
const ISSUER = 'https://issuer.example.test/';
const AUDIENCE = 'https://api.example.test/';
const CLAIMS = { iss: ISSUER, aud: AUDIENCE, sub: 'user-42', iat: NOW - 60, nbf: NOW - 60, exp: NOW + 3600 };

const COMMON_IDS = [
  'alg-none-lowercase',
  'alg-none-capitalized',
  'alg-none-uppercase',
  'alg-none-mixed-case',
  'empty-signature',
  'signature-stripped',
  'embedded-jwk',
  'jku-loopback',
  'x5u-loopback',
  'kid-path-traversal',
  'expired',
  'not-yet-valid',
  'wrong-issuer',
  'wrong-audience',
  'different-key-signature',
];
const CONFUSION_IDS = ['alg-confusion-public-pem', 'alg-confusion-public-pem-no-final-newline'];

/** Returns strict verifier options: algorithm pinned, issuer and audience set, no clock tolerance. */
function strictOptions(algorithm: string): JWTVerifyOptions {
  return { algorithms: [algorithm], issuer: ISSUER, audience: AUDIENCE, currentDate: new Date(NOW * 1000) };
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

function hmacVerifies(token: string, key: Uint8Array | string): boolean {
  const [header, payload, signature] = token.split('.');
  const hash = `sha${(decodeProtectedHeader(token).alg as string).slice(2)}`;
  return createHmac(hash, key).update(`${header}.${payload}`).digest('base64url') === signature;
}

const SOURCES: { options: GenerateKeyPairOptions; expectedIds: string[] }[] = [
  { options: { type: 'RSA' }, expectedIds: [...COMMON_IDS, ...CONFUSION_IDS] },
  { options: { type: 'EC', curve: 'P-256' }, expectedIds: [...COMMON_IDS, ...CONFUSION_IDS, 'psychic-signature'] },
  { options: { type: 'EC', curve: 'P-521' }, expectedIds: [...COMMON_IDS, ...CONFUSION_IDS, 'psychic-signature'] },
  { options: { type: 'OKP' }, expectedIds: [...COMMON_IDS, ...CONFUSION_IDS] },
  { options: { type: 'HMAC', bits: 384 }, expectedIds: COMMON_IDS },
];

describe('generateNegativeTests', () => {
  for (const { options, expectedIds } of SOURCES) {
    describe(`${options.type} ${options.curve ?? options.bits ?? ''} source`, () => {
      let set: NegativeTestSet;
      let token: string;
      let algorithm: string;
      let verifyKey: CryptoKey | Uint8Array;
      let publicPem: string | null = null;

      before(async () => {
        const key = await generateKeyPair(options);
        algorithm = key.algorithm;
        const material: KeyMaterial =
          key.type === 'HMAC'
            ? { label: 'dev.secret.jwk.json', kind: 'jwk', data: JSON.stringify(key.jwk) }
            : { label: 'dev.private.pem', kind: 'pem', data: key.privateKeyPem };
        token = await signToken({ header: { typ: 'JWT', kid: key.kid }, payload: CLAIMS, key: material });
        verifyKey = key.type === 'HMAC' ? key.secret : await importSPKI(key.publicKeyPem, algorithm);
        publicPem = key.type === 'HMAC' ? null : key.publicKeyPem;
        set = await generateNegativeTests({ token, key: material, now: NOW });
      });

      it('original passes the strict verifier', async () => {
        await jwtVerify(token, verifyKey, strictOptions(algorithm));
      });

      it('contains the expected cases', () => {
        assert.deepEqual([...set.cases.map((entry) => entry.id)].sort(), [...expectedIds].sort());
        assert.equal(set.version, 1);
        assert.equal(set.source.alg, algorithm);
        assert.equal(set.source.kid, decodeProtectedHeader(token).kid);
      });

      it('every case is rejected', async () => {
        for (const entry of set.cases) {
          assert.equal(entry.expect, 'reject');
          assert.notEqual(entry.token, token, entry.id);
          await assert.rejects(jwtVerify(entry.token, verifyKey, strictOptions(algorithm)), Error, entry.id);
        }
      });

      it('every case has a description', () => {
        for (const entry of set.cases) assert.match(entry.description, /^[A-Z$0-9"].{20,}\.$/, entry.id);
      });

      it('claim cases carry the real signature', async () => {
        const byId = new Map(set.cases.map((entry) => [entry.id, entry.token]));
        const lenient = { algorithms: [algorithm] };

        await jwtVerify(byId.get('expired')!, verifyKey, { ...lenient, currentDate: new Date((NOW - 86400 - 60) * 1000) });
        assert.equal(payloadOf(byId.get('expired')!).exp, NOW - 86400);
        assert.equal(payloadOf(byId.get('not-yet-valid')!).nbf, NOW + 86400);
        await jwtVerify(byId.get('wrong-issuer')!, verifyKey, { ...lenient, currentDate: new Date(NOW * 1000) });
        assert.equal(payloadOf(byId.get('wrong-issuer')!).iss, 'https://wrong-issuer.invalid/');
        await jwtVerify(byId.get('wrong-audience')!, verifyKey, { ...lenient, currentDate: new Date(NOW * 1000) });
        assert.equal(payloadOf(byId.get('wrong-audience')!).aud, 'https://wrong-audience.invalid/');
      });

      it('header attacks are well formed', () => {
        const byId = new Map(set.cases.map((entry) => [entry.id, entry.token]));
        assert.equal(decodeProtectedHeader(byId.get('alg-none-mixed-case')!).alg, 'nOnE');
        assert.ok(byId.get('alg-none-lowercase')!.endsWith('.'));
        assert.equal(byId.get('signature-stripped')!.split('.').length, 2);
        assert.equal(decodeProtectedHeader(byId.get('jku-loopback')!).jku, LOOPBACK_KEY_URL);
        assert.equal(decodeProtectedHeader(byId.get('x5u-loopback')!).x5u, LOOPBACK_CERT_URL);
        assert.equal(typeof decodeProtectedHeader(byId.get('embedded-jwk')!).jwk, 'object');
        assert.equal('d' in (decodeProtectedHeader(byId.get('embedded-jwk')!).jwk as object), false);
      });

      it('kid traversal MAC uses an empty key', () => {
        const traversal = set.cases.find((entry) => entry.id === 'kid-path-traversal')!.token;
        assert.equal(decodeProtectedHeader(traversal).kid, TRAVERSAL_KID);
        assert.ok(hmacVerifies(traversal, ''));
      });

      if (expectedIds.includes('alg-confusion-public-pem')) {
        it('confusion MACs use the public PEM', () => {
          const withNewline = set.cases.find((entry) => entry.id === 'alg-confusion-public-pem')!.token;
          const withoutNewline = set.cases.find((entry) => entry.id === 'alg-confusion-public-pem-no-final-newline')!.token;
          assert.ok(hmacVerifies(withNewline, publicPem!));
          assert.ok(!hmacVerifies(withNewline, publicPem!.trimEnd()));
          assert.ok(hmacVerifies(withoutNewline, publicPem!.trimEnd()));
        });
      }

      if (expectedIds.includes('psychic-signature')) {
        it('psychic signature is all zeros', () => {
          const psychic = set.cases.find((entry) => entry.id === 'psychic-signature')!.token;
          const signature = base64url.decode(psychic.split('.')[2]);
          assert.equal(signature.length, algorithm === 'ES256' ? 64 : 132);
          assert.ok(signature.every((byte) => byte === 0));
        });
      }
    });
  }

  describe('RS256 confusion fixture', () => {
    const publicPem = readFileSync(join(KEYS, 'rsa-test-public.pem'), 'utf8');
    const privatePem = readFileSync(join(KEYS, 'rsa-test-private.pem'), 'utf8');
    const forgedClaims = { iss: 'https://issuer.example.test/', sub: 'user-42', role: 'admin', iat: 1767225600, exp: 1767229200 };
    const forgedWithNewline =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InJzYS1rZXktMSJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLnRlc3QvIiwic3ViIjoidXNlci00MiIsInJvbGUiOiJhZG1pbiIsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjoxNzY3MjI5MjAwfQ.XhBlqaWOuXXLO1pUx6S9m_e3dLkdnV_MKBQ4TpqLLrg';
    const forgedWithoutNewline =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InJzYS1rZXktMSJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLnRlc3QvIiwic3ViIjoidXNlci00MiIsInJvbGUiOiJhZG1pbiIsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjoxNzY3MjI5MjAwfQ.3Q6K5U_18oOWTrsjwn6a6S3qwEoN7tCEKdUXZfJJ1qk';

    it('reproduces both fixture forgeries', async () => {
      const token = await signToken({
        header: { alg: 'RS256', typ: 'JWT', kid: 'rsa-key-1' },
        payload: forgedClaims,
        key: { label: 'rsa-test-private.pem', kind: 'pem', data: privatePem },
      });
      const set = await generateNegativeTests({ token, key: { label: 'rsa-test-public.pem', kind: 'pem', data: publicPem }, now: NOW });

      assert.equal(set.cases.find((entry) => entry.id === 'alg-confusion-public-pem')!.token, forgedWithNewline);
      assert.equal(set.cases.find((entry) => entry.id === 'alg-confusion-public-pem-no-final-newline')!.token, forgedWithoutNewline);
    });

    it('public key alone skips re-signed cases', async () => {
      const token = await signToken({ payload: forgedClaims, key: { label: 'k', kind: 'pem', data: privatePem } });
      const set = await generateNegativeTests({ token, key: { label: 'rsa-test-public.pem', kind: 'pem', data: publicPem }, now: NOW });

      const reason = 'Only a public key was given; re-signing needs the private key.';
      for (const id of ['expired', 'not-yet-valid', 'wrong-issuer', 'wrong-audience']) {
        assert.deepEqual(set.skipped.find((entry) => entry.id === id), { id, reason });
        assert.equal(set.cases.some((entry) => entry.id === id), false);
      }
      assert.ok(set.cases.some((entry) => entry.id === 'different-key-signature'));
    });
  });

  describe('source checks', () => {
    const secret: KeyMaterial = { label: 'HMAC secret', kind: 'secret', data: 'a-test-secret-of-32-bytes-length' };

    it('skips issuer and audience when absent', async () => {
      const token = await signToken({ payload: { sub: 'x', exp: NOW + 60 }, key: secret });
      const set = await generateNegativeTests({ token, key: secret, now: NOW });
      assert.deepEqual(set.skipped.find((entry) => entry.id === 'wrong-issuer'), {
        id: 'wrong-issuer',
        reason: 'The token has no iss claim, so no verifier can check its issuer.',
      });
      assert.deepEqual(set.skipped.find((entry) => entry.id === 'wrong-audience'), {
        id: 'wrong-audience',
        reason: 'The token has no aud claim, so no verifier can check its audience.',
      });
      assert.equal(set.source.kid, null);
    });

    it('adds exp when the source has none', async () => {
      const token = await signToken({ payload: { sub: 'x', iat: NOW }, key: secret });
      const set = await generateNegativeTests({ token, key: secret, now: NOW });
      const expired = payloadOf(set.cases.find((entry) => entry.id === 'expired')!.token);
      assert.equal(expired.exp, NOW - 86400);
      assert.equal(expired.iat, NOW - 86400);
    });

    it('rejects a token the key does not verify', async () => {
      const token = await signToken({ payload: CLAIMS, key: secret });
      await assert.rejects(
        generateNegativeTests({ token, key: { label: 'other.txt', kind: 'secret', data: 'another-secret-of-32-bytes-long!' }, now: NOW }),
        (error: unknown) => {
          assert.ok(error instanceof NegativeTestError);
          assert.equal(error.message, "The token's HS256 signature does not verify with other.txt; pass the key that signed it.");
          return true;
        },
      );
    });

    it('rejects malformed and unsecured tokens', async () => {
      await assert.rejects(generateNegativeTests({ token: 'a.b', key: secret, now: NOW }), {
        name: 'NegativeTestError',
        message: 'The token has 2 segments; a negative test set needs a compact JWS with 3.',
      });
      await assert.rejects(generateNegativeTests({ token: 'e30.e30.', key: secret, now: NOW }), {
        message: "The token's alg is undefined; a negative test set needs a signed token.",
      });
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.`;
      await assert.rejects(generateNegativeTests({ token: none, key: secret, now: NOW }), {
        message: 'The token\'s alg is "none"; a negative test set needs a signed token.',
      });
      await assert.rejects(generateNegativeTests({ token: '!!!.e30.', key: secret, now: NOW }), {
        message: "The token's header is not base64url-encoded UTF-8 JSON.",
      });
      await assert.rejects(generateNegativeTests({ token: 'eyJhbGciOiJIUzI1NiJ9.W10.', key: secret, now: NOW }), {
        message: "The token's payload is not a JSON object.",
      });
    });
  });
});
