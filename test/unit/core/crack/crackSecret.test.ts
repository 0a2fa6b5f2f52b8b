/** crackSecret end to end: wordlist sources, worker threads, cancellation and both engines. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrackError, crackSecret, type CrackEngine } from '../../../../src/core/crack/crackSecret';
import { liveCrackWorkers } from '../../../../src/core/crack/workerPool';
import { signToken } from './helpers';

const ENGINES: readonly CrackEngine[] = ['wasm-simd', 'node'];

function numberedList(count: number, prefix = 'candidate'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

describe('crackSecret', function () {
  // Worker threads load tsx before the first chunk, which takes a while on a busy machine.
  this.timeout(60000);

  let directory: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'jwt-lens-crack-'));
  });

  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  afterEach(() => {
    assert.equal(liveCrackWorkers(), 0, 'worker threads left running');
  });

  async function wordlistFile(name: string, content: string | Uint8Array): Promise<string> {
    const path = join(directory, name);
    await writeFile(path, content);
    return path;
  }

  for (const engine of ENGINES) {
    describe(engine, () => {
      it('finds the secret at the end', async () => {
        const list = [...numberedList(3000), 'hunter2'];
        const result = await crackSecret(signToken('HS256', 'hunter2'), list, { engine, threads: 2, chunkBytes: 4096 });
        assert.equal(result.secret, 'hunter2');
        assert.ok(result.tried > 0);
        assert.ok(result.tried <= list.length);
      });

      it('finds the secret in the middle', async () => {
        const list = numberedList(5000);
        const result = await crackSecret(signToken('HS256', 'candidate-2500'), list, { engine, threads: 2, chunkBytes: 4096 });
        assert.equal(result.secret, 'candidate-2500');
        assert.ok(result.tried > 0);
        assert.ok(result.tried <= list.length);
      });

      it('reports not found with the count', async () => {
        const list = numberedList(2000);
        const result = await crackSecret(signToken('HS512', 'absent'), list, { engine, threads: 1 });
        assert.equal(result.secret, null);
        assert.equal(result.secretBytes, null);
        assert.equal(result.tried, 2000);
      });

      it('reads a CRLF file with a final line without newline', async () => {
        const path = await wordlistFile(`crlf-${engine}.txt`, 'alpha\r\nbravo\r\n\r\ncharlie\r\nlast-one');
        for (const secret of ['bravo', 'charlie', 'last-one']) {
          const result = await crackSecret(signToken('HS256', secret), path, { engine, threads: 1 });
          assert.equal(result.secret, secret);
        }
        const absent = await crackSecret(signToken('HS256', 'bravo\r'), path, { engine, threads: 1 });
        assert.equal(absent.secret, null);
        assert.equal(absent.tried, 5, 'four lines and the empty secret once');
      });

      it('tries the empty secret once', async () => {
        const path = await wordlistFile(`empty-${engine}.txt`, '\n'.repeat(10) + 'a\n\n\nb\n' + '\n'.repeat(10));
        const notFound = await crackSecret(signToken('HS256', 'zzz'), path, { engine, threads: 2, chunkBytes: 4 });
        assert.equal(notFound.secret, null);
        assert.equal(notFound.tried, 3);

        const found = await crackSecret(signToken('HS256', ''), path, { engine, threads: 1 });
        assert.equal(found.secret, '');
      });

      it('does not try the empty secret without an empty line', async () => {
        const result = await crackSecret(signToken('HS256', ''), ['a', 'b'], { engine, threads: 1 });
        assert.equal(result.secret, null);
        assert.equal(result.tried, 2);
      });

      it('finds UTF-8 and long secrets', async () => {
        const utf8 = 'pässwörd-密码-🔑';
        const long = 'L'.repeat(300);
        const path = await wordlistFile(`mixed-${engine}.txt`, `\uFEFFfirst\n${utf8}\n${'x'.repeat(129)}\n${long}\n`);
        for (const [algorithm, secret] of [['HS256', utf8], ['HS384', long], ['HS512', long], ['HS256', 'first']] as const) {
          const result = await crackSecret(signToken(algorithm, secret), path, { engine, threads: 1 });
          assert.equal(result.secret, secret, `${algorithm} ${secret.slice(0, 10)}`);
        }
      });

      it('finds HS384 and HS512 secrets', async () => {
        const list = numberedList(1500);
        for (const algorithm of ['HS384', 'HS512'] as const) {
          const result = await crackSecret(signToken(algorithm, 'candidate-1499', 200), list, { engine, threads: 2, chunkBytes: 2048 });
          assert.equal(result.secret, 'candidate-1499', algorithm);
        }
      });
    });
  }

  it('tests in-memory entries with line breaks', async () => {
    const result = await crackSecret(signToken('HS256', 'two\nlines'), ['one', 'two\nlines', 'cr\r'], { threads: 1 });
    assert.equal(result.secret, 'two\nlines');
    const trailing = await crackSecret(signToken('HS256', 'cr\r'), ['one', 'two\nlines', 'cr\r'], { threads: 1 });
    assert.equal(trailing.secret, 'cr\r');
  });

  it('handles empty wordlists', async () => {
    const empty = await crackSecret(signToken('HS256', 'x'), [], { threads: 1 });
    assert.deepEqual(empty, { secret: null, secretBytes: null, tried: 0 });
    const onlyEmpty = await crackSecret(signToken('HS256', ''), [''], { threads: 1 });
    assert.equal(onlyEmpty.secret, '');
    assert.equal(onlyEmpty.tried, 1);
    const path = await wordlistFile('empty.txt', '');
    const emptyFile = await crackSecret(signToken('HS256', 'x'), path, { threads: 1 });
    assert.equal(emptyFile.tried, 0);
  });

  it('reads a wordlist given as bytes', async () => {
    const bytes = new Uint8Array(Buffer.from('one\ntwo\r\nthree', 'utf8'));
    const result = await crackSecret(signToken('HS384', 'three'), bytes, { threads: 1 });
    assert.equal(result.secret, 'three');
  });

  it('reports progress up to the total', async () => {
    const list = numberedList(4000);
    const calls: [number, number][] = [];
    await crackSecret(signToken('HS256', 'absent'), list, { threads: 2, chunkBytes: 4096, onProgress: (tried, total) => calls.push([tried, total]) });
    assert.ok(calls.length > 1, `${calls.length} progress calls`);
    assert.deepEqual(calls[calls.length - 1], [4000, 4000]);
  });

  it('estimates the total of a file', async () => {
    const path = await wordlistFile('progress.txt', numberedList(4000).join('\n'));
    const calls: [number, number][] = [];
    await crackSecret(signToken('HS256', 'absent'), path, { threads: 1, chunkBytes: 4096, onProgress: (tried, total) => calls.push([tried, total]) });
    const [firstTried, firstTotal] = calls[0];
    assert.ok(firstTotal > firstTried, 'an estimate above the count before the end');
    assert.ok(Math.abs(firstTotal - 4000) < 400, `estimate ${firstTotal}`);
    assert.deepEqual(calls[calls.length - 1], [4000, 4000]);
  });

  it('stops on abort and leaves no threads', async () => {
    const list = numberedList(2_000_000);
    const controller = new AbortController();
    let progressCalls = 0;
    const crack = crackSecret(signToken('HS256', 'absent'), list, {
      threads: 2,
      engine: 'node',
      chunkBytes: 16 * 1024,
      signal: controller.signal,
      onProgress: () => {
        progressCalls++;
        controller.abort();
      },
    });
    await assert.rejects(crack, { name: 'AbortError' });
    assert.ok(progressCalls >= 1);
    assert.equal(liveCrackWorkers(), 0);
  });

  it('rejects at once when already aborted', async () => {
    await assert.rejects(crackSecret(signToken('HS256', 'x'), ['x'], { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });

  it('rejects tokens without an HMAC alg', async () => {
    const rs256 = signToken('RS256', 'x');
    await assert.rejects(crackSecret(rs256, ['x']), (error: unknown) => {
      assert.ok(error instanceof CrackError);
      assert.equal(error.code, 'unsupported-algorithm');
      assert.equal(error.message, 'Only HS256, HS384 and HS512 tokens have a secret to crack; this token has "alg": "RS256".');
      return true;
    });
  });

  it('rejects malformed tokens', async () => {
    await assert.rejects(crackSecret('not.a-token', ['x']), { code: 'malformed-token', message: 'Expected a compact JWS with 3 dot-separated parts, got 2.' });
    await assert.rejects(crackSecret('e30.e30.c2ln', ['x']), { code: 'unsupported-algorithm' });
  });

  it('rejects a signature of the wrong length', async () => {
    const token = signToken('HS256', 'x').replace(/\.[^.]+$/, '.AAAA');
    await assert.rejects(crackSecret(token, ['x']), {
      code: 'invalid-signature-length',
      message: 'The HS256 signature is 3 bytes long; HS256 produces 32 bytes, so no secret can match.',
    });
  });

  it('rejects a missing wordlist file', async () => {
    const path = join(directory, 'missing.txt');
    await assert.rejects(crackSecret(signToken('HS256', 'x'), path), {
      code: 'wordlist-unreadable',
      message: `Cannot read wordlist ${path}: no such file.`,
    });
  });

  it('rejects a directory as wordlist', async () => {
    await assert.rejects(crackSecret(signToken('HS256', 'x'), directory), { code: 'wordlist-unreadable' });
  });

  it('wordlist on a FIFO is rejected without waiting', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const path = join(directory, 'pipe');
    execFileSync('mkfifo', [path]);
    await assert.rejects(crackSecret(signToken('HS256', 'x'), path), {
      code: 'wordlist-unreadable',
      message: `Cannot read wordlist ${path}: is a named pipe (FIFO), not a regular file.`,
    });
  });

  it('wordlist on /dev/zero is rejected, not empty', async function () {
    if (!existsSync('/dev/zero')) {
      this.skip();
    }
    await assert.rejects(crackSecret(signToken('HS256', 'x'), '/dev/zero'), {
      code: 'wordlist-unreadable',
      message: 'Cannot read wordlist /dev/zero: is a character device, not a regular file.',
    });
  });

  it('rejects invalid thread counts', async () => {
    await assert.rejects(crackSecret(signToken('HS256', 'x'), ['x'], { threads: 0 }), RangeError);
  });
});
