import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyFileError, loadKeyFile, loadSecretFile } from '../../../../src/core/keys/loadKeyFile';

describe('loadKeyFile', () => {
  let dir: string;
  const file = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-keys-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects PEM', async () => {
    const path = file('key.pem', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
    const material = await loadKeyFile(path);
    assert.equal(material.kind, 'pem');
    assert.equal(material.label, path);
    assert.equal(material.data, '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
  });

  it('detects a JWK and a JWK Set', async () => {
    assert.equal((await loadKeyFile(file('key.jwk', '{"kty":"oct","k":"c2VjcmV0"}'))).kind, 'jwk');
    assert.equal((await loadKeyFile(file('jwks.json', ' {"keys":[]}\n'))).kind, 'jwks');
  });

  it('rejects JSON that is no key', async () => {
    const path = file('other.json', '{"issuer":"x"}');
    await assert.rejects(loadKeyFile(path), new KeyFileError(`${path} is JSON but neither a JWK (no "kty") nor a JWK Set (no "keys" array)`));
  });

  it('rejects broken JSON', async () => {
    const path = file('broken.json', '{"kty":');
    await assert.rejects(loadKeyFile(path), (error: Error) => error instanceof KeyFileError && error.message.startsWith(`${path} looks like JSON but does not parse (`));
  });

  it('treats anything else as a secret', async () => {
    const material = await loadKeyFile(file('secret.txt', 'plain-secret\n'));
    assert.equal(material.kind, 'secret');
    assert.deepEqual(material.data, new TextEncoder().encode('plain-secret'));
  });

  it('names a missing file', async () => {
    const path = join(dir, 'missing.pem');
    await assert.rejects(loadKeyFile(path), new KeyFileError(`Cannot read key file ${path}: file not found`));
  });

  it('names a directory', async () => {
    const path = join(dir, 'folder');
    mkdirSync(path);
    await assert.rejects(loadKeyFile(path), new KeyFileError(`Cannot read key file ${path}: is a directory`));
  });
});

describe('loadSecretFile', () => {
  let dir: string;
  const file = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-secrets-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('strips one trailing LF', async () => {
    const material = await loadSecretFile(file('lf.txt', 'abc\n\n'));
    assert.deepEqual(material.data, new TextEncoder().encode('abc\n'));
  });

  it('strips one trailing CRLF', async () => {
    const material = await loadSecretFile(file('crlf.txt', 'abc\r\n'));
    assert.deepEqual(material.data, new TextEncoder().encode('abc'));
  });

  it('keeps other whitespace', async () => {
    const material = await loadSecretFile(file('spaces.txt', ' abc '));
    assert.deepEqual(material.data, new TextEncoder().encode(' abc '));
  });

  it('keeps binary bytes as they are', async () => {
    const bytes = Uint8Array.of(0xff, 0x00, 0x0a);
    const material = await loadSecretFile(file('binary.key', bytes));
    assert.deepEqual(material.data, bytes);
  });

  it('reads a PEM-looking file as a secret', async () => {
    const material = await loadSecretFile(file('odd.txt', '-----BEGIN X-----'));
    assert.equal(material.kind, 'secret');
  });

  it('rejects an empty file', async () => {
    const path = file('empty.txt', '\n');
    await assert.rejects(loadSecretFile(path), new KeyFileError(`${path} is empty, but a secret file must contain at least one byte`));
  });
});
