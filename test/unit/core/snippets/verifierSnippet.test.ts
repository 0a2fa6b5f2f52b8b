import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  PLACEHOLDER_AUDIENCE,
  PLACEHOLDER_ISSUER,
  renderVerifierSnippet,
  type VerifierSnippetOptions,
} from '../../../../src/core/snippets/verifierSnippet';
import { rustString } from '../../../../src/core/snippets/rust';

const ROOT = join(__dirname, '../../../..');
const WITH_POLICY: VerifierSnippetOptions = {
  algorithm: 'ES256',
  keyPath: '/keys/dev.public.pem',
  issuer: ['https://issuer.example.test/'],
  audience: ['https://api.example.test/', 'mobile'],
  clockToleranceSeconds: 60,
};
const ALGORITHMS = ['HS256', 'HS512', 'RS256', 'PS384', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function hasCommand(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** Creates a scratch folder inside node_modules, so the snippet's `import 'jose'` resolves to the project's jose. */
function scratchDirectory(): string {
  return mkdtempSync(join(ROOT, 'node_modules', '.jwt-lens-snippet-'));
}

describe('renderVerifierSnippet', () => {
  it('TypeScript pins alg, issuer, audience', () => {
    const text = renderVerifierSnippet('ts', WITH_POLICY);
    assert.ok(text.includes('const KEY_PATH = "/keys/dev.public.pem";'));
    assert.ok(text.includes('const ALGORITHM = "ES256";'));
    assert.ok(text.includes('const ISSUER = "https://issuer.example.test/";'));
    assert.ok(text.includes('const AUDIENCE = ["https://api.example.test/", "mobile"];'));
    assert.ok(text.includes('const CLOCK_TOLERANCE_SECONDS = 60;'));
    assert.ok(text.includes('algorithms: [ALGORITHM],'));
    assert.ok(!text.includes('TODO'));
  });

  it('marks placeholders without a policy', () => {
    for (const language of ['ts', 'python', 'rust'] as const) {
      const text = renderVerifierSnippet(language, { algorithm: 'RS256', keyPath: 'k.pem' });
      assert.ok(text.includes(PLACEHOLDER_ISSUER), language);
      assert.ok(text.includes(PLACEHOLDER_AUDIENCE), language);
      assert.ok(text.includes("TODO: placeholder issuer; replace it with your API's issuer before use."), language);
      assert.ok(text.includes("TODO: placeholder audience; replace it with your API's audience before use."), language);
    }
  });

  it('HMAC snippets decode the base64url secret', () => {
    const options = { algorithm: 'HS256', keyPath: 'dev.secret.base64url.txt' };
    assert.ok(renderVerifierSnippet('ts', options).includes("base64url.decode(readFileSync(KEY_PATH, 'utf8').trim())"));
    assert.ok(renderVerifierSnippet('python', options).includes('base64.urlsafe_b64decode(_text + "=" * (-len(_text) % 4))'));
    assert.ok(renderVerifierSnippet('rust', options).includes('URL_SAFE_NO_PAD.decode(text.trim())?'));
  });

  it('rejects algorithms it cannot pin', () => {
    for (const algorithm of ['none', 'RS1', 'Ed25519', 'ES256K']) {
      assert.throws(() => renderVerifierSnippet('ts', { algorithm, keyPath: 'k' }), {
        name: 'RangeError',
        message: `No verifier snippet for algorithm ${algorithm}; use HS*, RS*, PS*, ES* or EdDSA.`,
      });
    }
    assert.throws(() => renderVerifierSnippet('rust', { algorithm: 'ES512', keyPath: 'k' }), {
      message: 'The Rust jsonwebtoken crate does not support ES512; use a P-256 or P-384 key for Rust verifiers.',
    });
  });

  it('escapes paths for each language', () => {
    const keyPath = 'C:\\keys\\"dev"\n.pem';
    assert.ok(renderVerifierSnippet('ts', { algorithm: 'RS256', keyPath }).includes('const KEY_PATH = "C:\\\\keys\\\\\\"dev\\"\\n.pem";'));
    assert.equal(rustString(keyPath), '"C:\\\\keys\\\\\\"dev\\"\\n.pem"');
    assert.equal(rustString('a\u0001b'), '"a\\u{1}b"');
  });

  describe('TypeScript snippet type-checks with tsc', function () {
    this.timeout(60000);

    it('every algorithm compiles against jose', () => {
      const directory = scratchDirectory();
      try {
        const files: string[] = [];
        for (const [index, algorithm] of ALGORITHMS.entries()) {
          const file = join(directory, `verify${index}.ts`);
          writeFileSync(file, renderVerifierSnippet('ts', { ...WITH_POLICY, algorithm }));
          files.push(file);
        }
        writeFileSync(join(directory, 'untouched.ts'), renderVerifierSnippet('ts', { algorithm: 'RS256', keyPath: 'k.pem' }));
        files.push(join(directory, 'untouched.ts'));

        const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
        const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), ...files];
        const result = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: directory });
        assert.equal(result.status, 0, result.stdout + result.stderr);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });

  describe('Python snippet compiles with py_compile', function () {
    this.timeout(30000);

    before(function () {
      if (!hasCommand('python3', ['--version'])) this.skip();
    });

    it('every algorithm compiles', () => {
      const directory = scratchDirectory();
      try {
        for (const [index, algorithm] of ALGORITHMS.entries()) {
          const file = join(directory, `verify${index}.py`);
          writeFileSync(file, renderVerifierSnippet('python', { ...WITH_POLICY, algorithm }));
          execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe' });
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });

    it('pins algorithms, issuer, audience', () => {
      const text = renderVerifierSnippet('python', { ...WITH_POLICY, algorithm: 'RS256' });
      assert.ok(text.includes('KEY_PATH = "/keys/dev.public.pem"'));
      assert.ok(text.includes('algorithms=[ALGORITHM],'));
      assert.ok(text.includes('ISSUER = "https://issuer.example.test/"'));
      assert.ok(text.includes('AUDIENCE = ["https://api.example.test/", "mobile"]'));
      assert.ok(text.includes('leeway=CLOCK_TOLERANCE_SECONDS,'));
      assert.ok(text.includes('options={"require": ["exp", "iss", "aud"]},'));
    });
  });

  // The jsonwebtoken crate is not installed here and cargo cannot download it, so rustc cannot
  // type-check the snippet. rustfmt parses a file without resolving crates, which checks syntax.
  describe('Rust snippet parses with rustfmt (syntax only, no crate)', function () {
    this.timeout(30000);

    before(function () {
      if (!hasCommand('rustfmt', ['--version'])) this.skip();
    });

    it('every algorithm parses', () => {
      const directory = scratchDirectory();
      try {
        for (const [index, algorithm] of ALGORITHMS.filter((alg) => alg !== 'ES512').entries()) {
          const file = join(directory, `verify${index}.rs`);
          writeFileSync(file, renderVerifierSnippet('rust', { ...WITH_POLICY, algorithm }));
          const result = spawnSync('rustfmt', ['--edition', '2021', '--emit', 'stdout', file], { encoding: 'utf8' });
          assert.equal(result.status, 0, `${algorithm}: ${result.stderr}`);
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });

    it('rustfmt rejects broken syntax', () => {
      const directory = scratchDirectory();
      try {
        const file = join(directory, 'broken.rs');
        writeFileSync(file, renderVerifierSnippet('rust', WITH_POLICY).replace('pub fn verify_token(', 'pub fn verify_token('.slice(0, -1)));
        const result = spawnSync('rustfmt', ['--edition', '2021', '--emit', 'stdout', file], { encoding: 'utf8' });
        assert.notEqual(result.status, 0);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });

    it('key parts are in place', () => {
      const text = renderVerifierSnippet('rust', { ...WITH_POLICY, algorithm: 'EdDSA' });
      assert.ok(text.includes('const KEY_PATH: &str = "/keys/dev.public.pem";'));
      assert.ok(text.includes('DecodingKey::from_ed_pem(&pem)?'));
      assert.ok(text.includes('Validation::new(Algorithm::EdDSA)'));
      assert.ok(text.includes('const ISSUERS: &[&str] = &["https://issuer.example.test/"];'));
      assert.ok(text.includes('const AUDIENCES: &[&str] = &["https://api.example.test/", "mobile"];'));
      assert.ok(text.includes('validation.leeway = CLOCK_TOLERANCE_SECONDS;'));
      assert.ok(renderVerifierSnippet('rust', { ...WITH_POLICY, algorithm: 'ES384' }).includes('DecodingKey::from_ec_pem(&pem)?'));
      assert.ok(renderVerifierSnippet('rust', { ...WITH_POLICY, algorithm: 'PS256' }).includes('DecodingKey::from_rsa_pem(&pem)?'));
    });
  });
});
