// Code actions on tokens inside a real VS Code: open, copy, suppress with a comment directive, and
// turn a rule off for the workspace.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, jwtDiagnostics, openFixture, ruleOf, settle, waitFor, workspaceUri } from './helpers';

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, range);
  return actions.filter((action): action is vscode.CodeAction => 'kind' in action || 'edit' in action || 'diagnostics' in action);
}

/** Opens an untitled `language` document with the expired C08 token on its second line. */
async function expiredTokenDocument(language: string, prefix: string): Promise<vscode.TextDocument> {
  const token = (await openFixture('cases', 'case-08.yaml')).lineAt(0).text.slice(8);
  const document = await vscode.workspace.openTextDocument({ language, content: `first line\n  ${prefix}${token}\n` });
  await vscode.window.showTextDocument(document);
  await settle(document.uri);
  await waitFor('the expired-token diagnostic', () => jwtDiagnostics(document.uri).find((d) => ruleOf(d) === 'token-expired'));
  return document;
}

describe('code actions', () => {
  before(async () => {
    await activateExtension();
  });

  it('offers open, copy, suppress, turn off', async () => {
    const document = await openFixture('cases', 'case-08.yaml');
    const titles = (await codeActions(document.uri, new vscode.Range(0, 20, 0, 20))).map((action) => action.title);
    for (const title of [
      'Open token in the JWT Lens panel',
      'Copy decoded claims as JSON',
      'Suppress token-expired on this line',
      'Turn off rule token-expired for this workspace',
    ]) {
      assert.ok(titles.includes(title), `missing "${title}" in ${JSON.stringify(titles)}`);
    }
  });

  for (const [language, prefix, directive] of [
    ['python', 'token = ', '  # jwt-lens-ignore-next-line token-expired'],
    ['typescript', 'const token = ', '  // jwt-lens-ignore-next-line token-expired'],
    ['html', '<p>', '  <!-- jwt-lens-ignore-next-line token-expired -->'],
  ] as const) {
    it(`suppresses with a ${language} comment`, async () => {
      const document = await expiredTokenDocument(language, prefix);
      const actions = await codeActions(document.uri, new vscode.Range(1, 30, 1, 30));
      const suppress = actions.find((action) => action.title === 'Suppress token-expired on this line');
      assert.ok(suppress?.edit, 'no suppress action with an edit');
      assert.ok(await vscode.workspace.applyEdit(suppress.edit));

      assert.equal(document.lineAt(1).text, directive);
      await waitFor('the diagnostic to disappear', () => (jwtDiagnostics(document.uri).length === 0 ? true : undefined));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }

  it('offers no comment in JSON', async () => {
    const document = await expiredTokenDocument('json', '');
    const titles = (await codeActions(document.uri, new vscode.Range(1, 30, 1, 30))).map((action) => action.title);
    assert.ok(!titles.some((title) => title.startsWith('Suppress')), JSON.stringify(titles));
    assert.ok(titles.includes('Turn off rule token-expired for this workspace'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('turns a rule off in .jwtlens.json', async () => {
    const document = await openFixture('cases', 'case-08.yaml');
    const policyFile = workspaceUri('.jwtlens.json');
    const original = await vscode.workspace.fs.readFile(policyFile);
    const turnOff = (await codeActions(document.uri, new vscode.Range(0, 20, 0, 20))).find(
      (action) => action.title === 'Turn off rule token-expired for this workspace',
    );
    assert.ok(turnOff?.command, 'no turn-off action');
    try {
      await vscode.commands.executeCommand(turnOff.command.command, ...((turnOff.command.arguments ?? []) as unknown[]));
      const written: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(policyFile)));
      assert.deepEqual(written, { clockTolerance: 60, rules: { 'token-expired': 'off' } });
      await waitFor('the diagnostic to disappear', () => (jwtDiagnostics(document.uri).length === 0 ? true : undefined));
      const settings = vscode.workspace.getConfiguration('jwtLens').inspect('rules');
      assert.equal(settings?.workspaceValue, undefined, 'the rule was also written to the settings');
    } finally {
      await vscode.workspace.fs.writeFile(policyFile, original);
    }
    await waitFor('the diagnostic to return', () => (jwtDiagnostics(document.uri).length === 1 ? true : undefined));
  });

  it('turns a rule off in settings', async () => {
    const api = await activateExtension();
    const document = await openFixture('cases', 'case-08.yaml');
    const policyFile = workspaceUri('.jwtlens.json');
    const original = await vscode.workspace.fs.readFile(policyFile);
    // Without a policy file the rule goes to the workspace settings.
    await vscode.workspace.fs.delete(policyFile);
    try {
      await waitFor('the policy file to be forgotten', () => (api.services.policyFileFor(document.uri) === undefined ? true : undefined));
      await vscode.commands.executeCommand('jwtLens.disableRule', 'token-expired', document.uri.toString());
      assert.deepEqual(vscode.workspace.getConfiguration('jwtLens').inspect('rules')?.workspaceValue, { 'token-expired': 'off' });
      await waitFor('the diagnostic to disappear', () => (jwtDiagnostics(document.uri).length === 0 ? true : undefined));
    } finally {
      await vscode.workspace.getConfiguration('jwtLens').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.writeFile(policyFile, original);
    }
    await waitFor('the diagnostic to return', () => (jwtDiagnostics(document.uri).length === 1 ? true : undefined));
  });
});
