import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyFileError, loadKeyFile } from '../../../../src/core/keys/loadKeyFile';
import { NotReadableFileError, readRegularFile } from '../../../../src/core/keys/readRegularFile';

describe('readRegularFile', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-read-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a regular file', async () => {
    const path = join(dir, 'plain.txt');
    writeFileSync(path, 'abc');
    assert.deepEqual(await readRegularFile(path), new TextEncoder().encode('abc'));
  });

  it('rejects a file over the limit before reading', async () => {
    const path = join(dir, 'large.txt');
    writeFileSync(path, 'abcdef');
    await assert.rejects(readRegularFile(path, 5), new NotReadableFileError('is 6 bytes, over the limit of 5 bytes', 'too-large', 6));
  });

  it('rejects a FIFO without waiting for a writer', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const path = join(dir, 'pipe');
    execFileSync('mkfifo', [path]);
    await assert.rejects(readRegularFile(path), new NotReadableFileError('is a named pipe (FIFO), not a regular file', 'not-regular'));
    await assert.rejects(loadKeyFile(path), new KeyFileError(`Cannot read key file ${path}: is a named pipe (FIFO), not a regular file`));
  });

  it('rejects /dev/zero instead of reading for ever', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    await assert.rejects(readRegularFile('/dev/zero'), new NotReadableFileError('is a character device, not a regular file', 'not-regular'));
  });

  it('passes file system errors on', async () => {
    await assert.rejects(readRegularFile(join(dir, 'missing')), { code: 'ENOENT' });
    await assert.rejects(readRegularFile(dir), { code: 'EISDIR' });
  });
});
