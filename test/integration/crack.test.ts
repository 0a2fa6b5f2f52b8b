// The Crack HMAC Secret command inside a real VS Code. The token and the wordlist are passed as
// arguments or come from the setting, so no dialog opens; the wordlist is a temporary file.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CrackSecretOutcome } from '../../src/extension/commands/crack';
import { activateExtension } from './helpers';

function signHs256(secret: string): string {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const payload = Buffer.from('{"sub":"user-42","iss":"https://issuer.example.test/"}').toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function crack(args: Record<string, unknown>): Thenable<CrackSecretOutcome | undefined> {
  return vscode.commands.executeCommand<CrackSecretOutcome | undefined>('jwtLens.crackSecret', args);
}

describe('Crack HMAC Secret command', function () {
  this.timeout(60_000);

  let directory: string;
  let wordlist: string;

  before(async () => {
    await activateExtension();
    directory = mkdtempSync(join(tmpdir(), 'jwt-lens-crack-it-'));
    wordlist = join(directory, 'words.txt');
    const lines = Array.from({ length: 20_000 }, (_, i) => `candidate-${i}`);
    writeFileSync(wordlist, `${lines.join('\r\n')}\r\nsupersecret\r\n`);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('jwtLens').update('crack.wordlist', undefined, vscode.ConfigurationTarget.Global);
    rmSync(directory, { recursive: true, force: true });
  });

  it('finds the secret from arguments', async () => {
    const outcome = await crack({ token: signHs256('supersecret'), wordlist });
    assert.ok(outcome, 'the command returned nothing');
    assert.equal(outcome.secret, 'supersecret');
    assert.ok(outcome.tried > 0);
    assert.ok(outcome.tried <= 20_001);
  });

  it('reports not found with the count', async () => {
    const outcome = await crack({ token: signHs256('not-in-the-list'), wordlist, threads: 1 });
    assert.deepEqual(outcome, { secret: null, tried: 20_001 });
  });

  it('reads the wordlist setting', async () => {
    await vscode.workspace.getConfiguration('jwtLens').update('crack.wordlist', wordlist, vscode.ConfigurationTarget.Global);
    const outcome = await crack({ token: signHs256('candidate-19999') });
    assert.equal(outcome?.secret, 'candidate-19999');
  });

  it('returns nothing for an RS256 token', async () => {
    const header = Buffer.from('{"alg":"RS256"}').toString('base64url');
    const outcome = await crack({ token: `${header}.e30.c2lnbmF0dXJl`, wordlist });
    assert.equal(outcome, undefined);
  });
});
