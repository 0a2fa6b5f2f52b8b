import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runCheck } from '../../../src/cli/commands/check';
import { run as runDecode } from '../../../src/cli/commands/decode';
import { run as runScan } from '../../../src/cli/commands/scan';
import { run as runVerify } from '../../../src/cli/commands/verify';
import { parseByteSize } from '../../../src/cli/files';
import { MAX_PRINTED_DEPTH, TOO_DEEP } from '../../../src/cli/format/depth';
import { readStreamText } from '../../../src/cli/io';
import { createFakeIo } from './fakeIo';
import { signHs256, TEST_HMAC_KEY, validToken } from './tokens';

interface JsonDocument {
  files: { path: string; tokens: { payload: unknown; findings: { rule: string }[] }[] }[];
  errors: { path: string; message: string }[];
}

const NOT_REGULAR = 'not a regular file or folder (pipe it into standard input instead: jwt-lens scan - < PATH)';

function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Builds a token whose `exp` claim is `depth` nested arrays, signed like the other test tokens. */
async function deeplyNestedToken(depth: number): Promise<string> {
  const token = await signHs256({ sub: 'deep' });
  const [header, , signature] = token.split('.');
  const payload = Buffer.from(`{"sub":"deep","exp":${nestedArrays(depth)}}`).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('cli hostile input', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'jwt-lens-hostile-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('scan rejects a FIFO instead of hanging', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    execFileSync('mkfifo', [join(root, 'pipe')]);
    await writeFile(join(root, 'token.txt'), await validToken());
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['pipe', 'token.txt', '--format', 'json'], fake.io);

    const document = JSON.parse(fake.stdout()) as JsonDocument;
    assert.equal(code, 2);
    assert.deepEqual(document.errors, [{ path: 'pipe', message: NOT_REGULAR }]);
    assert.deepEqual(
      document.files.map((file) => file.path),
      ['token.txt'],
    );
  });

  it('scan rejects /dev/zero behind a symlink', async function () {
    if (!existsSync('/dev/zero')) {
      this.skip();
    }
    await symlink('/dev/zero', join(root, 'zero'));
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['zero', '--format', 'json'], fake.io);

    assert.equal(code, 2);
    assert.deepEqual((JSON.parse(fake.stdout()) as JsonDocument).errors, [{ path: 'zero', message: NOT_REGULAR }]);
  });

  it('folder walk skips a symlink to /dev/zero', async function () {
    if (!existsSync('/dev/zero')) {
      this.skip();
    }
    await symlink('/dev/zero', join(root, 'zero'));
    await writeFile(join(root, 'token.txt'), await validToken());
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['.', '--format', 'json'], fake.io);

    const document = JSON.parse(fake.stdout()) as JsonDocument;
    assert.equal(code, 0);
    assert.deepEqual(document.errors, []);
    assert.equal(document.files.length, 1);
  });

  it('secret file /dev/zero is an input error', async function () {
    if (!existsSync('/dev/zero')) {
      this.skip();
    }
    const fake = createFakeIo({ cwd: root });

    const code = await runCheck([await validToken(), '--secret-file', '/dev/zero'], fake.io);

    assert.equal(code, 2);
    assert.equal(fake.stderr(), 'jwt-lens check: cannot read secret file /dev/zero: is a character device, not a regular file\n');
  });

  it('verify rejects a /dev/zero wordlist', async function () {
    if (!existsSync('/dev/zero')) {
      this.skip();
    }
    await writeFile(join(root, 'secret.txt'), 'some-secret');
    const fake = createFakeIo({ cwd: root });

    const code = await runVerify([await validToken(), '--secret-file', 'secret.txt', '--wordlist', '/dev/zero'], fake.io);

    assert.equal(code, 2);
    assert.equal(fake.stderr(), 'jwt-lens verify: cannot read wordlist /dev/zero: is a character device, not a regular file\n');
  });

  it('stdin over the limit is rejected while reading', async () => {
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        chunksRead++;
        yield await Promise.resolve(Buffer.alloc(1024));
      }
    }

    await assert.rejects(readStreamText(endless(), 4096), { name: 'InputError', message: 'standard input is over the limit of 4096 bytes' });
    assert.equal(chunksRead, 5);
  });

  it('scan reads UTF-16 files with a byte order mark', async () => {
    const token = await validToken();
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`TOKEN=${token}\n`, 'utf16le')]);
    const big = Buffer.from(little).swap16();
    await writeFile(join(root, 'le.env'), little);
    await writeFile(join(root, 'be.env'), big);
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['le.env', 'be.env', '--format', 'json'], fake.io);

    const document = JSON.parse(fake.stdout()) as JsonDocument;
    assert.equal(code, 0);
    assert.deepEqual(
      document.files.map((file) => [file.path, file.tokens.length]),
      [
        ['be.env', 1],
        ['le.env', 1],
      ],
    );
  });

  it('deeply nested claim keeps json output alive', async () => {
    const deep = await deeplyNestedToken(20_000);
    await writeFile(join(root, 'tokens.txt'), `${deep}\n${await validToken()}\n`);
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['tokens.txt', '--format', 'json', '--fail-on', 'none'], fake.io);

    const document = JSON.parse(fake.stdout()) as JsonDocument;
    assert.equal(code, 0);
    assert.equal(fake.stderr(), '');
    assert.equal(document.files[0].tokens.length, 2);
    let value = (document.files[0].tokens[0].payload as { exp: unknown }).exp;
    for (let depth = 1; depth < MAX_PRINTED_DEPTH; depth++) {
      assert.ok(Array.isArray(value), `depth ${depth} is an array`);
      value = (value as unknown[])[0];
    }
    assert.equal(value, TOO_DEEP);
  });

  it('deeply nested claim keeps text output alive', async () => {
    const fake = createFakeIo({ cwd: root });

    const code = await runDecode([await deeplyNestedToken(20_000), '--fail-on', 'none'], fake.io);

    assert.equal(code, 0);
    assert.equal(fake.stderr(), '');
    assert.match(fake.stdout(), new RegExp(`"${TOO_DEEP.replace(/[[\]]/g, '\\$&')}"`));
  });

  it('keeps a __proto__ claim as a member', async () => {
    const token = await signHs256({ sub: 'proto' });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(`{"__proto__":{"admin":true},"deep":${nestedArrays(80)}}`).toString('base64url');
    const fake = createFakeIo({ cwd: root });

    await runDecode([`${header}.${payload}.${signature}`, '--format', 'json', '--fail-on', 'none'], fake.io);

    const printed = (JSON.parse(fake.stdout()) as JsonDocument).files[0].tokens[0].payload as Record<string, unknown>;
    assert.ok(Object.hasOwn(printed, '__proto__'));
    assert.deepEqual(Object.getOwnPropertyDescriptor(printed, '__proto__')?.value, { admin: true });
    assert.equal(Object.getPrototypeOf(printed), Object.prototype);
  });

  it('parseByteSize does not backtrack on spaces', () => {
    // The old pattern needed minutes for this input; the mocha time-out catches a relapse.
    assert.equal(parseByteSize(`1${' '.repeat(300_000)}x`), undefined);
    assert.equal(parseByteSize(` 1 k${' '.repeat(300_000)}`), 1024);
    assert.equal(parseByteSize('10MiB'), 10 * 1024 * 1024);
  });

  it('check keeps a slash in a bare signature', async () => {
    const token = await validToken();
    const [header, payload] = token.split('.');
    const fake = createFakeIo({ cwd: root });

    const code = await runCheck([`${header}.${payload}.ab/cd+ef`, '--format', 'json'], fake.io);

    const document = JSON.parse(fake.stdout()) as { files: { tokens: { offset: [number, number]; findings: { rule: string; message: string }[] }[] }[] };
    const reported = document.files[0].tokens[0];
    assert.equal(code, 1);
    assert.deepEqual(reported.offset, [0, header.length + payload.length + 10]);
    assert.deepEqual(
      reported.findings.map((finding) => finding.message),
      ["Signature uses the standard base64 alphabet ('/'), not base64url ('-' and '_' replace '+' and '/' per RFC 7515 §2); most verifiers reject it"],
    );
  });

  it('verify keeps a slash in a bare signature', async () => {
    const token = await validToken();
    const [header, payload, signature] = token.split('.');
    const standard = Buffer.from(signature, 'base64url').toString('base64').replace(/=+$/, '');
    assert.match(standard, /\//, 'the test needs a signature whose standard base64 has a slash');
    await writeFile(join(root, 'secret.txt'), TEST_HMAC_KEY);
    const fake = createFakeIo({ cwd: root });

    const code = await runVerify([`${header}.${payload}.${standard}`, '--secret-file', 'secret.txt', '--format', 'json'], fake.io);

    const report = JSON.parse(fake.stdout()) as { status: string };
    assert.equal(code, 0);
    assert.equal(report.status, 'verified');
  });

  it('check rejects a malformed key file', async () => {
    await writeFile(join(root, 'broken.pem'), '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
    const fake = createFakeIo({ cwd: root });

    const code = await runCheck([await validToken(), '--key', 'broken.pem'], fake.io);

    assert.equal(code, 2);
    assert.match(fake.stderr(), /^jwt-lens check: no usable key in key file broken\.pem: broken\.pem: /);
  });

  it('verify rejects an empty JWK Set', async () => {
    await writeFile(join(root, 'empty.json'), '{"keys":[]}');
    const fake = createFakeIo({ cwd: root });

    const code = await runVerify([await validToken(), '--key', 'empty.json'], fake.io);

    assert.equal(code, 2);
    assert.equal(fake.stderr(), 'jwt-lens verify: no usable key in key file empty.json: empty.json: the JWK Set has no keys\n');
  });

  it('scan names a symbolic link loop', async () => {
    await symlink('loop-b', join(root, 'loop-a'));
    await symlink('loop-a', join(root, 'loop-b'));
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['loop-a', '--format', 'json'], fake.io);

    assert.equal(code, 2);
    assert.deepEqual((JSON.parse(fake.stdout()) as JsonDocument).errors, [{ path: 'loop-a', message: 'symbolic link loop' }]);
  });

  it('decode prints a payload of 200 000 members', async () => {
    // RS256 without a key skips the weak-secret check, which would hash the 3 MB payload 300 times.
    const header = Buffer.from('{"alg":"RS256"}').toString('base64url');
    const signature = 'A'.repeat(342);
    const members = Array.from({ length: 200_000 }, (_, index) => `"c${index}":${index}`).join(',');
    const payload = Buffer.from(`{${members}}`).toString('base64url');
    const fake = createFakeIo({ cwd: root });

    const code = await runDecode([`${header}.${payload}.${signature}`, '--fail-on', 'none', '--no-color'], fake.io);

    assert.equal(code, 0);
    assert.equal(fake.stderr(), '');
    assert.match(fake.stdout(), /\n {6}"c199999": 199999\n/);
  });

  it('verify reads a wordlist of 300 000 lines', async () => {
    const words = Array.from({ length: 300_000 }, (_, index) => `word${index}`);
    await writeFile(join(root, 'words.txt'), `${words.join('\n')}\n`);
    await writeFile(join(root, 'secret.txt'), 'not-the-secret');
    const fake = createFakeIo({ cwd: root });

    const code = await runVerify([await validToken(), '--secret-file', 'secret.txt', '--wordlist', 'words.txt'], fake.io);

    assert.equal(fake.stderr(), '');
    assert.equal(code, 1);
  });
});
