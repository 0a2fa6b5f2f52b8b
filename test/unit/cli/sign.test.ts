import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';

import { run as runKeygenCommand } from '../../../src/cli/commands/keygen';
import { run } from '../../../src/cli/commands/sign';
import { MAX_TOKEN_INPUT_BYTES } from '../../../src/cli/tokenInput';
import { defaultSignLifetime } from '../../../src/core/sign/defaults';
import { CASE_CLOCK, createFakeIo } from './fakeIo';

const KEYS = join(__dirname, '../../fixtures/cases/keys');

describe('jwt-lens sign', () => {
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-cli-sign-'));
    for (const args of [['--type', 'hmac', '--name', 'mac'], ['--type', 'ec', '--name', 'ec']]) {
      const fake = createFakeIo({ cwd: dir });
      assert.equal(await runKeygenCommand([...args, '--out', '.'], fake.io), 0, fake.stderr());
    }
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function runSign(args: string[]) {
    const fake = createFakeIo({ cwd: dir });
    const code = await run(args, fake.io);
    return { code, stdout: fake.stdout(), stderr: fake.stderr(), token: fake.stdout().trim() };
  }

  it('signs the claims template', async () => {
    const result = await runSign(['--key', 'ec.private.pem']);
    assert.equal(result.code, 0, result.stderr);

    const claims = decodeJwt(result.token);
    assert.equal(claims.sub, 'test-user');
    assert.equal(claims.iat, CASE_CLOCK);
    assert.equal(claims.nbf, CASE_CLOCK);
    assert.equal(claims.exp, CASE_CLOCK + defaultSignLifetime());
    assert.match(String(claims.jti), /^[0-9a-f]{32}$/);
    assert.deepEqual(decodeProtectedHeader(result.token), { alg: 'ES256', typ: 'JWT' });

    const publicKey = await importSPKI(readFileSync(join(dir, 'ec.public.pem'), 'utf8'), 'ES256');
    await jwtVerify(result.token, publicKey, { currentDate: new Date(CASE_CLOCK * 1000) });
  });

  it('applies claim and header flags', async () => {
    const result = await runSign([
      '--key', join(KEYS, 'rsa-test-private.pem'),
      '--alg', 'PS256',
      '--claims', '{"role":"admin","sub":"from-json"}',
      '--sub', 'user-42',
      '--iss', 'https://issuer.example.test/',
      '--aud', 'a,b',
      '--exp', '+2h',
      '--nbf=-5m',
      '--header', 'kid=rsa-key-1,typ=at+jwt',
      '--cty', 'JWT',
      '--x5t', 'thumb',
      '--now', '1767000000',
    ]);
    assert.equal(result.code, 0, result.stderr);

    assert.deepEqual(decodeProtectedHeader(result.token), { alg: 'PS256', typ: 'at+jwt', kid: 'rsa-key-1', cty: 'JWT', x5t: 'thumb' });
    const claims = decodeJwt(result.token);
    assert.equal(claims.sub, 'user-42');
    assert.equal(claims.role, 'admin');
    assert.equal(claims.iss, 'https://issuer.example.test/');
    assert.deepEqual(claims.aud, ['a', 'b']);
    assert.equal(claims.iat, 1767000000);
    assert.equal(claims.exp, 1767000000 + 7200);
    assert.equal(claims.nbf, 1767000000 - 300);

    const publicKey = await importSPKI(readFileSync(join(KEYS, 'rsa-test-public.pem'), 'utf8'), 'PS256');
    await jwtVerify(result.token, publicKey, { algorithms: ['PS256'], currentDate: new Date(1767000000 * 1000) });
  });

  it('--claims @file and --exp none', async () => {
    writeFileSync(join(dir, 'claims.json'), '{"scope":"read"}');
    const result = await runSign(['--key', 'ec.private.pem', '--claims', '@claims.json', '--exp', 'none', '--nbf', '1767225700']);
    assert.equal(result.code, 0, result.stderr);
    const claims = decodeJwt(result.token);
    assert.equal(claims.scope, 'read');
    assert.equal('exp' in claims, false);
    assert.equal(claims.nbf, 1767225700);
  });

  it('--claims @/dev/zero is rejected before reading', async function () {
    if (!existsSync('/dev/zero')) {
      this.skip();
    }
    const result = await runSign(['--key', 'ec.private.pem', '--claims', '@/dev/zero']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'jwt-lens sign: cannot read claims file /dev/zero: is a character device, not a regular file\n');
  });

  it('--claims @FIFO is rejected without waiting', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    execFileSync('mkfifo', [join(dir, 'claims.pipe')]);
    const result = await runSign(['--key', 'ec.private.pem', '--claims', '@claims.pipe']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'jwt-lens sign: cannot read claims file claims.pipe: is a named pipe (FIFO), not a regular file\n');
  });

  it('--claims @file over the size limit', async () => {
    const path = join(dir, 'huge-claims.json');
    writeFileSync(path, '');
    truncateSync(path, MAX_TOKEN_INPUT_BYTES + 1);
    const result = await runSign(['--key', 'ec.private.pem', '--claims', '@huge-claims.json']);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `jwt-lens sign: cannot read claims file huge-claims.json: is ${MAX_TOKEN_INPUT_BYTES + 1} bytes, over the limit of ${MAX_TOKEN_INPUT_BYTES} bytes\n`,
    );
  });

  it('oct JWK sets kid and HS256', async () => {
    const result = await runSign(['--key', 'mac.secret.jwk.json']);
    assert.equal(result.code, 0, result.stderr);
    const jwk = JSON.parse(readFileSync(join(dir, 'mac.secret.jwk.json'), 'utf8')) as { kid: string; k: string };
    assert.deepEqual(decodeProtectedHeader(result.token), { alg: 'HS256', typ: 'JWT', kid: jwk.kid });
    await jwtVerify(result.token, Buffer.from(jwk.k, 'base64url'), { currentDate: new Date(CASE_CLOCK * 1000) });
  });

  it('base64url secret matches the JWK', async () => {
    const fromText = await runSign(['--secret-file', 'mac.secret.base64url.txt', '--secret-encoding', 'base64url', '--kid', 'k']);
    const jwk = JSON.parse(readFileSync(join(dir, 'mac.secret.jwk.json'), 'utf8')) as { kid: string; k: string };
    await jwtVerify(fromText.token, Buffer.from(jwk.k, 'base64url'), { currentDate: new Date(CASE_CLOCK * 1000) });
  });

  it('warns about a short HMAC secret', async () => {
    writeFileSync(join(dir, 'short.txt'), 'secret\n');
    const result = await runSign(['--secret-file', 'short.txt', '--alg', 'HS384']);
    assert.equal(result.code, 0);
    assert.equal(
      result.stderr,
      `jwt-lens sign: warning: the HMAC secret in ${join(dir, 'short.txt')} is 6 bytes, shorter than the 48 bytes RFC 7518 §3.2 requires for HS384; strict verifiers reject such keys.\n`,
    );
    assert.equal(decodeProtectedHeader(result.token).alg, 'HS384');
  });

  it('secret file bytes by default', async () => {
    const result = await runSign(['--secret-file', join(KEYS, 'hmac-test-key.txt'), '--alg', 'HS384']);
    assert.equal(result.code, 0, result.stderr);
    const secret = readFileSync(join(KEYS, 'hmac-test-key.txt'), 'utf8').replace(/\r?\n$/, '');
    await jwtVerify(result.token, new TextEncoder().encode(secret), { algorithms: ['HS384'], currentDate: new Date(CASE_CLOCK * 1000) });
  });

  const inputErrors: [string[], string][] = [
    [['--key', 'ec.private.pem', '--alg', 'RS256'], 'Algorithm RS256 does not fit the EC private key in ' + '<dir>/ec.private.pem; use ES256.'],
    [['--key', 'ec.public.pem'], '<dir>/ec.public.pem contains a "PUBLIC KEY" block; signing needs the private key (-----BEGIN PRIVATE KEY-----).'],
    [['--key', 'ec.private.pem', '--alg', 'none'], 'Algorithm "none" produces an unsecured token; pick a signing algorithm.'],
    [['--key', 'ec.private.pem', '--claims', '[1]'], '--claims must be a JSON object of claims'],
    [['--secret-file', 'ec.public.pem', '--secret-encoding', 'base64url'], 'ec.public.pem is not base64url text; drop --secret-encoding base64url to use its bytes as they are'],
  ];
  for (const [args, message] of inputErrors) {
    it(`input error: ${args.slice(2).join(' ') || args.join(' ')}`, async () => {
      const result = await runSign(args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `jwt-lens sign: ${message.replace('<dir>', dir)}\n`);
    });
  }

  const usageErrors: [string[], string][] = [
    [[], 'pass exactly one of --key FILE and --secret-file FILE'],
    [['--key', 'a', '--secret-file', 'b'], 'pass exactly one of --key FILE and --secret-file FILE'],
    [['--key', 'ec.private.pem', '--secret-encoding', 'base64url'], '--secret-encoding applies only to --secret-file'],
    [['--key', 'ec.private.pem', '--exp', 'soon'], '--exp: Invalid time "soon": use +30m, +2h, +7d, -1h (units s, m, h, d, w) or seconds since the epoch such as 1767225600.'],
    [['--key', 'ec.private.pem', '--header', 'kid'], '--header: "kid" is not name=value'],
    [['--key', 'ec.private.pem', '--header', 'alg=HS256'], '--header: set the algorithm with --alg, not alg='],
  ];
  for (const [args, message] of usageErrors) {
    it(`usage error: ${message.slice(0, 40)}`, async () => {
      const result = await runSign(args);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, `jwt-lens sign: ${message}\nRun 'jwt-lens sign --help' for usage.\n`);
    });
  }

  it('invalid claims JSON exits 2', async () => {
    const result = await runSign(['--key', 'ec.private.pem', '--claims', '{bad']);
    assert.equal(result.code, 2);
    // The rest of the line is V8's JSON.parse message, which differs between Node versions.
    assert.ok(result.stderr.startsWith('jwt-lens sign: --claims is not valid JSON: '), result.stderr);
  });

  it('takes iss and aud from --policy', async () => {
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ issuer: ['https://issuer.example.test/'], audience: ['api', 'web'] }));
    const result = await runSign(['--key', 'ec.private.pem', '--policy', 'policy.json']);
    assert.equal(result.code, 0, result.stderr);
    const claims = decodeJwt(result.token);
    assert.equal(claims.iss, 'https://issuer.example.test/');
    assert.deepEqual(claims.aud, ['api', 'web']);

    const flagged = await runSign(['--key', 'ec.private.pem', '--policy', 'policy.json', '--aud', 'other']);
    assert.equal(decodeJwt(flagged.token).aud, 'other');
  });

  it('invalid policy file exits 2', async () => {
    writeFileSync(join(dir, 'bad-policy.json'), '{"issuer": 5}');
    const result = await runSign(['--key', 'ec.private.pem', '--policy', 'bad-policy.json']);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.startsWith(`jwt-lens sign: invalid policy file ${join(dir, 'bad-policy.json')}: `), result.stderr);
  });

  it('missing key file exits 2', async () => {
    const result = await runSign(['--key', 'nope.pem']);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.startsWith('jwt-lens sign: '));
    assert.ok(result.stderr.includes('nope.pem'));
  });
});
