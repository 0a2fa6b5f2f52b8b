// The jwtLens.weakSecrets.wordlist setting inside a real VS Code: HS256 tokens are cracked in the
// background against a wordlist file in the workspace, and a match becomes a weak-secret diagnostic.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import * as vscode from 'vscode';
import { activateExtension, CASE_NOW, jwtDiagnostics, jwtHover, ruleOf, setWorkspaceSetting, settle, unescapeMarkdown, waitFor } from './helpers';

const FOLDER = 'weak-secrets-it';
const WORDLIST = `${FOLDER}/jwt-secrets.txt`;
/** A secret the built-in list lacks, placed last in the wordlist. */
const LISTED_SECRET = 'orange-teapot-1987-lens';

function sign(secret: string, subject: string): Promise<string> {
  return new SignJWT({ sub: subject, iat: CASE_NOW, exp: CASE_NOW + 600 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

function setWordlist(value: string | undefined): Promise<void> {
  return setWorkspaceSetting('weakSecrets.wordlist', value);
}

function weakSecretDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return jwtDiagnostics(uri).filter((diagnostic) => ruleOf(diagnostic) === 'weak-secret');
}

/** Writes a document holding `token` into the test folder, opens it and waits for its first scan. */
async function openTokenDocument(name: string, token: string): Promise<vscode.TextDocument> {
  const workspace = process.env.JWTLENS_TEST_WORKSPACE;
  assert.ok(workspace, 'JWTLENS_TEST_WORKSPACE is not set');
  const path = join(workspace, FOLDER, name);
  writeFileSync(path, `Authorization: Bearer ${token}\n`);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  await vscode.window.showTextDocument(document);
  await settle(document.uri);
  return document;
}

describe('weak secrets from the wordlist setting', function () {
  this.timeout(60_000);

  let folder: string;

  before(async () => {
    await activateExtension();
    const workspace = process.env.JWTLENS_TEST_WORKSPACE;
    assert.ok(workspace, 'JWTLENS_TEST_WORKSPACE is not set');
    folder = join(workspace, FOLDER);
    mkdirSync(folder, { recursive: true });
    const fillers = Array.from({ length: 20_000 }, (_, i) => `filler-secret-${i}`);
    writeFileSync(join(workspace, WORDLIST), `${fillers.join('\n')}\n${LISTED_SECRET}\n`);
  });

  after(async () => {
    await setWordlist(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  it('flags a listed secret and clears with the setting', async () => {
    const api = await activateExtension();
    await setWordlist(WORDLIST);
    const document = await openTokenDocument('listed.txt', await sign(LISTED_SECRET, 'listed-user'));

    const [diagnostic] = await waitFor('a weak-secret diagnostic', () => {
      const found = weakSecretDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    }, 30_000);

    assert.match(diagnostic.message, new RegExp(` from ${WORDLIST.replace(/[.-]/g, '\\$&')}, `));
    assert.equal(diagnostic.message.includes(LISTED_SECRET), false, 'the diagnostic shows the whole secret');
    assert.equal(weakSecretDiagnostics(document.uri).length, 1);
    const hover = await jwtHover(document.uri, diagnostic.range.start);
    assert.ok(hover, 'no JWT Lens hover on the token');
    assert.match(unescapeMarkdown(hover.value), new RegExp(`weak-secret: .* from ${WORDLIST.replace(/[.-]/g, '\\$&')}, `));

    await setWordlist('');
    await api.services.weakSecrets.whenIdle();
    await waitFor('the weak-secret diagnostic to go', () => (weakSecretDiagnostics(document.uri).length === 0 ? true : undefined));
  });

  it('leaves an unlisted secret alone', async () => {
    const api = await activateExtension();
    await setWordlist(WORDLIST);
    const token = await sign('not-in-any-list-5150', 'unlisted-user');
    const document = await openTokenDocument('unlisted.txt', token);

    await api.services.weakSecrets.whenIdle();
    await settle(document.uri);

    assert.equal(api.services.weakSecrets.verdictFor(document.uri, token), 'not-listed');
    assert.deepEqual(weakSecretDiagnostics(document.uri), []);
  });

  it('survives a missing wordlist file', async () => {
    const api = await activateExtension();
    await setWordlist(`${FOLDER}/no-such-list.txt`);
    const token = await sign(LISTED_SECRET, 'missing-list-user');
    const document = await openTokenDocument('missing.txt', token);

    await api.services.weakSecrets.whenIdle();
    await settle(document.uri);

    assert.equal(api.services.weakSecrets.verdictFor(document.uri, token), undefined);
    assert.deepEqual(weakSecretDiagnostics(document.uri), []);

    // Pointing the setting at a readable list checks the token again.
    await setWordlist(WORDLIST);
    await waitFor('a weak-secret diagnostic', () => (weakSecretDiagnostics(document.uri).length > 0 ? true : undefined), 30_000);
  });

  it('skips a FIFO wordlist without waiting', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const api = await activateExtension();
    execFileSync('mkfifo', [join(folder, 'list.pipe')]);
    await setWordlist(`${FOLDER}/list.pipe`);
    const token = await sign(LISTED_SECRET, 'fifo-list-user');
    const document = await openTokenDocument('fifo.txt', token);

    // With a blocking open, the check would wait for a writer and never become idle.
    await api.services.weakSecrets.whenIdle();
    await settle(document.uri);

    assert.equal(api.services.weakSecrets.verdictFor(document.uri, token), undefined);
    assert.deepEqual(weakSecretDiagnostics(document.uri), []);
  });
});
