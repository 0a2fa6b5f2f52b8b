import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runScan } from '../../../src/cli/commands/scan';
import { parseByteSize } from '../../../src/cli/files';
import { CASE_CLOCK, createFakeIo } from './fakeIo';
import { expiredToken, signHs256, validToken } from './tokens';

interface JsonDocument {
  files: { path: string; tokens: { offset: [number, number]; findings: { rule: string }[] }[] }[];
  skipped: { path: string; reason: string; kind: string | null }[];
  errors: { path: string; message: string }[];
}

describe('cli scan', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'jwt-lens-scan-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function put(path: string, content: string | Uint8Array): Promise<void> {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }

  async function scanJson(args: string[], stdin?: string): Promise<{ code: number; document: JsonDocument; stderr: string }> {
    const fake = createFakeIo({ cwd: root, stdin });
    const code = await runScan([...args, '--format', 'json'], fake.io);
    return { code, document: JSON.parse(fake.stdout()) as JsonDocument, stderr: fake.stderr() };
  }

  it('walks folders and skips node_modules and .git', async () => {
    const token = await validToken();
    await put('src/app.ts', `const token = '${token}';\n`);
    await put('src/deep/er/config.env', `TOKEN=${token}\n`);
    await put('node_modules/lib/index.js', `'${token}'`);
    await put('.git/ORIG_HEAD', token);

    const { code, document } = await scanJson(['.']);

    assert.equal(code, 0);
    assert.deepEqual(
      document.files.map((file) => file.path),
      ['src/app.ts', 'src/deep/er/config.env'],
    );
  });

  it('skips binary files and reports them', async () => {
    await put('image.bin', Buffer.concat([Buffer.from(await expiredToken()), Buffer.from([0, 1, 2])]));

    const { code, document } = await scanJson(['.']);

    assert.equal(code, 0);
    assert.deepEqual(document.files, []);
    assert.deepEqual(document.skipped, [{ path: 'image.bin', reason: 'binary file (NUL byte in the first 8 KiB)', kind: 'binary' }]);
  });

  it('skips files over --max-file-size', async () => {
    await put('big.log', `${'x'.repeat(2048)} ${await expiredToken()}\n`);

    const { code, document } = await scanJson(['big.log', '--max-file-size', '1k']);

    assert.equal(code, 0);
    assert.equal(document.skipped.length, 1);
    assert.equal(document.skipped[0]?.kind, 'too-large');
    assert.match(document.skipped[0]?.reason ?? '', /^file is 2\.\d KiB, over the 1 KiB limit \(raise it with --max-file-size\)$/);
  });

  it('lists skipped large files in text output', async () => {
    await put('big.log', 'y'.repeat(4096));
    const fake = createFakeIo({ cwd: root });

    await runScan(['big.log', '--max-file-size', '100'], fake.io);

    assert.match(fake.stdout(), /^skipped big\.log: file is 4 KiB, over the 100 bytes limit/m);
  });

  it('expands quoted glob patterns', async () => {
    const token = await expiredToken();
    await put('src/a.ts', token);
    await put('src/nested/b.ts', token);
    await put('src/c.js', token);
    await put('src/node_modules/d.ts', token);

    const { code, document } = await scanJson(['src/**/*.ts']);

    assert.equal(code, 1);
    assert.deepEqual(
      document.files.map((file) => file.path),
      ['src/a.ts', 'src/nested/b.ts'],
    );
  });

  it('exits 2 for a missing path', async () => {
    await put('present.txt', await expiredToken());
    const { code, document, stderr } = await scanJson(['present.txt', 'absent.txt']);

    assert.equal(code, 2);
    assert.deepEqual(document.errors, [{ path: 'absent.txt', message: 'file not found' }]);
    assert.equal(document.files.length, 1);
    assert.equal(stderr, 'jwt-lens: cannot read absent.txt: file not found\n');
  });

  it('exits 2 for a glob that matches nothing', async () => {
    const { code, document } = await scanJson(['**/*.nothing']);

    assert.equal(code, 2);
    assert.deepEqual(document.errors, [{ path: '**/*.nothing', message: 'no files match this pattern' }]);
  });

  it('reads stdin without paths', async () => {
    const { code, document } = await scanJson([], `line one\nBearer ${await expiredToken()}\n`);

    assert.equal(code, 1);
    assert.equal(document.files[0]?.path, '-');
    assert.deepEqual(document.files[0]?.tokens[0]?.offset.slice(0, 1), [16]);
  });

  it('rejects a terminal stdin without paths', async () => {
    const fake = createFakeIo({ cwd: root, stdinIsTTY: true });
    const code = await runScan([], fake.io);

    assert.equal(code, 2);
    assert.equal(
      fake.stderr(),
      "jwt-lens scan: no input given: pass files, folders or glob patterns, or pipe text into standard input\nRun 'jwt-lens scan --help' for usage.\n",
    );
  });

  it('reads stdin for a dash among paths', async () => {
    await put('a.txt', await validToken());
    const { document } = await scanJson(['a.txt', '-'], await validToken());

    assert.deepEqual(
      document.files.map((file) => file.path),
      ['-', 'a.txt'],
    );
  });

  it('honours jwt-lens-ignore-next-line', async () => {
    const expired = await expiredToken();
    await put('fixtures.ts', `// jwt-lens-ignore-next-line\nconst old = '${expired}';\nconst other = '${expired}';\n`);

    const { code, document } = await scanJson(['fixtures.ts']);
    const tokens = document.files[0]?.tokens ?? [];

    assert.equal(code, 1);
    assert.equal(tokens.length, 2);
    assert.deepEqual(tokens[0]?.findings.map((finding) => finding.rule).filter((rule) => rule === 'token-expired'), []);
    assert.ok(tokens[1]?.findings.some((finding) => finding.rule === 'token-expired'));
  });

  it('uses the .jwtlens.json nearest each file', async () => {
    const token = await signHs256({ sub: 'user-42', aud: 'https://api.example.test/', iat: CASE_CLOCK, exp: CASE_CLOCK + 60 });
    await put('service-a/.jwtlens.json', JSON.stringify({ audience: 'https://api.example.test/' }));
    await put('service-a/token.txt', token);
    await put('service-b/.jwtlens.json', JSON.stringify({ audience: 'https://other.example.test/' }));
    await put('service-b/token.txt', token);

    const { code, document } = await scanJson(['.']);
    const rulesOf = (path: string) => document.files.find((file) => file.path === path)?.tokens[0]?.findings.map((finding) => finding.rule) ?? [];

    assert.equal(code, 1);
    assert.ok(!rulesOf('service-a/token.txt').includes('audience-mismatch'));
    assert.ok(rulesOf('service-b/token.txt').includes('audience-mismatch'));
  });

  it('lets --policy win over nearby policy files', async () => {
    const token = await signHs256({ sub: 'user-42', aud: 'https://api.example.test/', iat: CASE_CLOCK, exp: CASE_CLOCK + 60 });
    await put('service/.jwtlens.json', JSON.stringify({ audience: 'https://other.example.test/' }));
    await put('service/token.txt', token);
    await put('strict.json', JSON.stringify({ audience: ['https://api.example.test/'] }));

    const { code } = await scanJson(['service', '--policy', 'strict.json']);

    assert.equal(code, 0);
  });

  it('exits 2 for an invalid policy file', async () => {
    await put('.jwtlens.json', JSON.stringify({ audiense: 'x' }));
    await put('token.txt', await validToken());
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['token.txt'], fake.io);

    assert.equal(code, 2);
    assert.match(fake.stderr(), /^jwt-lens scan: invalid policy file .*\.jwtlens\.json: Unknown key "audiense"; did you mean "audience"\?\n$/);
  });

  it('rejects a bad --max-file-size', async () => {
    const fake = createFakeIo({ cwd: root });
    const code = await runScan(['.', '--max-file-size', 'lots'], fake.io);

    assert.equal(code, 2);
    assert.equal(
      fake.stderr(),
      `jwt-lens scan: invalid value for --max-file-size: "lots" (expected a size such as 500000, 512k or 10M)\nRun 'jwt-lens scan --help' for usage.\n`,
    );
  });

  it('summarises findings in text output', async () => {
    await put('a.txt', `${await expiredToken()}\n${await validToken()}\n`);
    const fake = createFakeIo({ cwd: root });

    const code = await runScan(['a.txt'], fake.io);

    assert.equal(code, 1);
    assert.match(fake.stdout(), /^a\.txt:1:1 {2}JWS {2}HS256 {2}not verified$/m);
    assert.match(fake.stdout(), /^a\.txt:2:1 /m);
    assert.match(fake.stdout(), /^ {2}exp {2}2025-12-31T00:00:00Z \(1 day ago\)$/m);
    assert.match(fake.stdout(), /in 2 tokens \(1 file\)\.\n$/);
  });
});

describe('parseByteSize', () => {
  const cases: Array<[string, number | undefined]> = [
    ['500000', 500000],
    ['512k', 524288],
    ['10M', 10485760],
    ['10MB', 10485760],
    ['1GiB', 1073741824],
    ['1.5k', 1536],
    ['ten', undefined],
    ['-1', undefined],
  ];
  for (const [text, bytes] of cases) {
    it(`parses ${text}`, () => {
      assert.equal(parseByteSize(text), bytes);
    });
  }
});
