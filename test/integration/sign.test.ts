// The Sign Test Token command inside a real VS Code, run with argument objects so no dialog opens:
// a key file, an HMAC secret, insertion at the cursor, and an algorithm that does not fit the key.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import * as vscode from 'vscode';
import type { GenerateKeyPairOutcome } from '../../src/extension/commands/keygen';
import { activateExtension, CASE_NOW } from './helpers';

const CLAIMS = { sub: 'user-42', iss: 'https://issuer.example.test/', iat: CASE_NOW, exp: CASE_NOW + 600 };
const SECRET = 'integration-test-secret-of-32-bytes';

function sign(args: Record<string, unknown>): Thenable<string | undefined> {
  return vscode.commands.executeCommand<string | undefined>('jwtLens.signTestToken', args);
}

describe('Sign Test Token command', function () {
  this.timeout(60_000);
  let folder: string;
  let keyPair: GenerateKeyPairOutcome;

  before(async () => {
    await activateExtension();
    folder = mkdtempSync(join(tmpdir(), 'jwt-lens-sign-'));
    const outcome = await vscode.commands.executeCommand<GenerateKeyPairOutcome | undefined>('jwtLens.generateKeyPair', { type: 'EC', curve: 'P-384', folder, name: 'sign' });
    assert.ok(outcome, 'key generation failed');
    keyPair = outcome;
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('signs with a key file', async () => {
    const token = await sign({ keyFile: join(folder, 'sign.private.pem'), claims: CLAIMS, target: 'return' });
    assert.ok(token, 'no token returned');
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'ES384', typ: 'JWT' });

    const publicKey = await importSPKI(readFileSync(join(folder, 'sign.public.pem'), 'utf8'), 'ES384');
    const { payload } = await jwtVerify(token, publicKey, { algorithms: ['ES384'], currentDate: new Date(CASE_NOW * 1000) });
    assert.deepEqual(payload, CLAIMS);
    assert.equal(keyPair.algorithm, 'ES384');
  });

  it('inserts an HMAC token at the cursor', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'Authorization: Bearer ' });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);

    const token = await sign({ secret: SECRET, alg: 'HS512', claims: CLAIMS, header: { kid: 'test' }, target: 'insert' });
    assert.ok(token, 'no token returned');
    assert.equal(document.getText(), `Authorization: Bearer ${token}`);
    await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS512'], currentDate: new Date(CASE_NOW * 1000) });
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS512', kid: 'test' });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  // NOTE: target 'copy' is not tested here: in the headless code-server host, the web clipboard
  // API never settles, so the command's clipboard write would time out the suite.

  it('rejects an alg that does not fit', async () => {
    const token = await sign({ keyFile: join(folder, 'sign.private.pem'), alg: 'RS256', claims: CLAIMS, target: 'return' });
    assert.equal(token, undefined);
  });
});
