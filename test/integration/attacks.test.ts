// The Generate Negative Test Set command inside a real VS Code, run with argument objects so no
// dialog opens. Every written case must fail a strict jose verifier that accepts the source token.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSPKI, jwtVerify } from 'jose';
import * as vscode from 'vscode';
import type { NegativeTestSet } from '../../src/core/attacks/negativeTests';
import type { GenerateNegativeTestsOutcome } from '../../src/extension/commands/attacks';
import { activateExtension, CASE_NOW } from './helpers';

const ISSUER = 'https://issuer.example.test/';
const AUDIENCE = 'https://api.example.test/';
const CLAIMS = { sub: 'user-42', iss: ISSUER, aud: AUDIENCE, iat: CASE_NOW, exp: CASE_NOW + 600 };

function generateTests(args: Record<string, unknown>): Thenable<GenerateNegativeTestsOutcome | undefined> {
  return vscode.commands.executeCommand<GenerateNegativeTestsOutcome | undefined>('jwtLens.generateNegativeTests', args);
}

describe('Generate Negative Test Set command', function () {
  this.timeout(60_000);
  let folder: string;
  let token: string;

  before(async () => {
    await activateExtension();
    folder = mkdtempSync(join(tmpdir(), 'jwt-lens-attacks-'));
    await vscode.commands.executeCommand('jwtLens.generateKeyPair', { type: 'EC', folder, name: 'source' });
    const signed = await vscode.commands.executeCommand<string | undefined>('jwtLens.signTestToken', {
      keyFile: join(folder, 'source.private.pem'),
      claims: CLAIMS,
      header: { typ: 'JWT', kid: 'source-key' },
      target: 'return',
    });
    assert.ok(signed, 'signing the source token failed');
    token = signed;
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes a set every case of which fails', async () => {
    const out = join(folder, 'negative.json');
    const outcome = await generateTests({ token, keyFile: join(folder, 'source.private.pem'), out, open: false });
    assert.ok(outcome, 'the command returned nothing');
    assert.equal(outcome.path, out);

    const set = JSON.parse(readFileSync(out, 'utf8')) as NegativeTestSet;
    assert.equal(set.version, 1);
    assert.deepEqual(set.source, { alg: 'ES256', kid: 'source-key' });
    assert.equal(set.cases.length, 18);

    const publicKey = await importSPKI(readFileSync(join(folder, 'source.public.pem'), 'utf8'), 'ES256');
    const strict = { algorithms: ['ES256'], issuer: ISSUER, audience: AUDIENCE, currentDate: new Date(CASE_NOW * 1000) };
    await jwtVerify(token, publicKey, strict);
    for (const entry of set.cases) {
      await assert.rejects(jwtVerify(entry.token, publicKey, strict), Error, entry.id);
    }
  });

  it('overwrite false keeps the file', async () => {
    const out = join(folder, 'existing.json');
    writeFileSync(out, '{"keep":true}\n');
    const outcome = await generateTests({ token, keyFile: join(folder, 'source.public.pem'), out, overwrite: false, open: false });
    assert.equal(outcome, undefined);
    assert.equal(readFileSync(out, 'utf8'), '{"keep":true}\n');
  });

  it('a wrong key writes nothing', async () => {
    const out = join(folder, 'wrong.json');
    const outcome = await generateTests({ token, secret: 'not-the-key', out, open: false });
    assert.equal(outcome, undefined);
    assert.equal(existsSync(out), false);
  });
});
