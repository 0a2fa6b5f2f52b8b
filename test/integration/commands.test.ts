// The decode and copy commands, the log command and the status bar item inside a real VS Code.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, C03_A_CLAIMS, openFixture, waitFor } from './helpers';

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('JWT Lens'));
}

async function closePanels(): Promise<void> {
  await vscode.window.tabGroups.close(panelTabs());
}

describe('commands', () => {
  before(async () => {
    await activateExtension();
  });

  it('copies the decoded claims exactly (C03 A)', async () => {
    const token = (await openFixture('cases', 'case-03.txt')).lineAt(1).text;
    await vscode.commands.executeCommand('jwtLens.copyDecodedClaims', { token });
    assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), C03_A_CLAIMS);
  });

  it('copies claims nested 20 000 levels deep', async () => {
    const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
    const claims = `{"sub":"deep","x":${'['.repeat(20000)}${']'.repeat(20000)}}`;
    const token = `${header}.${Buffer.from(claims).toString('base64url')}.c2ln`;
    await vscode.commands.executeCommand('jwtLens.copyDecodedClaims', { token });
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied.replace(/\s/g, ''), claims);
  });

  it('copies the header under the cursor', async () => {
    const document = await openFixture('cases', 'case-15.ts');
    const editor = await vscode.window.showTextDocument(document);
    const line = document.lineAt(11).text;
    editor.selection = new vscode.Selection(11, line.indexOf('eyJ') + 3, 11, line.indexOf('eyJ') + 3);
    await vscode.commands.executeCommand('jwtLens.copyDecodedHeader');
    assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), { alg: 'RS256', typ: 'JWT', kid: 'rsa-key-1' });
  });

  it('copies by document range', async () => {
    const document = await openFixture('cases', 'case-08.yaml');
    const range = [
      { line: 0, character: 8 },
      { line: 0, character: 189 },
    ];
    await vscode.commands.executeCommand('jwtLens.copyDecodedClaims', { uri: document.uri.toString(), range });
    const claims = JSON.parse(await vscode.env.clipboard.readText()) as { iat?: unknown };
    assert.equal(claims.iat, 1516239022);
  });

  it('decodes the clipboard into the panel', async () => {
    await closePanels();
    const token = (await openFixture('cases', 'case-01.txt')).lineAt(1).text;
    await vscode.env.clipboard.writeText(`Bearer ${token}\n`);
    await vscode.commands.executeCommand('jwtLens.decodeClipboard');
    await waitFor('a JWT Lens panel tab', () => (panelTabs().length === 1 ? true : undefined));
    await closePanels();
  });

  it('decodes the selection into the panel', async () => {
    await closePanels();
    const document = await openFixture('cases', 'case-05.http');
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, document.lineAt(0).text.length);
    await vscode.commands.executeCommand('jwtLens.decodeSelection');
    await waitFor('a JWT Lens panel tab', () => (panelTabs().length === 1 ? true : undefined));
    await closePanels();
  });

  it('shows the log', async () => {
    await vscode.commands.executeCommand('jwtLens.showLog');
  });

  it('rejects an unknown rule id', async () => {
    // The failure is reported to the user and the log; the command itself resolves.
    await vscode.commands.executeCommand('jwtLens.disableRule', 'no-such-rule');
    assert.equal(vscode.workspace.getConfiguration('jwtLens').inspect('rules')?.workspaceValue, undefined);
  });
});

describe('status bar', () => {
  /** Returns the status bar text with the cursor at `line`:`character` of a case file. */
  async function statusAt(file: string, line: number, character: number): Promise<string | undefined> {
    const api = await activateExtension();
    const editor = await vscode.window.showTextDocument(await openFixture('cases', file));
    editor.selection = new vscode.Selection(line, character, line, character);
    await api.statusBar.update();
    return api.statusBar.visibleText;
  }

  it('shows when a token expired (C08)', async () => {
    assert.equal(await statusAt('case-08.yaml', 0, 30), '$(key) JWT expired 7 years 348 days ago');
  });

  it('shows when a token expires (C01)', async () => {
    assert.equal(await statusAt('case-01.txt', 1, 30), '$(key) JWT expires in 1 h');
  });

  it('hides away from tokens', async () => {
    assert.equal(await statusAt('case-01.txt', 0, 3), undefined);
  });
});
