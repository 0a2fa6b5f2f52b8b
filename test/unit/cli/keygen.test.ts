import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { calculateJwkThumbprint, type JWK } from 'jose';

import { run } from '../../../src/cli/commands/keygen';
import { createFakeIo } from './fakeIo';

describe('jwt-lens keygen', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-cli-keygen-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function runKeygen(args: string[]) {
    const fake = createFakeIo({ cwd: dir });
    const code = await run(args, fake.io);
    return { code, stdout: fake.stdout(), stderr: fake.stderr() };
  }

  const modeOf = (name: string) => statSync(join(dir, name)).mode & 0o777;

  it('writes an EC key pair', async () => {
    const result = await runKeygen(['--type', 'ec', '--curve', 'P-384', '--out', '.', '--name', 'api']);

    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['api.jwks.json', 'api.private.pem', 'api.public.jwk.json', 'api.public.pem']);
    assert.equal(modeOf('api.private.pem'), 0o600);
    assert.equal(modeOf('api.public.pem'), 0o644);
    const jwk = JSON.parse(readFileSync(join(dir, 'api.public.jwk.json'), 'utf8')) as JWK;
    assert.equal(jwk.crv, 'P-384');
    assert.equal(jwk.alg, 'ES384');
    assert.ok(result.stdout.startsWith(`Generated EC key pair for ES384 (kid ${await calculateJwkThumbprint(jwk)}):\n`));
    assert.ok(result.stdout.includes(`  0600  ${join(dir, 'api.private.pem')}\n`));
  });

  it('creates a missing output folder', async () => {
    const result = await runKeygen(['--type', 'ec', '--curve', 'P-256', '--out', 'keys/dev', '--name', 'api']);

    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(join(dir, 'keys/dev')).sort(), ['api.jwks.json', 'api.private.pem', 'api.public.jwk.json', 'api.public.pem']);
    assert.equal(statSync(join(dir, 'keys')).mode & 0o777, 0o700);
    assert.equal(modeOf('keys/dev/api.private.pem'), 0o600);
  });

  it('default names per type', async () => {
    assert.equal((await runKeygen(['--type', 'okp', '--out', dir])).code, 0);
    assert.equal((await runKeygen(['--type', 'hmac', '--bits', '512', '--out', dir])).code, 0);
    assert.equal((await runKeygen(['--type', 'ec', '--out', dir])).code, 0);
    assert.deepEqual(readdirSync(dir).sort(), [
      'ec-p-256.jwks.json',
      'ec-p-256.private.pem',
      'ec-p-256.public.jwk.json',
      'ec-p-256.public.pem',
      'ed25519.jwks.json',
      'ed25519.private.pem',
      'ed25519.public.jwk.json',
      'ed25519.public.pem',
      'hmac-512.secret.base64url.txt',
      'hmac-512.secret.jwk.json',
    ]);
    assert.equal(modeOf('hmac-512.secret.base64url.txt'), 0o600);
    assert.equal(modeOf('hmac-512.secret.jwk.json'), 0o600);
    assert.equal(readFileSync(join(dir, 'hmac-512.secret.base64url.txt'), 'utf8').trim().length, 86);
  });

  it('exits 2 rather than overwrite', async () => {
    writeFileSync(join(dir, 'dev.private.pem'), 'keep\n');

    const result = await runKeygen(['--type', 'ec', '--out', dir, '--name', 'dev']);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `jwt-lens keygen: Not overwriting existing file ${join(dir, 'dev.private.pem')}; pass --force to replace them.\n`,
    );
    assert.equal(readFileSync(join(dir, 'dev.private.pem'), 'utf8'), 'keep\n');
    assert.deepEqual(readdirSync(dir), ['dev.private.pem']);
  });

  it('--force replaces existing files', async () => {
    writeFileSync(join(dir, 'dev.private.pem'), 'old\n', { mode: 0o644 });

    const result = await runKeygen(['--type', 'ec', '--out', dir, '--name', 'dev', '--force']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(readFileSync(join(dir, 'dev.private.pem'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(modeOf('dev.private.pem'), 0o600);
  });

  it('--snippet prints a verifier', async () => {
    const result = await runKeygen(['--type', 'okp', '--out', dir, '--snippet', 'ts']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(`const KEY_PATH = ${JSON.stringify(join(dir, 'ed25519.public.pem'))};`));
    assert.ok(result.stdout.includes('const ALGORITHM = "EdDSA";'));
    assert.ok(result.stderr.startsWith('Generated OKP key pair for EdDSA'));
  });

  it('snippet uses the policy', async () => {
    writeFileSync(join(dir, '.jwtlens.json'), JSON.stringify({ issuer: ['https://issuer.example.test/'], audience: ['api'], clockTolerance: 30 }));
    const result = await runKeygen(['--type', 'ec', '--out', '.', '--snippet', 'ts']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes('const ISSUER = "https://issuer.example.test/";'));
    assert.ok(result.stdout.includes('const AUDIENCE = "api";'));
    assert.ok(result.stdout.includes('const CLOCK_TOLERANCE_SECONDS = 30;'));
    assert.ok(!result.stdout.includes('TODO'));
  });

  it('HMAC snippet points at the secret', async () => {
    const result = await runKeygen(['--type', 'hmac', '--out', dir, '--snippet', 'python']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(`KEY_PATH = ${JSON.stringify(join(dir, 'hmac-256.secret.base64url.txt'))}`));
  });

  it('rust snippet for ES512 writes nothing', async () => {
    const result = await runKeygen(['--type', 'ec', '--curve', 'P-521', '--out', dir, '--snippet', 'rust']);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.startsWith('jwt-lens keygen: The Rust jsonwebtoken crate does not support ES512'));
    assert.deepEqual(readdirSync(dir), []);
  });

  const usageErrors: [string[], string][] = [
    [['--out', '.'], 'missing --type: use rsa, ec, okp or hmac'],
    [['--type', 'dsa', '--out', '.'], 'invalid value for --type: "dsa" (expected rsa, ec, okp, hmac)'],
    [['--type', 'rsa'], 'missing --out DIR: the folder to write the key files to'],
    [['--type', 'rsa', '--size', '1024', '--out', '.'], 'invalid value for --size: "1024" (expected 2048, 3072, 4096)'],
    [['--type', 'rsa', '--curve', 'P-256', '--out', '.'], '--curve does not apply to --type rsa'],
    [['--type', 'ec', '--bits', '256', '--out', '.'], '--bits does not apply to --type ec'],
    [['--type', 'hmac', '--size', '2048', '--out', '.'], '--size does not apply to --type hmac'],
    [['--type', 'okp', '--curve', 'P-256', '--out', '.'], 'invalid value for --curve: "P-256" (expected Ed25519)'],
    [['--type', 'ec', '--out', '.', '--snippet', 'go'], 'invalid value for --snippet: "go" (expected ts, python, rust)'],
    [['--type', 'ec', '--out', '.', '--name', '../x'], 'Invalid key file name "../x": use a plain name such as "dev-signing" with no path separators.'],
    [['--type', 'ec', '--out', '.', 'extra'], 'unexpected argument "extra"'],
  ];
  for (const [args, message] of usageErrors) {
    it(`usage error: ${args.join(' ')}`, async () => {
      const result = await runKeygen(args);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, `jwt-lens keygen: ${message}\nRun 'jwt-lens keygen --help' for usage.\n`);
      assert.deepEqual(readdirSync(dir), []);
    });
  }

  it('--help exits 0', async () => {
    const result = await runKeygen(['--help']);
    assert.equal(result.code, 0);
    assert.ok(result.stdout.startsWith('Usage: jwt-lens keygen --type rsa|ec|okp|hmac --out DIR [options]'));
  });
});
