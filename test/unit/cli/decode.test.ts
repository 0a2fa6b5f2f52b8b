import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runCheck } from '../../../src/cli/commands/check';
import { run as runDecode } from '../../../src/cli/commands/decode';
import { SignJWT } from 'jose';
import { CASE_CLOCK, createFakeIo } from './fakeIo';
import { expiredToken, signHs256, unsecuredToken, validToken } from './tokens';

const ESC = '\u001b';

describe('cli decode', () => {
  it('exits 0 for a valid token and shows its claims', async () => {
    const fake = createFakeIo();
    const code = await runDecode([await validToken()], fake.io);

    assert.equal(code, 0, fake.stderr());
    assert.match(fake.stdout(), /^<argument>:1:1 {2}JWS {2}HS256/);
    assert.match(fake.stdout(), /"sub": "user-42"/);
    assert.match(fake.stdout(), /"exp": 1767229200 {2}2026-01-01T01:00:00Z \(in 1 h\)$/m);
    assert.equal(fake.stderr(), '');
  });

  it('exits 1 for an expired token', async () => {
    const fake = createFakeIo();
    const code = await runDecode([await expiredToken()], fake.io);

    assert.equal(code, 1);
    assert.match(fake.stdout(), /error {3}.*expired.* {2}token-expired/);
  });

  it('reads the token from stdin', async () => {
    const fake = createFakeIo({ stdin: `${await validToken()}\n` });
    const code = await runDecode([], fake.io);

    assert.equal(code, 0, fake.stderr());
    assert.match(fake.stdout(), /^-:1:1 /);
  });

  it('reads stdin for a dash argument', async () => {
    const fake = createFakeIo({ stdin: `Authorization: Bearer ${await validToken()}` });
    const code = await runDecode(['-'], fake.io);

    assert.equal(code, 0, fake.stderr());
    assert.match(fake.stdout(), /^-:1:23 /);
  });

  it('rejects empty stdin with exit 2', async () => {
    const fake = createFakeIo({ stdin: '  \n' });
    const code = await runDecode([], fake.io);

    assert.equal(code, 2);
    assert.equal(fake.stderr(), 'jwt-lens decode: no token given: standard input is empty\n');
    assert.equal(fake.stdout(), '');
  });

  it('reports a malformed argument as a finding', async () => {
    const fake = createFakeIo();
    const code = await runDecode(['not-a-token'], fake.io);

    assert.equal(code, 1, fake.stderr());
    assert.match(fake.stdout(), /malformed-token/);
  });

  it('positions a malformed token within stdin', async () => {
    const fake = createFakeIo({ stdin: '\n  abc.def\n' });
    const code = await runDecode(['--format', 'json'], fake.io);
    const token = (JSON.parse(fake.stdout()) as { files: { tokens: { offset: number[]; range: unknown }[] }[] }).files[0]?.tokens[0];

    assert.equal(code, 1, fake.stderr());
    assert.deepEqual(token?.offset, [3, 10]);
    assert.deepEqual(token?.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } });
  });

  it('shows seconds claims as 2018 dates, never 1970', async () => {
    const token = await signHs256({ sub: 'user', iat: 1516239022, exp: 1516242622 });
    const fake = createFakeIo();
    await runDecode([token], fake.io);

    assert.match(fake.stdout(), /"iat": 1516239022, {2}2018-01-18T01:30:22Z/);
    assert.match(fake.stdout(), /"exp": 1516242622 {2}2018-01-18T02:30:22Z/);
    assert.doesNotMatch(fake.stdout(), /1970/);
  });

  it('prints an Infinity claim without throwing', async () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"x","exp":1e400}').toString('base64url');
    const fake = createFakeIo();
    const code = await runDecode([`${header}.${payload}.c2lnbmF0dXJl`], fake.io);

    assert.notEqual(code, 2, fake.stderr());
    assert.match(fake.stdout(), /"exp": Infinity/);
    assert.doesNotMatch(fake.stdout(), /token-expired/);
  });

  it('escapes control characters from claims', async () => {
    const token = await signHs256({ sub: `evil${ESC}]0;title\u0007${ESC}[2J`, iat: CASE_CLOCK, exp: CASE_CLOCK + 60 });
    const fake = createFakeIo({ isTTY: true });
    await runDecode([token], fake.io);

    const withoutColours = fake.stdout().replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '');
    assert.equal(withoutColours.includes(ESC), false);
    assert.equal(withoutColours.includes('\u0007'), false);
    assert.match(withoutColours, /evil\\u001b\]0;title/);
  });
});

describe('cli colour', () => {
  it('colours a terminal', async () => {
    const fake = createFakeIo({ isTTY: true });
    await runDecode([await expiredToken()], fake.io);
    assert.equal(fake.stdout().includes(ESC), true);
  });

  it('prints no escapes when stdout is not a terminal', async () => {
    const fake = createFakeIo({ isTTY: false });
    await runDecode([await expiredToken()], fake.io);
    assert.equal(fake.stdout().includes(ESC), false);
  });

  it('honours NO_COLOR', async () => {
    const fake = createFakeIo({ isTTY: true, env: { NO_COLOR: '1' } });
    await runDecode([await expiredToken()], fake.io);
    assert.equal(fake.stdout().includes(ESC), false);
  });

  it('ignores an empty NO_COLOR', async () => {
    const fake = createFakeIo({ isTTY: true, env: { NO_COLOR: '' } });
    await runDecode([await expiredToken()], fake.io);
    assert.equal(fake.stdout().includes(ESC), true);
  });

  it('honours --no-color', async () => {
    const fake = createFakeIo({ isTTY: true });
    await runDecode([await expiredToken(), '--no-color'], fake.io);
    assert.equal(fake.stdout().includes(ESC), false);
  });
});

describe('cli check', () => {
  it('exits 0 and prints only a summary for a clean token', async () => {
    const fake = createFakeIo();
    const code = await runCheck([await validToken()], fake.io);

    assert.equal(code, 0, fake.stderr());
    assert.doesNotMatch(fake.stdout(), /"sub"/);
    assert.match(fake.stdout(), /^No findings in 1 token\.\n$/m);
  });

  it('exits 1 for alg none', async () => {
    const fake = createFakeIo();
    const code = await runCheck([unsecuredToken()], fake.io);

    assert.equal(code, 1);
    assert.match(fake.stdout(), /^<argument>:1:1\n {2}error {3}.* {2}alg-none$/m);
  });

  it('exits 0 for errors with --fail-on none', async () => {
    const fake = createFakeIo();
    assert.equal(await runCheck([unsecuredToken(), '--fail-on', 'none'], fake.io), 0);
  });

  it('fails on warnings with --fail-on warning', async () => {
    const noExp = await signHs256({ sub: 'user-42', iat: CASE_CLOCK - 60 });
    const lenient = createFakeIo();
    const strict = createFakeIo();

    assert.equal(await runCheck([noExp], lenient.io), 0, lenient.stdout());
    assert.equal(await runCheck([noExp, '--fail-on', 'warning'], strict.io), 1, strict.stdout());
    assert.match(strict.stdout(), /warning .* {2}missing-exp/);
  });

  it('judges time at --now', async () => {
    const token = await validToken();
    const before = createFakeIo();
    const after = createFakeIo();

    assert.equal(await runCheck([token, '--now', String(CASE_CLOCK)], before.io), 0);
    assert.equal(await runCheck([token, '--now', String(CASE_CLOCK + 7200)], after.io), 1);
    assert.match(after.stdout(), /token-expired/);
  });

  it('applies --leeway to expiry', async () => {
    const token = await validToken();
    const fake = createFakeIo();
    assert.equal(await runCheck([token, '--now', String(CASE_CLOCK + 3630), '--leeway', '60'], fake.io), 0, fake.stdout());
  });

  it('checks --audience lists', async () => {
    const token = await signHs256({ sub: 'user-42', aud: 'https://api.example.test/', iat: CASE_CLOCK, exp: CASE_CLOCK + 60 });
    const match = createFakeIo();
    const mismatch = createFakeIo();

    assert.equal(await runCheck([token, '--audience', 'https://other.example.test/,https://api.example.test/'], match.io), 0, match.stdout());
    assert.equal(await runCheck([token, '--audience', 'https://other.example.test/'], mismatch.io), 1);
    assert.match(mismatch.stdout(), /audience-mismatch/);
  });

  it('verifies with --secret-file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'jwt-lens-cli-'));
    try {
      await writeFile(join(directory, 'secret.txt'), 'cli-test-hmac-key-0123456789abcdef-not-a-real-secret\n');
      const fake = createFakeIo({ cwd: directory });
      const code = await runDecode([await validToken(), '--secret-file', 'secret.txt', '--format', 'json'], fake.io);

      assert.equal(code, 0, fake.stderr());
      const document = JSON.parse(fake.stdout()) as { files: { tokens: { verifiedBy: string | null }[] }[] };
      assert.equal(document.files[0]?.tokens[0]?.verifiedBy, 'HMAC secret from secret.txt (without its final newline)');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('cli weak secrets', () => {
  it('flags a secret from --wordlist', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'jwt-lens-cli-'));
    try {
      const secret = 'orange-teapot-1987';
      const token = await new SignJWT({ sub: 'user-42', iat: CASE_CLOCK, exp: CASE_CLOCK + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
      await writeFile(join(directory, 'words.txt'), `first\r\n${secret}\r\nlast\r\n`);
      const without = createFakeIo({ cwd: directory });
      const withList = createFakeIo({ cwd: directory });

      await runCheck([token], without.io);
      const code = await runCheck([token, '--wordlist', 'words.txt'], withList.io);

      assert.doesNotMatch(without.stdout(), /weak-secret/);
      assert.equal(code, 1);
      assert.match(withList.stdout(), /weak-secret/);
      assert.equal(withList.stdout().includes(secret), false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('prints no whole token in text output', async () => {
    const token = await expiredToken();
    for (const run of [runDecode, runCheck]) {
      const fake = createFakeIo();
      await run([token], fake.io);
      assert.equal(fake.stdout().includes(token), false);
      assert.equal(fake.stdout().includes(token.split('.')[2]), false);
    }
  });
});

describe('cli usage errors', () => {
  const cases: Array<[string, string[], string]> = [
    ['unknown flag', ['TOKEN', '--bogus'], 'jwt-lens check: unknown option --bogus'],
    ['bad format', ['TOKEN', '--format', 'xml'], 'jwt-lens check: invalid value for --format: "xml" (expected text, json, sarif)'],
    ['bad fail-on', ['TOKEN', '--fail-on', 'fatal'], 'jwt-lens check: invalid value for --fail-on: "fatal" (expected info, warning, error, none)'],
    ['bad now', ['TOKEN', '--now', 'yesterday'], 'jwt-lens check: invalid value for --now: "yesterday" (expected a number of seconds)'],
    ['negative leeway', ['TOKEN', '--leeway=-5'], 'jwt-lens check: invalid value for --leeway: "-5" (expected a non-negative number of seconds)'],
    ['missing value', ['TOKEN', '--format'], 'jwt-lens check: option --format requires a value'],
    ['value with a dash', ['TOKEN', '--leeway', '-5'], 'jwt-lens check: option --leeway requires a value (write --leeway=VALUE for a value that starts with a dash)'],
    ['unknown algorithm', ['TOKEN', '--allowed-algs', 'RS257'], 'jwt-lens check: invalid value for --allowed-algs: unknown algorithm "RS257"; did you mean "RS256"?'],
    ['two tokens', ['TOKEN', 'TOKEN'], "jwt-lens check: expected one token, got 2 arguments (use 'jwt-lens scan' for several inputs)"],
  ];

  for (const [name, template, message] of cases) {
    it(`exits 2 for ${name}`, async () => {
      const token = await validToken();
      const args = template.map((arg) => (arg === 'TOKEN' ? token : arg));
      const fake = createFakeIo();
      const code = await runCheck(args, fake.io);

      assert.equal(code, 2);
      assert.equal(fake.stderr(), `${message}\nRun 'jwt-lens check --help' for usage.\n`);
      assert.equal(fake.stdout(), '');
    });
  }

  it('exits 2 for a missing key file', async () => {
    const fake = createFakeIo();
    const code = await runCheck([await validToken(), '--key', 'no-such-key.pem'], fake.io);

    assert.equal(code, 2);
    assert.match(fake.stderr(), /^jwt-lens check: cannot load key file no-such-key\.pem: .+\n$/);
  });

  it('exits 2 for a missing policy file', async () => {
    const fake = createFakeIo();
    const code = await runCheck([await validToken(), '--policy', 'missing.json'], fake.io);

    assert.equal(code, 2);
    assert.match(fake.stderr(), /^jwt-lens check: cannot read policy file .*missing\.json: file not found\n$/);
  });

  it('prints help with exit 0', async () => {
    const fake = createFakeIo();
    assert.equal(await runDecode(['--help'], fake.io), 0);
    assert.match(fake.stdout(), /^Usage: jwt-lens decode \[TOKEN\|-\] \[options\]/);
    assert.match(fake.stdout(), /--fail-on LEVEL/);
  });
});
