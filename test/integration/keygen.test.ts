// The Generate Key Pair command inside a real VS Code, run with argument objects so no dialog opens.
// Covers the files and their modes, the refusal to overwrite, and the snippet editor.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import * as vscode from 'vscode';
import type { GenerateKeyPairOutcome } from '../../src/extension/commands/keygen';
import { activateExtension } from './helpers';

function generate(args: Record<string, unknown>): Thenable<GenerateKeyPairOutcome | undefined> {
  return vscode.commands.executeCommand<GenerateKeyPairOutcome | undefined>('jwtLens.generateKeyPair', args);
}

describe('Generate Key Pair command', function () {
  this.timeout(60_000);
  let folder: string;

  before(async () => {
    await activateExtension();
  });

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'jwt-lens-keygen-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes an EC key pair with modes', async () => {
    const outcome = await generate({ type: 'EC', curve: 'P-256', folder, name: 'api' });
    assert.ok(outcome, 'the command returned nothing');
    assert.deepEqual(outcome.files, ['api.private.pem', 'api.public.pem', 'api.public.jwk.json', 'api.jwks.json'].map((name) => join(folder, name)));
    assert.equal(outcome.algorithm, 'ES256');
    assert.equal(statSync(join(folder, 'api.private.pem')).mode & 0o777, 0o600);
    assert.equal(statSync(join(folder, 'api.public.pem')).mode & 0o777, 0o644);
    assert.equal((JSON.parse(readFileSync(join(folder, 'api.jwks.json'), 'utf8')) as { keys: JWK[] }).keys[0]?.kid, outcome.kid);
  });

  it('writes an HMAC secret 0600', async () => {
    const outcome = await generate({ type: 'hmac', bits: 384, folder });
    assert.equal(outcome?.algorithm, 'HS384');
    assert.deepEqual(outcome?.files, [join(folder, 'hmac-384.secret.base64url.txt'), join(folder, 'hmac-384.secret.jwk.json')]);
    assert.equal(statSync(join(folder, 'hmac-384.secret.jwk.json')).mode & 0o777, 0o600);
  });

  it('overwrite false keeps existing files', async () => {
    writeFileSync(join(folder, 'dev.private.pem'), 'keep\n');
    const outcome = await generate({ type: 'OKP', folder, name: 'dev', overwrite: false });
    assert.equal(outcome, undefined);
    assert.equal(readFileSync(join(folder, 'dev.private.pem'), 'utf8'), 'keep\n');
  });

  it('overwrite true replaces them', async () => {
    writeFileSync(join(folder, 'dev.private.pem'), 'old\n', { mode: 0o644 });
    const outcome = await generate({ type: 'OKP', folder, name: 'dev', overwrite: true });
    assert.equal(outcome?.algorithm, 'EdDSA');
    assert.match(readFileSync(join(folder, 'dev.private.pem'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(statSync(join(folder, 'dev.private.pem')).mode & 0o777, 0o600);
  });

  it('opens the chosen snippet', async () => {
    const outcome = await generate({ type: 'RSA', size: 2048, folder, snippet: 'python' });
    const snippet = outcome?.snippet;
    assert.ok(snippet, 'no snippet document');
    assert.equal(snippet.languageId, 'python');
    assert.equal(snippet.isUntitled, true);
    assert.ok(snippet.getText().includes(`KEY_PATH = ${JSON.stringify(join(folder, 'rsa-2048.public.pem'))}`));
    assert.ok(snippet.getText().includes('ALGORITHM = "RS256"'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
