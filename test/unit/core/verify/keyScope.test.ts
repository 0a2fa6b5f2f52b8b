import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { decodeToken } from '../../../../src/core/decode/decodeToken';
import type { KeyMaterial } from '../../../../src/core/model';
import { keyAppliesTo, keyScopeOf } from '../../../../src/core/verify/keyScope';
import { verifySignature } from '../../../../src/core/verify/verifySignature';
import { CLAIMS, pemMaterial, secretMaterial, signWithNode } from './tokenFixtures';

const SECRET = 'k'.repeat(48);
const OTHER_SECRET = 'q'.repeat(48);

function scoped(key: KeyMaterial, token: string): KeyMaterial {
  return { ...key, appliesTo: keyScopeOf(decodeToken(token)) };
}

describe('keyScopeOf', () => {
  it('takes raw text, iss and kid', () => {
    const token = signWithNode({ alg: 'HS256', kid: 'k1' }, SECRET, { ...CLAIMS, iss: 'https://a.example' });
    assert.deepEqual(keyScopeOf(decodeToken(token)), { token, iss: 'https://a.example', kid: 'k1' });
  });

  it('leaves out non-string iss and kid', () => {
    const token = signWithNode({ alg: 'HS256', kid: 7 }, SECRET, { ...CLAIMS, iss: ['a'] });
    assert.deepEqual(keyScopeOf(decodeToken(token)), { token });
  });
});

describe('keyAppliesTo', () => {
  const issA = signWithNode({ alg: 'HS256' }, SECRET, { ...CLAIMS, iss: 'a' });
  const issAOther = signWithNode({ alg: 'HS512' }, SECRET, { sub: 'user-7', iss: 'a' });
  const issB = signWithNode({ alg: 'HS256' }, SECRET, { ...CLAIMS, iss: 'b' });
  const noIss = signWithNode({ alg: 'HS256' }, SECRET);
  const noIssOther = signWithNode({ alg: 'HS256' }, SECRET, { sub: 'user-7' });
  const kid1 = signWithNode({ alg: 'HS256', kid: '1' }, SECRET, { ...CLAIMS, iss: 'a' });
  const kid2 = signWithNode({ alg: 'HS256', kid: '2' }, SECRET, { ...CLAIMS, iss: 'a' });

  it('an unscoped key applies to every token', () => {
    for (const token of [issA, issB, noIss, kid1]) assert.equal(keyAppliesTo(secretMaterial(SECRET), decodeToken(token)), true);
  });

  it('applies to tokens of the same issuer', () => {
    const key = scoped(secretMaterial(SECRET), issA);
    assert.equal(keyAppliesTo(key, decodeToken(issA)), true);
    assert.equal(keyAppliesTo(key, decodeToken(issAOther)), true);
    assert.equal(keyAppliesTo(key, decodeToken(issB)), false);
    assert.equal(keyAppliesTo(key, decodeToken(noIss)), false);
  });

  it('a scope with kid needs the same kid', () => {
    const key = scoped(secretMaterial(SECRET), kid1);
    assert.equal(keyAppliesTo(key, decodeToken(kid1)), true);
    assert.equal(keyAppliesTo(key, decodeToken(kid2)), false);
    assert.equal(keyAppliesTo(key, decodeToken(issA)), false);
  });

  it('without iss and kid covers only its token', () => {
    const key = scoped(secretMaterial(SECRET), noIss);
    assert.equal(keyAppliesTo(key, decodeToken(noIss)), true);
    assert.equal(keyAppliesTo(key, decodeToken(noIssOther)), false);
    assert.equal(keyAppliesTo(key, decodeToken(issA)), false);
  });
});

describe('verifySignature with scoped keys', () => {
  it('a scoped secret leaves other issuers unverified', async () => {
    const entered = signWithNode({ alg: 'HS256' }, SECRET, { ...CLAIMS, iss: 'a' });
    const other = signWithNode({ alg: 'HS512' }, OTHER_SECRET, { ...CLAIMS, iss: 'b' });
    const key = scoped(secretMaterial(SECRET, 'HMAC secret entered in the panel'), entered);

    const result = await verifySignature(decodeToken(other), { keys: [key] });
    assert.equal(result.status, 'unverified');
    assert.equal(
      result.reason,
      'No key applies to this token, so the signature was not verified: HMAC secret entered in the panel was entered for tokens of another issuer or kid.',
    );
  });

  it('a scoped secret verifies its token', async () => {
    const entered = signWithNode({ alg: 'HS256' }, SECRET, { ...CLAIMS, iss: 'a' });
    const result = await verifySignature(decodeToken(entered), { keys: [scoped(secretMaterial(SECRET, 'entered'), entered)] });
    assert.equal(result.status, 'verified');
    assert.equal(result.verifiedBy, 'entered');
  });

  it('a scoped secret still fails a same-issuer forgery', async () => {
    const entered = signWithNode({ alg: 'HS256' }, SECRET, { ...CLAIMS, iss: 'a' });
    const forged = signWithNode({ alg: 'HS256' }, OTHER_SECRET, { ...CLAIMS, iss: 'a', sub: 'admin' });
    const result = await verifySignature(decodeToken(forged), { keys: [scoped(secretMaterial(SECRET, 'entered'), entered)] });
    assert.equal(result.status, 'invalid');
    assert.equal(result.reason, 'The HS256 signature does not match entered.');
  });

  it('weak secret alone on another issuer', async () => {
    const entered = signWithNode({ alg: 'HS256' }, SECRET, { ...CLAIMS, iss: 'a' });
    const weak = signWithNode({ alg: 'HS256' }, 'secret', { ...CLAIMS, iss: 'b' });
    const result = await verifySignature(decodeToken(weak), { keys: [scoped(secretMaterial(SECRET, 'entered'), entered)] });
    assert.equal(result.status, 'unverified');
    assert.equal(result.weakSecret?.secret, 'secret');
  });

  it('a scoped key file leaves other issuers unverified', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const otherPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const entered = signWithNode({ alg: 'RS256' }, pair.privateKey, { ...CLAIMS, iss: 'a' });
    const other = signWithNode({ alg: 'RS256' }, otherPair.privateKey, { ...CLAIMS, iss: 'b' });
    const key = scoped(pemMaterial(pem, 'issuer-a.pem'), entered);

    assert.equal((await verifySignature(decodeToken(other), { keys: [key] })).status, 'unverified');
    const tampered = `${entered.slice(0, -4)}${entered.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    assert.equal((await verifySignature(decodeToken(tampered), { keys: [key] })).status, 'invalid');
  });

  it('an unscoped key still applies everywhere', async () => {
    const other = signWithNode({ alg: 'HS256' }, OTHER_SECRET, { ...CLAIMS, iss: 'b' });
    const result = await verifySignature(decodeToken(other), { keys: [secretMaterial(SECRET, '--key secret.txt')] });
    assert.equal(result.status, 'invalid');
    assert.equal(result.reason, 'The HS256 signature does not match --key secret.txt.');
  });
});
