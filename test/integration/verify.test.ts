// The Verify Token command inside a real VS Code. Each key source is passed through the command's
// arguments, so no dialog opens. Also covers the token under the cursor, SecretStorage only on
// request, and the session key store: once the public key is added, C15's forgeries turn into
// alg-confusion errors.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { VerifyTokenOutcome } from '../../src/extension/commands/verify';
import { StoredSecrets, storedSecretLabel } from '../../src/extension/panel/storedSecrets';
import { activateExtension, jwtDiagnostics, openFixture, ruleOf, waitFor, workspaceUri } from './helpers';

const TOKEN_PATTERN = /eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*/g;

function tokensOf(document: vscode.TextDocument): string[] {
  return document.getText().match(TOKEN_PATTERN) ?? [];
}

function verify(args: Record<string, unknown>): Thenable<VerifyTokenOutcome | undefined> {
  return vscode.commands.executeCommand<VerifyTokenOutcome | undefined>('jwtLens.verifyToken', args);
}

describe('Verify Token command', function () {
  this.timeout(60_000);

  beforeEach(async () => {
    (await activateExtension()).services.keys.clear();
  });

  after(async () => {
    (await activateExtension()).services.keys.clear();
  });

  it('verifies C15 C with a key file', async () => {
    const document = await openFixture('cases', 'case-15.ts');
    const [legit] = tokensOf(document);
    const outcome = await verify({ token: legit, keyFile: 'keys/rsa-test-public.pem' });
    assert.ok(outcome, 'the command returned nothing');
    assert.equal(outcome.result.status, 'verified');
    assert.equal(outcome.result.verifiedBy, 'keys/rsa-test-public.pem');
    assert.equal(outcome.keyLabel, 'keys/rsa-test-public.pem');
  });

  it('uses the token under the cursor', async () => {
    const document = await openFixture('cases', 'case-15.ts');
    const editor = await vscode.window.showTextDocument(document);
    const [, forgedA] = tokensOf(document);
    const offset = document.getText().indexOf(forgedA) + 10;
    editor.selection = new vscode.Selection(document.positionAt(offset), document.positionAt(offset));

    const outcome = await verify({ keyFile: 'keys/rsa-test-public.pem' });
    assert.equal(outcome?.result.confusionKey, 'keys/rsa-test-public.pem');
    assert.equal(outcome?.result.status, 'unverified');
  });

  it('turns C15 A and B into alg-confusion diagnostics', async () => {
    const document = await openFixture('cases', 'case-15.ts');
    const namesKey = (diagnostic: vscode.Diagnostic): boolean => ruleOf(diagnostic) === 'alg-confusion' && diagnostic.message.includes('keys/rsa-test-public.pem');
    await waitFor('no alg-confusion error before the key is added', () => (jwtDiagnostics(document.uri).some(namesKey) ? undefined : true));

    await verify({ token: tokensOf(document)[0], keyFile: 'keys/rsa-test-public.pem' });
    const confusion = await waitFor('two alg-confusion errors naming the key', () => {
      const found = jwtDiagnostics(document.uri).filter(namesKey);
      return found.length === 2 ? found : undefined;
    });
    for (const diagnostic of confusion) assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  it('verifies C01 with a typed secret kept for the session only', async () => {
    const document = await openFixture('cases', 'case-01.txt');
    const [token] = tokensOf(document);
    const secret = readFileSync(workspaceUri('keys', 'hmac-test-key.txt').fsPath, 'utf8');
    const api = await activateExtension();

    const outcome = await verify({ token, secret });
    assert.equal(outcome?.result.status, 'verified');
    assert.equal(outcome?.result.verifiedBy, 'HMAC secret entered in the editor');
    assert.deepEqual(api.services.keys.list().map((key) => key.label), ['HMAC secret entered in the editor']);
    assert.equal(await new StoredSecrets(api.services.secrets).has(null), false);
  });

  it('stores a secret only when asked', async () => {
    const document = await openFixture('cases', 'case-01.txt');
    const [token] = tokensOf(document);
    const secret = readFileSync(workspaceUri('keys', 'hmac-test-key.txt').fsPath, 'utf8');
    const api = await activateExtension();
    const stored = new StoredSecrets(api.services.secrets);

    try {
      const outcome = await verify({ token, secret, remember: true });
      assert.equal(outcome?.result.verifiedBy, storedSecretLabel(null));
      assert.equal(await stored.has(null), true);
    } finally {
      await stored.delete(null);
    }
  });

  it('fetches a JWK Set from a typed loopback URL', async () => {
    const document = await openFixture('cases', 'case-15.ts');
    const [legit] = tokensOf(document);
    const pem = readFileSync(workspaceUri('keys', 'rsa-test-public.pem').fsPath, 'utf8');
    const jwks = JSON.stringify({ keys: [{ ...createPublicKey(pem).export({ format: 'jwk' }), kid: 'rsa-key-1', use: 'sig' }] });
    const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const outcome = await verify({ token: legit, jwksUrl: url });
      assert.equal(outcome?.result.status, 'verified');
      assert.equal(outcome?.result.verifiedBy, `${url} (kid rsa-key-1)`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reports a missing key file and returns nothing', async () => {
    const document = await openFixture('cases', 'case-15.ts');
    const outcome = await verify({ token: tokensOf(document)[0], keyFile: 'keys/missing.pem' });
    assert.equal(outcome, undefined);
    assert.equal((await activateExtension()).services.keys.list().length, 0);
  });

  it('is listed with its setting', () => {
    const extension = vscode.extensions.getExtension('jwt-lens.jwt-lens');
    const packageJson = extension?.packageJSON as { contributes: unknown } | undefined;
    const contributes = packageJson?.contributes as { commands: Array<{ command: string; title: string }>; configuration: { properties: Record<string, { default: unknown }> } };
    assert.ok(contributes.commands.some((command) => command.command === 'jwtLens.verifyToken' && command.title === 'Verify Token…'));
    assert.deepEqual(contributes.configuration.properties['jwtLens.verification.jwksUrls']?.default, []);
  });
});
