import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { run } from '../../../src/cli/commands/verify';
import { createFakeIo } from './fakeIo';

const CASES = join(__dirname, '../../fixtures/cases');

describe('jwt-lens verify', () => {
  const caseTokens = (file: string): string[] =>
    readFileSync(join(CASES, file), 'utf8').match(/eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*/g) ?? [];
  const [legit, forgedA] = caseTokens('case-15.ts');
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-verify-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function runVerify(args: string[], stdin?: string) {
    const fake = createFakeIo({ cwd: CASES, stdin });
    const code = await run(args, fake.io);
    return { code, stdout: fake.stdout(), stderr: fake.stderr() };
  }

  it('names the key that verified', async () => {
    const result = await runVerify([legit, '--key', 'keys/rsa-test-public.pem']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'Verified (RS256) by keys/rsa-test-public.pem\nThe RS256 signature verifies with keys/rsa-test-public.pem.\n');
    assert.equal(result.stderr, '');
  });

  it('reads the token from stdin', async () => {
    const result = await runVerify(['-', '--key', 'keys/rsa-test-public.pem'], `  ${legit}\n`);
    assert.equal(result.code, 0);
  });

  it('reports algorithm confusion with exit 1', async () => {
    const result = await runVerify([forgedA, '--key', 'keys/rsa-test-public.pem']);
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      'Not verified (HS256)\n' +
        'The HS256 MAC verifies with the public key keys/rsa-test-public.pem (PEM text with its final newline) used as the HMAC secret: an algorithm-confusion forgery.\n' +
        'Algorithm confusion: the MAC key is the public key keys/rsa-test-public.pem, so anyone holding it can forge tokens.\n',
    );
  });

  it('secret file newline agrees with check', async () => {
    const withNewline = 'secret-with-a-final-newline-in-the-key\n';
    const signedWithNewline = await new SignJWT({ sub: 'user-42' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(withNewline));
    const signedWithout = await new SignJWT({ sub: 'user-42' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(withNewline.trimEnd()));
    writeFileSync(join(dir, 'secret.txt'), withNewline);

    const exact = await runVerify([signedWithNewline, '--secret-file', join(dir, 'secret.txt')]);
    assert.equal(exact.code, 0, exact.stdout);
    const trimmed = await runVerify([signedWithout, '--secret-file', join(dir, 'secret.txt')]);
    assert.equal(trimmed.code, 0, trimmed.stdout);
    assert.match(trimmed.stdout, /without its final newline/);
  });

  it('hints at check on a terminal only', async () => {
    const fake = createFakeIo({ cwd: CASES });
    fake.io.stderr.isTTY = true;
    assert.equal(await run([legit, '--key', 'keys/rsa-test-public.pem'], fake.io), 0);
    assert.match(fake.stderr(), /^Only the signature was checked: run 'jwt-lens check'/);
  });

  it('verifies C01 with the case secret file', async () => {
    const [token] = caseTokens('case-01.txt');
    const result = await runVerify([token, '--secret-file', 'keys/hmac-test-key.txt']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Verified \(HS256\) by keys\/hmac-test-key\.txt\n/);
  });

  it('drops the final newline of a secret file', async () => {
    const secret = 'verify-cli-secret-0123456789abcdef';
    const path = join(dir, 'secret.txt');
    writeFileSync(path, `${secret}\n`);
    const token = await new SignJWT({ sub: 'user-42' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    const result = await runVerify([token, '--secret-file', path]);
    assert.equal(result.code, 0, result.stdout);
  });

  it('shows a weak secret masked', async () => {
    const token = await new SignJWT({ sub: 'user-42' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('secret'));
    const result = await runVerify([token, '--secret-file', 'keys/hmac-test-key.txt']);
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      'Invalid signature (HS256)\n' +
        'The HS256 signature does not match keys/hmac-test-key.txt. The MAC verifies with a weak secret from the built-in weak-secret list.\n' +
        'Weak secret: "se…" (6 characters) from the built-in weak-secret list.\n',
    );
    assert.ok(!result.stdout.includes('"secret"'));
  });

  it('finds a wordlist entry', async () => {
    const path = join(dir, 'words.txt');
    writeFileSync(path, 'first\r\norg-dev-key\n');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('org-dev-key'));
    const result = await runVerify([token, '--secret-file', 'keys/hmac-test-key.txt', '--wordlist', path, '--format', 'json']);
    const report = JSON.parse(result.stdout) as { weakSecret: { source: string; masked: string } };
    assert.deepEqual(report.weakSecret, { source: `wordlist ${path}`, masked: '"or…" (11 characters)' });
  });

  it('prints JSON', async () => {
    const result = await runVerify([legit, '--key', 'keys/rsa-test-public.pem', '--format', 'json']);
    assert.deepEqual(JSON.parse(result.stdout), {
      alg: 'RS256',
      status: 'verified',
      verifiedBy: 'keys/rsa-test-public.pem',
      reason: 'The RS256 signature verifies with keys/rsa-test-public.pem.',
    });
  });

  it('fetches a JWK Set from a loopback URL', async () => {
    const { createPublicKey } = await import('node:crypto');
    const pem = readFileSync(join(CASES, 'keys/rsa-test-public.pem'), 'utf8');
    const jwks = JSON.stringify({ keys: [{ ...createPublicKey(pem).export({ format: 'jwk' }), kid: 'rsa-key-1' }] });
    const server: Server = createServer((_request, response) => response.writeHead(200).end(jwks));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const result = await runVerify([legit, '--jwks-url', url]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout.split('\n')[0], `Verified (RS256) by ${url} (kid rsa-key-1)`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('requires a key', async () => {
    const result = await runVerify([legit]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "jwt-lens verify: no key given: pass --key FILE, --secret-file FILE or --jwks-url URL\nRun 'jwt-lens verify --help' for usage.\n");
  });

  it('names a missing key file', async () => {
    const result = await runVerify([legit, '--key', 'keys/missing.pem']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `jwt-lens verify: Cannot read key file ${join(CASES, 'keys/missing.pem')}: file not found\n`);
  });

  it('rejects an http JWKS URL off loopback', async () => {
    const result = await runVerify([legit, '--jwks-url', 'http://keys.example.test/jwks']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /uses http; JWK Sets are fetched only over https/);
  });

  it('rejects several tokens', async () => {
    const result = await runVerify(['-', '--key', 'keys/rsa-test-public.pem'], `${legit}\n${forgedA}\n`);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "jwt-lens verify: the input contains 2 tokens, but verify takes one (use 'jwt-lens scan --key' for several)\n");
  });

  it('reports a malformed token as not verified', async () => {
    const result = await runVerify(['not-a-token', '--key', 'keys/rsa-test-public.pem']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'Not verified\nThe token has 1 segment instead of 3, so its signature cannot be checked.\n');
  });
});
