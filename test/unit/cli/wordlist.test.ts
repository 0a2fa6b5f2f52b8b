import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { run as runCheck } from '../../../src/cli/commands/check';
import { run as runScan } from '../../../src/cli/commands/scan';
import { CASE_CLOCK, createFakeIo } from './fakeIo';

const SECRET = 'orange-teapot-1987';

function signWith(secret: string): Promise<string> {
  return new SignJWT({ sub: 'user-42', iat: CASE_CLOCK, exp: CASE_CLOCK + 60 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

interface JsonDocument {
  files: { path: string; tokens: { findings: { rule: string; message: string }[] }[] }[];
}

describe('cli --wordlist', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'jwt-lens-wordlist-'));
    await writeFile(join(root, 'words.txt'), `first\r\nsecond\n${SECRET}\n`);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('check names the wordlist', async () => {
    const fake = createFakeIo({ cwd: root });

    const code = await runCheck([await signWith(SECRET), '--wordlist', 'words.txt', '--format', 'json'], fake.io);

    assert.equal(code, 1, fake.stderr());
    const findings = (JSON.parse(fake.stdout()) as JsonDocument).files[0].tokens[0].findings;
    const weak = findings.filter((finding) => finding.rule === 'weak-secret');
    assert.equal(weak.length, 1);
    assert.match(weak[0].message, / from words\.txt, /);
    assert.equal(fake.stdout().includes(SECRET), false);
  });

  it('scan flags a secret from the list', async () => {
    await writeFile(join(root, 'app.ts'), `const token = '${await signWith(SECRET)}';\n`);
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['.', '--wordlist', 'words.txt', '--format', 'json'], fake.io);

    assert.equal(code, 1, fake.stderr());
    const document = JSON.parse(fake.stdout()) as JsonDocument;
    const file = document.files.find((entry) => entry.path.endsWith('app.ts'));
    assert.ok(file, fake.stdout());
    const weak = file.tokens[0].findings.filter((finding) => finding.rule === 'weak-secret');
    assert.equal(weak.length, 1);
    assert.match(weak[0].message, / from words\.txt, /);
    assert.equal(fake.stdout().includes(SECRET), false);
  });

  it('scan ignores secrets not listed', async () => {
    await writeFile(join(root, 'app.ts'), `const token = '${await signWith('not-in-the-list-4242')}';\n`);
    const fake = createFakeIo({ cwd: root });

    await runScan(['.', '--wordlist', 'words.txt', '--format', 'json'], fake.io);

    const document = JSON.parse(fake.stdout()) as JsonDocument;
    const rules = document.files.flatMap((file) => file.tokens.flatMap((token) => token.findings.map((finding) => finding.rule)));
    assert.equal(rules.includes('weak-secret'), false);
  });

  it('scan fails for a missing wordlist', async () => {
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['.', '--wordlist', 'missing.txt'], fake.io);

    assert.equal(code, 2);
    assert.match(fake.stderr(), /missing\.txt/);
  });
});
