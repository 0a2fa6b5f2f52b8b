import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { decodeBase64Lenient, encodeBase64, encodeBase64Url } from '../../../../src/core/keys/base64';
import { parseKeyMaterial } from '../../../../src/core/keys/parseKeyMaterial';
import { readPemBlocks } from '../../../../src/core/keys/pem';
import type { KeyMaterial } from '../../../../src/core/model';

function pem(data: string, label = 'key.pem'): KeyMaterial {
  return { label, kind: 'pem', data };
}

describe('parseKeyMaterial', () => {
  it('reads the public part of a private key', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const parsed = await parseKeyMaterial(pem(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    assert.deepEqual(parsed.errors, []);
    const expected = pair.publicKey.export({ format: 'jwk' });
    assert.deepEqual(parsed.keys[0].publicKey!.jwk, { kty: 'EC', crv: 'P-256', x: expected.x, y: expected.y });
  });

  it('rebuilds the SPKI DER OpenSSL writes', async () => {
    for (const pair of [generateKeyPairSync('rsa', { modulusLength: 2048 }), generateKeyPairSync('ec', { namedCurve: 'P-521' }), generateKeyPairSync('ed25519')]) {
      const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
      const parsed = await parseKeyMaterial(pem(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
      assert.deepEqual(Buffer.from(parsed.keys[0].publicKey!.spki), spki);
    }
  });

  it('labels each key of a multi-key PEM file', async () => {
    const first = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const second = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const parsed = await parseKeyMaterial(pem(`${first}${second}`, 'bundle.pem'));
    assert.deepEqual(parsed.keys.map((key) => key.label), ['bundle.pem (key 1)', 'bundle.pem (key 2)']);
  });

  it('reports a file with no PEM block', async () => {
    const parsed = await parseKeyMaterial(pem('just text'));
    assert.deepEqual(parsed.errors, ['key.pem: no PEM block (-----BEGIN …-----) found']);
  });

  it('reports a block that is not a key', async () => {
    const parsed = await parseKeyMaterial(pem('-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n'));
    assert.deepEqual(parsed.errors, ['key.pem: CERTIFICATE REQUEST: PEM block type "CERTIFICATE REQUEST" is not a key']);
  });

  it('reports encrypted private keys', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const message = 'encrypted private keys are not supported; give the public key instead';
    for (const type of ['pkcs8', 'pkcs1'] as const) {
      const text = pair.privateKey.export({ type, format: 'pem', cipher: 'aes-128-cbc', passphrase: 'test' }).toString();
      const parsed = await parseKeyMaterial(pem(text));
      assert.equal(parsed.keys.length, 0);
      assert.ok(parsed.errors[0].endsWith(message), parsed.errors[0]);
    }
  });

  it('reports unsupported curves', async () => {
    const parsed = await parseKeyMaterial(pem(generateKeyPairSync('ed448').publicKey.export({ type: 'spki', format: 'pem' }).toString()));
    assert.deepEqual(parsed.errors, ['key.pem: PUBLIC KEY: Ed448 keys are not supported']);
    const k1 = await parseKeyMaterial(pem(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString()));
    assert.deepEqual(k1.errors, ['key.pem: PUBLIC KEY: secp256k1 (ES256K) keys are not supported']);
  });

  it('reports malformed DER', async () => {
    const parsed = await parseKeyMaterial(pem('-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----\n'));
    assert.deepEqual(parsed.errors, ['key.pem: PUBLIC KEY: SubjectPublicKeyInfo is malformed: DER element is longer than its container']);
  });

  it('reports a block without its END line', async () => {
    const parsed = await parseKeyMaterial(pem('-----BEGIN PUBLIC KEY-----\nMIIB\n'));
    assert.deepEqual(parsed.errors, ['key.pem: PEM block "PUBLIC KEY" has no END line']);
  });

  it('reports JSON that is not a key', async () => {
    const parsed = await parseKeyMaterial({ label: 'k.json', kind: 'jwk', data: '[1]' });
    assert.deepEqual(parsed.errors, ['k.json: JSON is not an object, so it is neither a JWK nor a JWK Set']);
  });

  it('reports a JWK of an unknown type', async () => {
    const parsed = await parseKeyMaterial({ label: 'k.json', kind: 'jwk', data: '{"kty":"XYZ"}' });
    assert.deepEqual(parsed.errors, ['k.json: JWK key type "XYZ" is not an asymmetric key (expected RSA, EC or OKP)']);
  });

  it('keeps good set members beside bad ones', async () => {
    const data = JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }, 'text', { kty: 'oct', kid: 'no-k' }] });
    const parsed = await parseKeyMaterial({ label: 'set.json', kind: 'jwks', data });
    assert.deepEqual(parsed.keys.map((key) => key.label), ['set.json (key 1)']);
    assert.deepEqual(parsed.errors, ['set.json (key 2): is not a JSON object', 'set.json (kid no-k): JWK member "k" is missing or not base64url']);
  });

  it('reuses the result for the same object', () => {
    const material = pem('x');
    assert.equal(parseKeyMaterial(material), parseKeyMaterial(material));
  });
});

describe('readPemBlocks', () => {
  it('strips comment markers from every line', () => {
    const text = ' * -----BEGIN PUBLIC KEY-----\n * AAEC\n * -----END PUBLIC KEY-----';
    const [block] = readPemBlocks(text);
    assert.equal(block.text, '-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----');
    assert.deepEqual(block.der, Uint8Array.of(0, 1, 2));
  });

  it('reads CRLF files', () => {
    const [block] = readPemBlocks('-----BEGIN X-----\r\nAAEC\r\n-----END X-----\r\n');
    assert.equal(block.text, '-----BEGIN X-----\nAAEC\n-----END X-----');
  });

  it('rejects a mismatched END line', () => {
    assert.throws(() => readPemBlocks('-----BEGIN A-----\nAAEC\n-----END B-----\n'), { message: 'PEM block "A" ends with a different END line' });
  });
});

describe('decodeBase64Lenient', () => {
  it('reads both alphabets, padding and set trailing bits', () => {
    const bytes = Uint8Array.of(0xfb, 0xff, 0xbf);
    assert.deepEqual(decodeBase64Lenient('-_-_'), bytes);
    assert.deepEqual(decodeBase64Lenient('+/+/'), bytes);
    assert.deepEqual(decodeBase64Lenient('AQ=='), Uint8Array.of(1));
    assert.deepEqual(decodeBase64Lenient('AR'), Uint8Array.of(1));
  });

  it('rejects other characters and impossible lengths', () => {
    assert.equal(decodeBase64Lenient('AA*A'), null);
    assert.equal(decodeBase64Lenient('A'), null);
    assert.equal(decodeBase64Lenient('AA=A'), null);
    assert.equal(decodeBase64Lenient('é'), null);
  });

  it('round-trips with the encoders', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      assert.deepEqual(decodeBase64Lenient(encodeBase64(bytes)), bytes);
      assert.deepEqual(decodeBase64Lenient(encodeBase64Url(bytes)), bytes);
      assert.equal(encodeBase64(bytes), Buffer.from(bytes).toString('base64'));
      assert.equal(encodeBase64Url(bytes), Buffer.from(bytes).toString('base64url'));
    }
  });
});
