/** `jwt-lens crack`: exit codes, the secret alone on stdout, and messages on stderr. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../src/cli/commands/crack';
import { liveCrackWorkers } from '../../../src/core/crack/workerPool';
import { signToken } from '../core/crack/helpers';
import { createFakeIo } from './fakeIo';

describe('jwt-lens crack', function () {
  // Worker threads load tsx before the first chunk, which takes a while on a busy machine.
  this.timeout(60000);

  let directory: string;
  let wordlist: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'jwt-lens-crack-cli-'));
    wordlist = join(directory, 'words.txt');
    await writeFile(wordlist, 'password\r\nletmein\r\nsecret\r\nhunter2 with spaces \r\n');
  });

  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  afterEach(() => {
    assert.equal(liveCrackWorkers(), 0, 'worker threads left running');
  });

  it('prints the found secret alone', async () => {
    const fake = createFakeIo({ cwd: directory });
    const code = await run(['--wordlist', 'words.txt', '--threads', '1', signToken('HS256', 'secret')], fake.io);
    assert.equal(code, 0);
    assert.equal(fake.stdout(), 'secret\n');
    assert.equal(fake.stderr(), '');
  });

  it('keeps spaces of the secret', async () => {
    const fake = createFakeIo();
    const code = await run(['--wordlist', wordlist, signToken('HS512', 'hunter2 with spaces ')], fake.io);
    assert.equal(code, 0);
    assert.equal(fake.stdout(), 'hunter2 with spaces \n');
  });

  it('gives non-UTF-8 secrets in hex', async () => {
    const latin1 = Buffer.from('caf\xe9', 'latin1');
    const path = join(directory, 'latin1.txt');
    await writeFile(path, Buffer.concat([Buffer.from('other\n'), latin1, Buffer.from('\n')]));
    const fake = createFakeIo();
    const code = await run(['--wordlist', path, '--threads', '1', signToken('HS256', latin1)], fake.io);
    assert.equal(code, 0);
    assert.equal(fake.stdout(), 'caf\uFFFD\n');
    assert.equal(fake.stderr(), 'The secret is not valid UTF-8; its exact bytes in hex are 636166e9.\n');
  });

  it('reads the token from stdin', async () => {
    for (const args of [['--wordlist', wordlist], ['--wordlist', wordlist, '-']]) {
      const fake = createFakeIo({ stdin: `${signToken('HS384', 'letmein')}\n` });
      const code = await run(args, fake.io);
      assert.equal(code, 0);
      assert.equal(fake.stdout(), 'letmein\n');
    }
  });

  it('exits 1 when no line matches', async () => {
    const fake = createFakeIo();
    const code = await run(['--wordlist', wordlist, signToken('HS256', 'not-in-the-list')], fake.io);
    assert.equal(code, 1);
    assert.equal(fake.stdout(), '');
    assert.equal(fake.stderr(), `No secret found: none of the 4 candidates in ${wordlist} produces the token's signature.\n`);
  });

  it('exits 2 for a token without HMAC', async () => {
    const fake = createFakeIo();
    const code = await run(['--wordlist', wordlist, signToken('ES256', 'x')], fake.io);
    assert.equal(code, 2);
    assert.equal(fake.stdout(), '');
    assert.equal(
      fake.stderr(),
      'jwt-lens crack: Only HS256, HS384 and HS512 tokens have a secret to crack; this token has "alg": "ES256".\n',
    );
  });

  it('exits 2 for an unreadable wordlist', async () => {
    const fake = createFakeIo({ cwd: directory });
    const code = await run(['--wordlist', 'missing.txt', signToken('HS256', 'x')], fake.io);
    assert.equal(code, 2);
    assert.equal(fake.stderr(), `jwt-lens crack: Cannot read wordlist ${join(directory, 'missing.txt')}: no such file.\n`);
  });

  it('exits 2 for a wordlist on a FIFO', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    execFileSync('mkfifo', [join(directory, 'pipe')]);
    const fake = createFakeIo({ cwd: directory });
    const code = await run(['--wordlist', 'pipe', signToken('HS256', 'x')], fake.io);
    assert.equal(code, 2);
    assert.equal(fake.stdout(), '');
    assert.equal(fake.stderr(), `jwt-lens crack: Cannot read wordlist ${join(directory, 'pipe')}: is a named pipe (FIFO), not a regular file.\n`);
  });

  it('exits 2 for a wordlist on /dev/zero', async function () {
    if (!existsSync('/dev/zero')) {
      this.skip();
    }
    const fake = createFakeIo();
    const code = await run(['--wordlist', '/dev/zero', signToken('HS256', 'x')], fake.io);
    assert.equal(code, 2);
    assert.equal(fake.stdout(), '');
    assert.equal(fake.stderr(), 'jwt-lens crack: Cannot read wordlist /dev/zero: is a character device, not a regular file.\n');
  });

  it('exits 2 without --wordlist', async () => {
    const fake = createFakeIo();
    const code = await run([signToken('HS256', 'x')], fake.io);
    assert.equal(code, 2);
    assert.equal(fake.stderr(), "jwt-lens crack: no wordlist given: pass --wordlist FILE\nRun 'jwt-lens crack --help' for usage.\n");
  });

  it('exits 2 for an invalid thread count', async () => {
    for (const threads of ['0', '-1', 'two', '1.5']) {
      const fake = createFakeIo();
      const code = await run(['--wordlist', wordlist, `--threads=${threads}`, signToken('HS256', 'x')], fake.io);
      assert.equal(code, 2, threads);
      assert.match(fake.stderr(), /^jwt-lens crack: invalid value for --threads: ".*" \(expected a positive whole number\)\n/);
    }
  });

  it('exits 2 for an empty token', async () => {
    const fake = createFakeIo({ stdin: '  \n' });
    const code = await run(['--wordlist', wordlist], fake.io);
    assert.equal(code, 2);
    assert.equal(fake.stderr(), 'jwt-lens crack: no token given: pass TOKEN or pipe it to standard input\n');
  });

  it('draws progress on a terminal', async () => {
    const path = join(directory, 'many.txt');
    await writeFile(path, `${Array.from({ length: 50_000 }, (_, i) => `candidate-${i}`).join('\n')}\nlast\n`);
    const fake = createFakeIo();
    let stderr = '';
    const io = { ...fake.io, stderr: { write: (text: string) => void (stderr += text), isTTY: true } };

    const code = await run(['--wordlist', path, '--threads', '1', signToken('HS256', 'absent')], io);
    assert.equal(code, 1);
    const clearLine = '\r\x1b[K';
    assert.ok(stderr.startsWith(`${clearLine}Tried `), stderr);
    assert.match(stderr.split(clearLine).join('|'), /^\|Tried [0-9.]+k? of ~[0-9.]+k? candidates \(\d+%\), [0-9.]+[kM]?\/s/);
    assert.ok(stderr.endsWith(`${clearLine}No secret found: none of the 50001 candidates in ${path} produces the token's signature.\n`), stderr);
  });

  it('prints help', async () => {
    const fake = createFakeIo();
    const code = await run(['--help'], fake.io);
    assert.equal(code, 0);
    assert.match(fake.stdout(), /^Usage: jwt-lens crack --wordlist FILE/);
  });
});
