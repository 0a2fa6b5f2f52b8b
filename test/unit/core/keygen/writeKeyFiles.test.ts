import assert from 'node:assert/strict';
import { lstat, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generateKeyPair, type AsymmetricKeyPair, type HmacKey } from '../../../../src/core/keygen/generateKeyPair';
import { KeyFileExistsError, planKeyFiles, writeKeyFiles } from '../../../../src/core/keygen/writeKeyFiles';

describe('writeKeyFiles', () => {
  let directory: string;
  let pair: AsymmetricKeyPair;
  let secret: HmacKey;

  before(async () => {
    pair = (await generateKeyPair({ type: 'EC', curve: 'P-256' })) as AsymmetricKeyPair;
    secret = (await generateKeyPair({ type: 'HMAC' })) as HmacKey;
  });

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'jwt-lens-keygen-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

  it('key pair files and modes', async () => {
    const written = await writeKeyFiles(planKeyFiles(pair, directory, 'dev'));

    assert.deepEqual(
      written.map((file) => [file.role, file.path]),
      [
        ['private-key', join(directory, 'dev.private.pem')],
        ['public-key', join(directory, 'dev.public.pem')],
        ['public-jwk', join(directory, 'dev.public.jwk.json')],
        ['jwks', join(directory, 'dev.jwks.json')],
      ],
    );
    assert.equal(await modeOf(join(directory, 'dev.private.pem')), 0o600);
    assert.equal(await modeOf(join(directory, 'dev.public.pem')), 0o644);
    assert.equal(await modeOf(join(directory, 'dev.public.jwk.json')), 0o644);
    assert.equal(await modeOf(join(directory, 'dev.jwks.json')), 0o644);
    assert.equal(await readFile(join(directory, 'dev.private.pem'), 'utf8'), pair.privateKeyPem);
    assert.deepEqual(JSON.parse(await readFile(join(directory, 'dev.jwks.json'), 'utf8')), pair.jwks);
  });

  it('private key is 0600 under a permissive umask', async () => {
    const previous = process.umask(0);
    try {
      await writeKeyFiles(planKeyFiles(pair, directory, 'open'));
    } finally {
      process.umask(previous);
    }
    assert.equal(await modeOf(join(directory, 'open.private.pem')), 0o600);
    assert.equal(await modeOf(join(directory, 'open.public.pem')), 0o644);
  });

  it('HMAC secret files are 0600', async () => {
    await writeKeyFiles(planKeyFiles(secret, directory, 'mac'));

    assert.equal(await modeOf(join(directory, 'mac.secret.base64url.txt')), 0o600);
    assert.equal(await modeOf(join(directory, 'mac.secret.jwk.json')), 0o600);
    assert.equal(await readFile(join(directory, 'mac.secret.base64url.txt'), 'utf8'), `${secret.secretBase64url}\n`);
    assert.deepEqual(JSON.parse(await readFile(join(directory, 'mac.secret.jwk.json'), 'utf8')), secret.jwk);
  });

  it('rejects existing files, writes none', async () => {
    await writeFile(join(directory, 'dev.public.pem'), 'keep me\n');

    await assert.rejects(writeKeyFiles(planKeyFiles(pair, directory, 'dev')), (error: unknown) => {
      assert.ok(error instanceof KeyFileExistsError);
      assert.deepEqual(error.paths, [join(directory, 'dev.public.pem')]);
      assert.equal(error.message, `Not overwriting existing file ${join(directory, 'dev.public.pem')}; pass --force to replace them.`);
      return true;
    });
    assert.equal(await readFile(join(directory, 'dev.public.pem'), 'utf8'), 'keep me\n');
    await assert.rejects(stat(join(directory, 'dev.private.pem')), { code: 'ENOENT' });
  });

  it('overwrite recreates with mode 0600', async () => {
    await writeFile(join(directory, 'dev.private.pem'), 'old\n', { mode: 0o644 });

    await writeKeyFiles(planKeyFiles(pair, directory, 'dev'), { overwrite: true });
    assert.equal(await readFile(join(directory, 'dev.private.pem'), 'utf8'), pair.privateKeyPem);
    assert.equal(await modeOf(join(directory, 'dev.private.pem')), 0o600);
  });

  it('dangling symlink counts as existing', async () => {
    const target = join(directory, 'elsewhere.pem');
    const privatePath = join(directory, 'dev.private.pem');
    await symlink(target, privatePath);

    await assert.rejects(writeKeyFiles(planKeyFiles(pair, directory, 'dev')), (error: unknown) => {
      assert.ok(error instanceof KeyFileExistsError);
      assert.deepEqual(error.paths, [privatePath]);
      return true;
    });
    await assert.rejects(stat(target), { code: 'ENOENT' });

    await writeKeyFiles(planKeyFiles(pair, directory, 'dev'), { overwrite: true });
    assert.equal((await lstat(privatePath)).isFile(), true);
    assert.equal(await modeOf(privatePath), 0o600);
    await assert.rejects(stat(target), { code: 'ENOENT' });
  });

  it('rejects names with path separators', () => {
    for (const name of ['', '.', '..', '../evil', 'a/b', 'a\\b']) {
      assert.throws(() => planKeyFiles(pair, directory, name), {
        name: 'RangeError',
        message: `Invalid key file name "${name}": use a plain name such as "dev-signing" with no path separators.`,
      });
    }
  });
});
