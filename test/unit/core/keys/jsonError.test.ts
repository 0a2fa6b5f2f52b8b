import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeJsonError } from '../../../../src/core/keys/jsonError';
import { KeyFileError, loadKeyFile } from '../../../../src/core/keys/loadKeyFile';
import { parseKeyMaterial } from '../../../../src/core/keys/parseKeyMaterial';

const BROKEN_JWK = '{"kty":"oct","k": TOPSECRETVALUE1234567890}';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parsed`);
}

describe('key JSON error messages', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-json-error-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops the excerpt V8 quotes', () => {
    assert.equal(describeJsonError(parseError(BROKEN_JWK)), 'unexpected character');
  });

  it('keeps messages that give only a position', () => {
    const error = parseError('{"kty":"oct"');
    assert.equal(describeJsonError(error), (error as Error).message);
    assert.doesNotMatch(describeJsonError(error), /oct/);
  });

  it('loadKeyFile does not echo a broken JWK', async () => {
    const path = join(dir, 'broken.jwk');
    writeFileSync(path, BROKEN_JWK);
    await assert.rejects(loadKeyFile(path), new KeyFileError(`${path} looks like JSON but does not parse (unexpected character)`));
  });

  it('parseKeyMaterial does not echo a broken JWK', async () => {
    const parsed = await parseKeyMaterial({ label: 'broken.jwk', kind: 'jwk', data: BROKEN_JWK });
    assert.deepEqual(parsed.keys, []);
    assert.deepEqual(parsed.errors, ['broken.jwk: not valid JSON (unexpected character)']);
  });
});
