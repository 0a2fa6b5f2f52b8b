/** Pins what `npm run scan:examples` shows, since the README's first command scans the examples. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run as runScan } from '../../../src/cli/commands/scan';
import { createFakeIo } from './fakeIo';

const ROOT = join(__dirname, '../../..');

interface JsonDocument {
  files: { path: string; tokens: { kind: string; verifiedBy: string | null; findings: { rule: string }[] }[] }[];
  skipped: unknown[];
  errors: unknown[];
}

/**
 * The rule ids each example file raises at 2026-01-01T00:00:00Z with the issuer key, token by token,
 * as examples/README.md lists them. The key adds `signature-invalid` to the two attacker-signed tokens.
 */
const EXPECTED_RULES: Record<string, string[][]> = {
  'examples/.env': [['weak-secret', 'hmac-key-too-short'], ['missing-exp']],
  'examples/auth.test.ts': [['nested-jwt'], ['exp-in-milliseconds', 'lifetime-too-long'], [], ['sensitive-claim']],
  'examples/client.py': [['remote-key-url', 'signature-invalid'], ['kid-injection']],
  'examples/fixtures/tokens.json': [['embedded-jwk', 'signature-invalid'], [], ['alg-not-allowed', 'lifetime-too-long'], ['jwe-encrypted']],
  'examples/logs/app.log': [['alg-none', 'token-in-url'], ['jwe-encrypted'], ['token-expired']],
  'examples/requests.http': [[], ['token-expired'], ['audience-mismatch']],
};

describe('cli scan of the examples', () => {
  let document: JsonDocument;
  let exitCode: number;

  before(async () => {
    const fake = createFakeIo({ cwd: ROOT });
    exitCode = await runScan(['examples', '--now', '1767225600', '--format', 'json', '--key', 'examples/keys/issuer-ed25519.pub.pem'], fake.io);
    document = JSON.parse(fake.stdout()) as JsonDocument;
  });

  it('exits 1 without read errors', () => {
    assert.equal(exitCode, 1);
    assert.deepEqual(document.errors, []);
    assert.deepEqual(document.skipped, []);
  });

  it('finds the listed tokens and rules', () => {
    assert.deepEqual(
      document.files.map((file) => file.path),
      Object.keys(EXPECTED_RULES),
    );
    for (const file of document.files) {
      const rules = file.tokens.map((token) => token.findings.map((finding) => finding.rule).sort());
      const expected = (EXPECTED_RULES[file.path] ?? []).map((list) => [...list].sort());
      assert.deepEqual(rules, expected, file.path);
    }
  });

  it('verifies the issuer tokens with the example key', () => {
    const requests = document.files.find((file) => file.path === 'examples/requests.http');
    assert.deepEqual(
      requests?.tokens.map((token) => token.verifiedBy),
      ['examples/keys/issuer-ed25519.pub.pem', 'examples/keys/issuer-ed25519.pub.pem', 'examples/keys/issuer-ed25519.pub.pem'],
    );
  });
});
