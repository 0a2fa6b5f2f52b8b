// Session keys and the panel inside a real VS Code. A key entered for one token applies to that
// token and its issuer only. The panel shows the same findings and verification as the diagnostics
// of the document a token came from, also after the session keys change.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { SignJWT } from 'jose';
import * as vscode from 'vscode';

import type { PanelController } from '../../src/extension/panel/panelController';
import type { PanelView } from '../../src/extension/panel/protocol';
import { activateExtension, jwtDiagnostics, jwtHover, ruleOf, settle, unescapeMarkdown, waitFor, workspaceUri } from './helpers';

const NOW = 1767225600;
const SECRET_A = 'issuer-a-secret-0123456789abcdef-0123';
const SECRET_B = 'issuer-b-secret-0123456789abcdef-0123';

async function hs(alg: string, claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

function unsecured(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

/** Opens an untitled document with `lines` and waits for its diagnostics. */
async function openLines(lines: string[]): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ content: `${lines.join('\n')}\n` });
  await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  await settle(document.uri);
  return document;
}

function rangeOf(document: vscode.TextDocument, token: string): vscode.Range {
  const start = document.getText().indexOf(token);
  assert.ok(start >= 0, 'the token is not in the document');
  return new vscode.Range(document.positionAt(start), document.positionAt(start + token.length));
}

/** JWT Lens rule ids on the line of `token`. */
function rulesOn(document: vscode.TextDocument, token: string): string[] {
  const line = rangeOf(document, token).start.line;
  return jwtDiagnostics(document.uri).filter((diagnostic) => diagnostic.range.start.line === line).map((diagnostic) => ruleOf(diagnostic) ?? '').sort();
}

async function openPanel(args: Record<string, unknown>): Promise<PanelController> {
  const controller = await vscode.commands.executeCommand<PanelController | undefined>('jwtLens.openPanel', args);
  assert.ok(controller, 'jwtLens.openPanel returned no panel controller');
  await Promise.race([controller.whenReady, new Promise((_, reject) => setTimeout(() => reject(new Error('the webview never sent ready')), 30_000))]);
  return controller;
}

/** Resolves with the first rendered view that satisfies `accept`, posted while or after `action` runs. */
function renderWhere(controller: PanelController, accept: (view: PanelView) => boolean, action: () => unknown): Promise<PanelView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error('no matching render within 15 s'));
    }, 15_000);
    const subscription = controller.onDidPostMessage((message) => {
      if (message.type !== 'render' || !accept(message.view)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(message.view);
    });
    Promise.resolve(action()).catch(reject);
  });
}

async function clearSessionKeys(): Promise<void> {
  const api = await activateExtension();
  api.services.setClock(() => NOW);
  api.services.keys.clear();
}

async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Session key scope', function () {
  this.timeout(60_000);

  beforeEach(clearSessionKeys);
  afterEach(async () => {
    await clearSessionKeys();
    await closeEditors();
  });

  it('panel secret leaves other issuers unverified', async () => {
    const entered = await hs('HS256', { iss: 'https://a.example.test/', sub: 'a-1', iat: NOW, exp: NOW + 3600 }, SECRET_A);
    const sameIssuerForged = await hs('HS256', { iss: 'https://a.example.test/', sub: 'admin', iat: NOW, exp: NOW + 3600 }, SECRET_B);
    const otherIssuer = await hs('HS512', { iss: 'https://b.example.test/', sub: 'b-1', iat: NOW, exp: NOW + 3600 }, SECRET_B);
    const weak = await hs('HS256', { iss: 'https://c.example.test/', sub: 'c-1', iat: NOW, exp: NOW + 3600 }, 'secret');
    const document = await openLines([`a=${entered}`, `forged=${sameIssuerForged}`, `b=${otherIssuer}`, `weak=${weak}`]);

    const controller = await openPanel({ token: entered });
    const result = await new Promise<string>((resolve) => {
      const subscription = controller.onDidPostMessage((message) => {
        if (message.type !== 'verificationResult') return;
        subscription.dispose();
        resolve(message.verification.status);
      });
      void controller.receiveMessage({ type: 'verify', key: { source: 'secret', secret: SECRET_A, remember: false } });
    });
    assert.equal(result, 'verified');

    const forgedRules = await waitFor('signature-invalid on the forged same-issuer token', () => {
      const rules = rulesOn(document, sameIssuerForged);
      return rules.includes('signature-invalid') ? rules : undefined;
    });
    assert.ok(forgedRules.includes('signature-invalid'));
    await settle(document.uri);
    assert.deepEqual(rulesOn(document, entered), []);
    assert.ok(!rulesOn(document, otherIssuer).includes('signature-invalid'), rulesOn(document, otherIssuer).join(', '));
    assert.deepEqual(rulesOn(document, weak).filter((rule) => rule === 'signature-invalid' || rule === 'weak-secret'), ['weak-secret']);
  });

  it('key file from Verify Token is scoped', async () => {
    const caseText = readFileSync(workspaceUri('cases', 'case-15.ts').fsPath, 'utf8');
    const [legit] = caseText.match(/eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*/g) ?? [];
    assert.ok(legit, 'case-15 has no token');
    const [header, , signature] = legit.split('.');
    const otherClaims = Buffer.from(JSON.stringify({ iss: 'https://other.example.test/', sub: 'x', iat: NOW, exp: NOW + 3600 })).toString('base64url');
    const otherIssuer = `${header}.${otherClaims}.${signature}`;
    const document = await openLines([`legit=${legit}`, `other=${otherIssuer}`]);

    await vscode.commands.executeCommand('jwtLens.verifyToken', { token: legit, keyFile: 'keys/rsa-test-public.pem' });
    const api = await activateExtension();
    assert.ok(api.services.keys.list().some((key) => key.appliesTo?.iss === 'https://issuer.example.test/'), 'the key file was stored without its scope');
    await settle(document.uri);
    assert.ok(!rulesOn(document, otherIssuer).includes('signature-invalid'), rulesOn(document, otherIssuer).join(', '));
  });
});

describe('Panel agrees with diagnostics', function () {
  this.timeout(60_000);

  beforeEach(clearSessionKeys);
  afterEach(async () => {
    await clearSessionKeys();
    await closeEditors();
  });

  it('shows a tampered token invalid after Verify Token', async () => {
    const caseText = readFileSync(workspaceUri('cases', 'case-15.ts').fsPath, 'utf8');
    const [legit] = caseText.match(/eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*/g) ?? [];
    assert.ok(legit, 'case-15 has no token');
    const [header, payload, signature] = legit.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${signature}`;
    const document = await openLines([`token=${tampered}`]);

    const controller = await openPanel({ token: tampered, uri: document.uri.toString(), range: rangeOf(document, tampered) });
    const invalid = await renderWhere(
      controller,
      (view) => view.verification.status === 'invalid',
      () => vscode.commands.executeCommand('jwtLens.verifyToken', { token: tampered, uri: document.uri.toString(), keyFile: 'keys/rsa-test-public.pem' }),
    );
    assert.equal(invalid.verification.reason, 'The RS256 signature does not match keys/rsa-test-public.pem.');
    assert.ok(invalid.findings.some((finding) => finding.rule === 'signature-invalid'));
    await settle(document.uri);
    assert.ok(rulesOn(document, tampered).includes('signature-invalid'));

    const reopened = await renderWhere(
      controller,
      (view) => view.token === tampered,
      () => vscode.commands.executeCommand('jwtLens.openPanel', { token: tampered, uri: document.uri.toString(), range: rangeOf(document, tampered) }),
    );
    assert.equal(reopened.verification.status, 'invalid');
    controller.dispose();
  });

  it('applies the line suppression of the document', async () => {
    const token = unsecured({ iss: 'https://a.example.test/', sub: 'quiet', iat: NOW, exp: NOW + 3600 });
    const document = await openLines(['# jwt-lens-ignore-next-line alg-none', token]);
    assert.ok(!rulesOn(document, token).includes('alg-none'));

    const controller = await openPanel({ token, uri: document.uri.toString(), range: rangeOf(document, token) });
    const view = await renderWhere(controller, () => true, () => controller.receiveMessage({ type: 'ready' }));
    assert.deepEqual(view.findings.map((finding) => finding.rule).sort(), rulesOn(document, token));
    assert.ok(!view.findings.some((finding) => finding.rule === 'alg-none'));
    assert.equal(view.kindLabel, 'JWS (unsecured, alg none)');
    controller.dispose();

    const hover = await jwtHover(document.uri, rangeOf(document, token).start.translate(0, 5));
    assert.ok(hover, 'no JWT Lens hover on the token');
    assert.equal(unescapeMarkdown(hover.value.split('\n')[0]), '**JSON Web Token**: JWS (unsecured, alg none), typ JWT');
    assert.doesNotMatch(hover.value, /alg-none/);
  });

  it('reuses one panel with a telling title', async () => {
    const first = await hs('HS256', { sub: 'user-1', iat: NOW, exp: NOW + 3600 }, SECRET_A);
    const second = await hs('HS512', { sub: 'user-2', iat: NOW, exp: NOW + 3600 }, SECRET_A);

    const controller = await openPanel({ token: first });
    assert.equal(controller.panel.title, 'JWT Lens: HS256 user-1');
    const again = await vscode.commands.executeCommand<PanelController>('jwtLens.openPanel', { token: second });
    assert.equal(again, controller);
    assert.equal(controller.currentToken, second);
    assert.equal(controller.panel.title, 'JWT Lens: HS512 user-2');

    const panelTabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('jwtLens.panel'));
    assert.equal(panelTabs.length, 1, panelTabs.map((tab) => tab.label).join(', '));
    controller.dispose();
  });
});
