// The JWT Lens panel inside a real VS Code: the command, the webview's security settings, the typed
// message round trip (verify, re-sign, insert) and hostile tokens. The tests talk to the host side
// through the controller that `jwtLens.openPanel` returns.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { compactVerify, decodeProtectedHeader, importSPKI, SignJWT } from 'jose';
import * as vscode from 'vscode';

import type { PanelController } from '../../src/extension/panel/panelController';
import type { HostMessage, PanelView } from '../../src/extension/panel/protocol';

const NOW = 1767225600;
const SECRET = 'panel-test-secret-0123456789abcdef';
const ENTERED_SECRET_LABEL = 'HMAC secret entered in the panel';

let extensionPath: string;
let sessionKeyLabels: () => string[] = () => [];

async function hs256(payload: Record<string, unknown>, header: Record<string, unknown> = {}, secret = SECRET): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header })
    .sign(new TextEncoder().encode(secret));
}

async function openPanel(args: Record<string, unknown> | undefined): Promise<PanelController> {
  const controller = await vscode.commands.executeCommand<PanelController | undefined>('jwtLens.openPanel', args);
  assert.ok(controller, 'jwtLens.openPanel returned no panel controller');
  return controller;
}

/** Runs `action` and resolves with the first host message of `type` posted after it started. */
async function nextMessage<T extends HostMessage['type']>(
  controller: PanelController,
  type: T,
  action: () => unknown,
  timeoutMs = 10_000,
): Promise<Extract<HostMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no ${type} message within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = controller.onDidPostMessage((message) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(message as Extract<HostMessage, { type: T }>);
    });
    Promise.resolve(action()).catch(reject);
  });
}

/** Polls `probe` until it returns a value, for up to 10 s. */
async function waitFor<T>(probe: () => T | undefined): Promise<T | undefined> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

/** Collects the host messages posted while `action` runs; `receiveMessage` resolves once handled. */
async function postedDuring(controller: PanelController, action: () => Promise<void>): Promise<HostMessage[]> {
  const posted: HostMessage[] = [];
  const subscription = controller.onDidPostMessage((message) => posted.push(message));
  try {
    await action();
  } finally {
    subscription.dispose();
  }
  return posted;
}

/** Waits for the real webview's `ready`, then requests the view again so the test receives it. */
async function render(controller: PanelController): Promise<PanelView> {
  await Promise.race([
    controller.whenReady,
    new Promise((_, reject) => setTimeout(() => reject(new Error('the webview never sent ready')), 30_000)),
  ]);
  const message = await nextMessage(controller, 'render', () => controller.receiveMessage({ type: 'ready' }));
  return message.view;
}

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the panel HTML has no CSP meta tag');
  return match[1];
}

describe('JWT Lens panel', function () {
  this.timeout(60_000);
  const opened: PanelController[] = [];

  before(async () => {
    const extension = vscode.extensions.all.find((candidate) => (candidate.packageJSON as { name?: string }).name === 'jwt-lens');
    assert.ok(extension, 'the JWT Lens extension is not installed in this host');
    const api = (await extension.activate()) as
      | { services?: { setClock?(clock: () => number): void; keys?: { list(): ReadonlyArray<{ label: string }> } } }
      | undefined;
    api?.services?.setClock?.(() => NOW);
    const keys = api?.services?.keys;
    assert.ok(keys, 'the extension API exposes no session key store');
    sessionKeyLabels = () => keys.list().map((key) => key.label);
    extensionPath = extension.extensionPath;
  });

  afterEach(async () => {
    for (const controller of opened.splice(0)) {
      // Disposing a webview the workbench has not laid out yet makes it log an error, so wait briefly.
      await Promise.race([controller.whenReady, new Promise((resolve) => setTimeout(resolve, 3000))]);
      controller.dispose();
    }
  });

  async function open(args: Record<string, unknown>): Promise<PanelController> {
    const controller = await openPanel(args);
    opened.push(controller);
    return controller;
  }

  it('opens a webview tab for the token', async () => {
    const token = await hs256({ sub: 'tab-test', iat: NOW, exp: NOW + 3600 });
    await open({ token });

    const panelTab = await waitFor(() =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('jwtLens.panel')),
    );
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    assert.ok(panelTab, `no JWT Lens webview tab among: ${tabs.map((tab) => tab.label).join(', ')}`);
    assert.equal(panelTab.label, 'JWT Lens: HS256 tab-test');
  });

  it('takes the token under the cursor without arguments', async () => {
    const token = await hs256({ sub: 'cursor-test' });
    const document = await vscode.workspace.openTextDocument({ content: `first line\ntoken=${token} trailing\n` });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 12, 1, 12);

    const controller = await openPanel(undefined);
    opened.push(controller);
    assert.equal(controller.currentToken, token);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('loads the webview script under the CSP', async () => {
    const token = await hs256({ sub: 'ready-test', iat: NOW, exp: NOW + 3600 });
    const controller = await open({ token });

    // The real webview sends `ready` only when its nonce-tagged script ran.
    await Promise.race([
      controller.whenReady,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the webview never sent ready')), 30_000)),
    ]);
  });

  it('sets a strict CSP with a fresh nonce per panel', async () => {
    // One panel is reused while it is open, so the second panel opens after the first is closed.
    const checkCsp = (controller: PanelController): void => {
      const html = controller.panel.webview.html;
      const csp = cspOf(html);
      const cspSource = controller.panel.webview.cspSource;
      assert.equal(
        csp,
        `default-src 'none'; style-src ${cspSource}; script-src 'nonce-${controller.nonce}'; img-src ${cspSource} data:; font-src ${cspSource};`,
      );
      assert.match(controller.nonce, /^[A-Za-z0-9+/]{22}==$/);

      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.equal(scripts.length, 1);
      for (const script of scripts) assert.ok(script.includes(`nonce="${controller.nonce}"`), script);
      assert.doesNotMatch(html, /<script\b[^>]*>[^<\s]/, 'an inline script body');
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'an inline event handler');
    };

    const first = await open({ token: await hs256({ sub: 'first' }) });
    checkCsp(first);
    await Promise.race([first.whenReady, new Promise((resolve) => setTimeout(resolve, 3000))]);
    first.dispose();
    const second = await open({ token: await hs256({ sub: 'second' }) });
    assert.notEqual(second, first);
    checkCsp(second);
    assert.notEqual(first.nonce, second.nonce);
  });

  it('limits local resources to media/', async () => {
    const controller = await open({ token: await hs256({ sub: 'roots' }) });
    const options = controller.panel.webview.options;

    assert.equal(options.enableScripts, true);
    const roots = options.localResourceRoots ?? [];
    assert.equal(roots.length, 1);
    assert.equal(roots[0].path, vscode.Uri.joinPath(vscode.Uri.file(extensionPath), 'media').path);
    assert.equal((controller.panel.options as { retainContextWhenHidden?: boolean }).retainContextWhenHidden, undefined);
  });

  it('renders the decoded token on ready', async () => {
    const token = await hs256({ iss: 'https://issuer.example.test/', sub: 'user-42', iat: NOW, exp: NOW + 3600 });
    const view = await render(await open({ token }));

    assert.equal(view.token, token);
    assert.deepEqual(view.segments.map((segment) => segment.role), ['header', 'payload', 'signature']);
    assert.deepEqual(view.segments.map((segment) => segment.text), token.split('.'));
    assert.match(view.headerText ?? '', /"alg": "HS256"/);
    const exp = view.claims.find((claim) => claim.name === 'exp');
    assert.deepEqual(exp?.time, { iso: '2026-01-01T01:00:00Z', relative: 'in 1 h' });
    assert.equal(view.verification.status, 'unverified');
    assert.deepEqual(view.secretAlgorithms, ['HS256', 'HS384', 'HS512']);
  });

  it('verifies with an entered secret and names it', async () => {
    const token = await hs256({ sub: 'verify-test', iat: NOW, exp: NOW + 3600 });
    const controller = await open({ token });
    await render(controller);

    const result = await nextMessage(controller, 'verificationResult', () =>
      controller.receiveMessage({ type: 'verify', key: { source: 'secret', secret: SECRET, remember: false } }),
    );
    assert.equal(result.verification.status, 'verified');
    assert.equal(result.verification.verifiedBy, ENTERED_SECRET_LABEL);
    assert.equal(result.keyLabel, ENTERED_SECRET_LABEL);
    assert.ok(!JSON.stringify(result).includes(SECRET), 'the result message contains the secret');
    // The editor's diagnostics and hovers verify with the session keys, so they see the secret too.
    assert.ok(sessionKeyLabels().includes(ENTERED_SECRET_LABEL), sessionKeyLabels().join(', '));
  });

  it('reports a wrong secret as invalid', async () => {
    const token = await hs256({ sub: 'wrong-secret', iat: NOW, exp: NOW + 3600 });
    const controller = await open({ token });
    await render(controller);

    const result = await nextMessage(controller, 'verificationResult', () =>
      controller.receiveMessage({ type: 'verify', key: { source: 'secret', secret: 'not-the-secret-0123456789abcdef', remember: false } }),
    );
    assert.equal(result.verification.status, 'invalid');
    assert.equal(result.verification.verifiedBy, null);
  });

  it('remembers and forgets a stored secret', async () => {
    const token = await hs256({ iss: 'https://stored.example.test/', sub: 'stored', iat: NOW, exp: NOW + 3600 });
    const controller = await open({ token });
    await render(controller);

    // A verified secret joins the session keys, so the panel also posts a fresh render; only the replies are checked.
    const isReply = (message: HostMessage): boolean => message.type !== 'render';
    const remembered = (await postedDuring(controller, () =>
      controller.receiveMessage({ type: 'verify', key: { source: 'secret', secret: SECRET, remember: true } }),
    )).filter(isReply);
    assert.deepEqual(remembered.map((message) => message.type), ['keysChanged', 'verificationResult']);
    const keysChanged = remembered[0] as Extract<HostMessage, { type: 'keysChanged' }>;
    assert.equal(keysChanged.hasStoredSecret, true);
    assert.deepEqual(keysChanged.keys.map((key) => key.source), ['stored-secret']);
    assert.ok(!JSON.stringify(remembered).includes(SECRET), 'a message contains the secret');

    const stored = await nextMessage(controller, 'verificationResult', () =>
      controller.receiveMessage({ type: 'verify', key: { source: 'stored-secret' } }),
    );
    assert.equal(stored.verification.status, 'verified');
    assert.equal(stored.verification.verifiedBy, 'stored HMAC secret for issuer "https://stored.example.test/"');

    const forgotten = (await postedDuring(controller, () => controller.receiveMessage({ type: 'forgetStoredSecret' }))).filter(isReply);
    assert.deepEqual(forgotten, [
      { type: 'keysChanged', keys: [], hasStoredSecret: false },
      { type: 'notice', level: 'info', message: 'The stored HMAC secret was deleted.' },
    ]);
    const missing = (await postedDuring(controller, () =>
      controller.receiveMessage({ type: 'verify', key: { source: 'stored-secret' } }),
    )).filter(isReply);
    assert.deepEqual(missing, [{ type: 'notice', level: 'error', message: "No HMAC secret is stored for this token's issuer." }]);
  });

  it('verifies and re-signs with key files', async () => {
    const keys = path.join(extensionPath, 'test/fixtures/cases/keys');
    const legit = /const legit = "([^"]+)"/.exec(readFileSync(path.join(extensionPath, 'test/fixtures/cases/case-15.ts'), 'utf8'))![1];
    const controller = await open({ token: legit });
    await render(controller);

    const publicKey = await controller.addKeyFile(path.join(keys, 'rsa-test-public.pem'));
    assert.deepEqual(publicKey.algorithms, []);
    const result = await nextMessage(controller, 'verificationResult', () =>
      controller.receiveMessage({ type: 'verify', key: { source: 'key-file', label: publicKey.label } }),
    );
    assert.equal(result.verification.status, 'verified');
    assert.equal(result.verification.verifiedBy, publicKey.label);

    const privateKey = await controller.addKeyFile(path.join(keys, 'rsa-test-private.pem'));
    assert.ok(privateKey.algorithms.includes('PS256'), privateKey.algorithms.join(', '));
    const resigned = await nextMessage(controller, 'resignResult', () =>
      controller.receiveMessage({
        type: 'resign',
        header: '{"alg":"RS256","typ":"JWT","kid":"rsa-key-1"}',
        payload: '{"sub":"user-42","role":"auditor"}',
        alg: 'PS256',
        key: { source: 'key-file', label: privateKey.label },
      }),
    );
    assert.ok(resigned.ok, JSON.stringify(resigned));
    const spki = await importSPKI(readFileSync(path.join(keys, 'rsa-test-public.pem'), 'utf8'), 'PS256');
    const verified = await compactVerify(resigned.token, spki);
    assert.equal(verified.protectedHeader.alg, 'PS256');
    assert.deepEqual(JSON.parse(new TextDecoder().decode(verified.payload)), { sub: 'user-42', role: 'auditor' });
  });

  it('re-signs edited claims into a token that verifies', async () => {
    const token = await hs256({ sub: 'before', iat: NOW, exp: NOW + 3600 });
    const controller = await open({ token });
    await render(controller);

    const result = await nextMessage(controller, 'resignResult', () =>
      controller.receiveMessage({
        type: 'resign',
        header: '{"alg":"HS256","typ":"JWT"}',
        payload: '{"sub":"after","admin":true}',
        alg: 'HS384',
        key: { source: 'secret', secret: SECRET, remember: false },
      }),
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.alg, 'HS384');
    assert.equal(result.keyLabel, ENTERED_SECRET_LABEL);

    const verified = await compactVerify(result.token, new TextEncoder().encode(SECRET));
    assert.equal(verified.protectedHeader.alg, 'HS384');
    assert.deepEqual(JSON.parse(new TextDecoder().decode(verified.payload)), { sub: 'after', admin: true });

    // The new token also verifies through the panel itself.
    const shown = await nextMessage(controller, 'render', () => controller.receiveMessage({ type: 'useToken', token: result.token, target: 'panel' }));
    assert.equal(shown.view.token, result.token);
    const check = await nextMessage(controller, 'verificationResult', () =>
      controller.receiveMessage({ type: 'verify', key: { source: 'secret', secret: SECRET, remember: false } }),
    );
    assert.equal(check.verification.status, 'verified');
  });

  it('copies a token through the host', async () => {
    const token = await hs256({ sub: 'copy' });
    const controller = await open({ token });
    await render(controller);

    const posted = await postedDuring(controller, () => controller.receiveMessage({ type: 'useToken', token, target: 'copy' }));
    assert.deepEqual(posted, [{ type: 'notice', level: 'info', message: 'Copied the token to the clipboard.' }]);
    assert.equal(await vscode.env.clipboard.readText(), token);
  });

  it('opens a token in a new editor', async () => {
    const token = await hs256({ sub: 'fresh' });
    const controller = await open({ token });
    await render(controller);

    await controller.receiveMessage({ type: 'useToken', token, target: 'document' });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.getText(), token);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reports invalid JSON and mismatched algorithms on re-sign', async () => {
    const controller = await open({ token: await hs256({ sub: 'bad-json' }) });
    await render(controller);
    const key = { source: 'secret', secret: SECRET, remember: false };

    const badHeader = await nextMessage(controller, 'resignResult', () =>
      controller.receiveMessage({ type: 'resign', header: '{"alg":', payload: '{}', alg: 'HS256', key }),
    );
    assert.equal(badHeader.ok, false);
    if (!badHeader.ok) assert.match(badHeader.error, /^Header is not valid JSON: /);

    const arrayClaims = await nextMessage(controller, 'resignResult', () =>
      controller.receiveMessage({ type: 'resign', header: '{}', payload: '[1,2]', alg: 'HS256', key }),
    );
    assert.deepEqual(arrayClaims, { type: 'resignResult', ok: false, error: 'Claims must be a JSON object.' });

    const wrongAlg = await nextMessage(controller, 'resignResult', () =>
      controller.receiveMessage({ type: 'resign', header: '{}', payload: '{}', alg: 'RS256', key }),
    );
    assert.equal(wrongAlg.ok, false);
    if (!wrongAlg.ok) assert.match(wrongAlg.error, /RS256/);
  });

  it('ignores malformed messages', async () => {
    const controller = await open({ token: await hs256({ sub: 'malformed' }) });
    await render(controller);

    const malformed: unknown[] = [
      null,
      42,
      'verify',
      { type: 'eval', code: 'process.exit(1)' },
      { type: 'verify', key: { source: 'file', path: '/etc/passwd' } },
      { type: 'verify', key: { source: 'secret', secret: 12, remember: false } },
      { type: 'resign', header: '{}', payload: '{}', alg: 'HS256"', key: { source: 'stored-secret' } },
      { type: 'useToken', token: 'a.b.c\nrm -rf ~', target: 'insert' },
      { type: 'useToken', token: 'a.b.c', target: 'terminal' },
      { type: 'openRuleDocs', rule: '../../../etc/passwd' },
    ];
    const posted = await postedDuring(controller, async () => {
      for (const message of malformed) await controller.receiveMessage(message);
      await new Promise((resolve) => setTimeout(resolve, 200));
    });

    assert.deepEqual(posted, []);
    // The panel still handles valid messages afterwards.
    const view = await render(controller);
    assert.equal(view.claims.find((claim) => claim.name === 'sub')?.value, '"malformed"');
  });

  it('opens the docs of a finding\'s rule', async () => {
    const controller = await open({ token: await hs256({ sub: 'docs' }) });
    await render(controller);

    await controller.receiveMessage({ type: 'openRuleDocs', rule: 'alg-none' });
    const preview = await waitFor(() =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label.includes('rules.md')),
    );
    assert.ok(preview, 'no preview of docs/rules.md opened');
    await vscode.window.tabGroups.close(preview);

    const unknown = await postedDuring(controller, () => controller.receiveMessage({ type: 'openRuleDocs', rule: 'no-such-rule' }));
    assert.deepEqual(unknown, [{ type: 'notice', level: 'error', message: 'There is no rule no-such-rule.' }]);
  });

  it('shows the inner token of a nested JWT', async () => {
    const inner = await hs256({ sub: 'inner', iat: NOW });
    const outer = await hs256({}, { cty: 'JWT' });
    const nested = `${outer.split('.')[0]}.${Buffer.from(inner).toString('base64url')}.${outer.split('.')[2]}`;
    const controller = await open({ token: nested });
    const view = await render(controller);
    assert.equal(view.nestedToken, inner);

    const shown = await nextMessage(controller, 'render', () => controller.receiveMessage({ type: 'useToken', token: inner, target: 'panel' }));
    assert.equal(shown.view.token, inner);
    assert.equal(shown.view.claims.find((claim) => claim.name === 'sub')?.value, '"inner"');
  });

  it('replaces the original token in an unchanged editor', async () => {
    const token = await hs256({ sub: 'insert-test', iat: NOW, exp: NOW + 3600 });
    const document = await vscode.workspace.openTextDocument({ content: `Authorization: Bearer ${token}\n` });
    await vscode.window.showTextDocument(document);
    const range = new vscode.Range(0, 22, 0, 22 + token.length);
    const controller = await open({ token, uri: document.uri.toString(), range: { start: range.start, end: range.end } });
    await render(controller);

    const result = await nextMessage(controller, 'resignResult', () =>
      controller.receiveMessage({
        type: 'resign',
        header: '{"alg":"HS256","typ":"JWT"}',
        payload: '{"sub":"inserted"}',
        alg: 'HS256',
        key: { source: 'secret', secret: SECRET, remember: false },
      }),
    );
    assert.ok(result.ok);

    const notice = await nextMessage(controller, 'notice', () =>
      controller.receiveMessage({ type: 'useToken', token: result.token, target: 'insert' }),
    );
    assert.equal(notice.message, 'Replaced the original token in the editor.');
    assert.equal(document.getText(), `Authorization: Bearer ${result.token}\n`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('inserts at the cursor when the editor changed', async () => {
    const token = await hs256({ sub: 'changed-doc' });
    const document = await vscode.workspace.openTextDocument({ content: `${token}\n` });
    const editor = await vscode.window.showTextDocument(document);
    const controller = await open({ token, uri: document.uri.toString(), range: [{ line: 0, character: 0 }, { line: 0, character: token.length }] });
    await render(controller);

    await editor.edit((builder) => builder.insert(new vscode.Position(1, 0), 'edited\n'));
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const notice = await nextMessage(controller, 'notice', () => controller.receiveMessage({ type: 'useToken', token: 'x.y.z', target: 'insert' }));
    assert.equal(notice.message, 'Inserted the token at the cursor.');
    assert.equal(document.getText(), `${token}\nedited\nx.y.z`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  describe('hostile tokens', () => {
    const hostileStrings = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click me](command:workbench.action.terminal.new)',
      'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%22%7D',
      '"><svg onload=alert(1)>',
      'admin\u202Enimda\u200B\u2066x\u2069\uFEFF',
    ];

    it('opens tokens whose claims and header carry markup', async () => {
      const payload: Record<string, unknown> = { sub: hostileStrings[0], iat: NOW, exp: 1e50 };
      hostileStrings.forEach((value, index) => {
        payload[`claim${index}`] = value;
        payload[value] = index;
      });
      const token = await hs256(payload, { kid: hostileStrings[1], x5u: hostileStrings[3], note: hostileStrings[5] });
      const controller = await open({ token });
      const view = await render(controller);

      const html = controller.panel.webview.html;
      assert.ok(!html.includes(token), 'the HTML contains the token');
      for (const value of hostileStrings) {
        assert.ok(!html.includes(value), `the HTML contains ${JSON.stringify(value)}`);
        // The data reaches the webview only inside the render message, as plain strings.
        assert.ok(view.claims.some((claim) => claim.name === value), `claim named ${JSON.stringify(value)} is missing`);
        assert.ok(view.claims.some((claim) => claim.value === JSON.stringify(value)), `claim value ${JSON.stringify(value)} is missing`);
      }
      assert.ok(view.headerText?.includes(JSON.stringify(hostileStrings[1])), view.headerText ?? 'no header text');
      assert.equal(view.claims.find((claim) => claim.name === 'exp')?.time?.iso, '1e+50 (not a representable date)');
    });

    it('opens a 100 kB token', async () => {
      const token = await hs256({ sub: 'big', blob: 'A'.repeat(100_000), iat: NOW });
      assert.ok(token.length > 100_000);
      const controller = await open({ token });
      const view = await render(controller);

      assert.equal(view.token.length, token.length);
      assert.ok(!controller.panel.webview.html.includes(token.slice(0, 64)));
      const blob = view.claims.find((claim) => claim.name === 'blob');
      assert.ok(blob, 'the blob claim is missing');
    assert.ok(blob.value.length < 3000, 'the table value is not shortened');
    });

    it('opens tokens that do not decode', async () => {
      for (const token of ['e30.e30', 'not.a.token', '..', `${'x'.repeat(10)}.${'<b>'.repeat(5)}.y`]) {
        const controller = await open({ token });
        const view = await render(controller);
        assert.equal(view.token, token);
        assert.ok(view.findings.length > 0, `no finding for ${token}`);
        assert.ok(!controller.panel.webview.html.includes('<b><b>'));
      }
    });

    it('decodes JWE segments without a payload', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
      const token = `${header}..AAAAAAAAAAAAAAAA.YWJj.AAAAAAAAAAAAAAAAAAAAAA`;
      const view = await render(await open({ token }));

      assert.equal(view.kind, 'jwe');
      assert.deepEqual(view.segments.map((segment) => segment.role), ['header', 'encrypted-key', 'iv', 'ciphertext', 'tag']);
      assert.equal(view.payloadText, null);
      assert.equal(decodeProtectedHeader(token).enc, 'A256GCM');
    });
  });
});
