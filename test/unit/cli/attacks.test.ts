import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { importSPKI, jwtVerify } from 'jose';

import { run } from '../../../src/cli/commands/attacks';
import type { NegativeTestSet } from '../../../src/core/attacks/negativeTests';
import { run as runSignCommand } from '../../../src/cli/commands/sign';
import { CASE_CLOCK, createFakeIo } from './fakeIo';

const KEYS = join(__dirname, '../../fixtures/cases/keys');
const PRIVATE_KEY = join(KEYS, 'rsa-test-private.pem');
const PUBLIC_KEY = join(KEYS, 'rsa-test-public.pem');

describe('jwt-lens attacks', () => {
  let dir: string;
  let token: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-cli-attacks-'));
    const fake = createFakeIo({ cwd: dir });
    const code = await runSignCommand(['--key', PRIVATE_KEY, '--iss', 'https://issuer.example.test/', '--aud', 'api', '--kid', 'rsa-key-1'], fake.io);
    assert.equal(code, 0, fake.stderr());
    token = fake.stdout().trim();
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function runAttacks(args: string[], stdin?: string) {
    const fake = createFakeIo({ cwd: dir, ...(stdin === undefined ? {} : { stdin }) });
    const code = await run(args, fake.io);
    return { code, stdout: fake.stdout(), stderr: fake.stderr() };
  }

  it('prints a set every case of which fails', async () => {
    const result = await runAttacks(['--token', token, '--key', PRIVATE_KEY]);
    assert.equal(result.code, 0, result.stderr);

    const set = JSON.parse(result.stdout) as NegativeTestSet;
    assert.equal(set.version, 1);
    assert.deepEqual(set.source, { alg: 'RS256', kid: 'rsa-key-1' });
    assert.equal(set.cases.length, 17);

    const publicKey = await importSPKI(readFileSync(PUBLIC_KEY, 'utf8'), 'RS256');
    const options = { algorithms: ['RS256'], issuer: 'https://issuer.example.test/', audience: 'api', currentDate: new Date(CASE_CLOCK * 1000) };
    await jwtVerify(token, publicKey, options);
    for (const entry of set.cases) {
      await assert.rejects(jwtVerify(entry.token, publicKey, options), Error, entry.id);
    }
  });

  it('reads the token from stdin', async () => {
    const result = await runAttacks(['--key', PUBLIC_KEY], `${token}\n`);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as NegativeTestSet).skipped.length, 5);
  });

  it('--out writes the file once', async () => {
    const first = await runAttacks([token, '--key', PRIVATE_KEY, '--out', 'set.json']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    assert.equal(first.stderr, 'Wrote 17 negative test tokens for RS256 to set.json.\n  skipped psychic-signature: The source algorithm RS256 is not ECDSA.\n');
    assert.equal((JSON.parse(readFileSync(join(dir, 'set.json'), 'utf8')) as NegativeTestSet).cases.length, 17);
    assert.equal(statSync(join(dir, 'set.json')).mode & 0o777, 0o644);

    const second = await runAttacks([token, '--key', PRIVATE_KEY, '--out', 'set.json']);
    assert.equal(second.code, 2);
    assert.equal(second.stderr, `jwt-lens attacks: Not overwriting existing file ${join(dir, 'set.json')}; pass --force to replace it.\n`);

    const forced = await runAttacks([token, '--key', PRIVATE_KEY, '--out', 'set.json', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
  });

  it('wrong key exits 2', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'not-the-key\n');
    const result = await runAttacks(['--token', token, '--secret-file', 'secret.txt']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `jwt-lens attacks: Algorithm RS256 does not fit the HMAC secret in ${join(dir, 'secret.txt')}; use HS256, HS384, HS512.\n`);
  });

  it('other key of the type exits 2', async () => {
    const fake = createFakeIo({ cwd: dir });
    const { run: runKeygenCommand } = await import('../../../src/cli/commands/keygen');
    assert.equal(await runKeygenCommand(['--type', 'rsa', '--out', '.', '--name', 'other'], fake.io), 0);

    const result = await runAttacks(['--token', token, '--key', 'other.public.pem']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `jwt-lens attacks: The token's RS256 signature does not verify with ${join(dir, 'other.public.pem')}; pass the key that signed it.\n`);
  });

  it('malformed token exits 2', async () => {
    const result = await runAttacks(['--token', 'abc.def', '--key', PRIVATE_KEY]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'jwt-lens attacks: The token has 2 segments; a negative test set needs a compact JWS with 3.\n');
  });

  it('usage errors exit 2', async () => {
    const noKey = await runAttacks(['--token', token]);
    assert.equal(noKey.code, 2);
    assert.equal(noKey.stderr, "jwt-lens attacks: pass exactly one of --key FILE and --secret-file FILE\nRun 'jwt-lens attacks --help' for usage.\n");

    const both = await runAttacks(['--token', token, token, '--key', PRIVATE_KEY]);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, "jwt-lens attacks: give the token either with --token or as an argument, not both\nRun 'jwt-lens attacks --help' for usage.\n");

    const empty = await runAttacks(['--key', PRIVATE_KEY], '');
    assert.equal(empty.code, 2);
    assert.equal(empty.stderr, "jwt-lens attacks: no token given: pass --token TOKEN, an argument or standard input\nRun 'jwt-lens attacks --help' for usage.\n");
  });
});
