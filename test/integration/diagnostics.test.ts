// Diagnostics inside a real VS Code: source, code, range and severity on the edge cases, per-rule
// levels from settings and from .jwtlens.json without a reload, and updates as the user types.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  jwtDiagnostics,
  openFixture,
  ruleOf,
  setWorkspaceSetting,
  settle,
  waitFor,
  workspaceUri,
} from './helpers';

const RULES_DOCS = 'https://github.com/jwt-lens/jwt-lens/blob/main/docs/rules.md';

function summary(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${vscode.DiagnosticSeverity[d.severity]} ${ruleOf(d)}`)
    .sort();
}

describe('diagnostics', () => {
  before(async () => {
    await activateExtension();
  });

  it('carries source, code link, range, severity (C08)', async () => {
    const document = await openFixture('cases', 'case-08.yaml');
    const [diagnostic, ...rest] = jwtDiagnostics(document.uri);
    assert.ok(diagnostic, 'no diagnostic for the expired token');
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.source, 'jwtLens');
    assert.equal(diagnostic.message, 'Token expired 7 years 348 days ago (exp 2018-01-18T02:30:22Z)');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'token-expired');
    assert.equal(code.target.toString(true), `${RULES_DOCS}#token-expired`);
    // The finding is in the payload, so the range is segment 1: from the first dot to the second.
    const line = document.lineAt(0).text;
    const firstDot = line.indexOf('.', 8);
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character],
      [0, firstDot + 1, line.indexOf('.', firstDot + 1)],
    );
  });

  it('reports encoding problems by segment (C02)', async () => {
    const document = await openFixture('cases', 'case-02.txt');
    const lines = summary(jwtDiagnostics(document.uri));
    assert.ok(lines.includes('4:37-4:129 Error invalid-base64url'), lines.join('\n'));
    assert.ok(lines.includes('7:130-7:173 Warning non-canonical-base64url'), lines.join('\n'));
    assert.ok(!lines.some((line) => line.startsWith('1:')), 'token A has a diagnostic');
  });

  it('reports invalid UTF-8 only for C03 B', async () => {
    const document = await openFixture('cases', 'case-03.txt');
    assert.deepEqual(summary(jwtDiagnostics(document.uri)), ['3:37-3:124 Error invalid-utf8']);
  });

  it('reports each date type error (C04)', async () => {
    const document = await openFixture('cases', 'case-04.js');
    const messages = jwtDiagnostics(document.uri).map((d) => `${d.range.start.line} ${ruleOf(d)}: ${d.message}`).sort();
    assert.deepEqual(messages, [
      '0 numeric-date-type: exp must be a JSON number (NumericDate), got a string (the string looks like 2026-01-01T01:00:00Z)',
      '1 numeric-date-type: exp must be a JSON number (NumericDate), got an array ([1767229200])',
      '1 numeric-date-type: iat must be a JSON number (NumericDate), got a boolean (true)',
      '1 numeric-date-type: nbf must be a JSON number (NumericDate), got null',
    ]);
  });

  it('underlines the header of alg none (C14)', async () => {
    const document = await openFixture('cases', 'case-14.txt');
    const lines = summary(jwtDiagnostics(document.uri));
    assert.ok(lines.includes('0:13-0:48 Error alg-none'), lines.join('\n'));
    assert.ok(lines.includes('1:13-1:48 Error alg-none'), lines.join('\n'));
    assert.ok(lines.some((line) => line.startsWith('1:') && line.endsWith('Error alg-none-signature')), lines.join('\n'));
  });

  it('has none for valid tokens (C09, C10)', async () => {
    for (const file of ['case-09.env', 'case-10.txt']) {
      const document = await openFixture('cases', file);
      assert.deepEqual(summary(jwtDiagnostics(document.uri)), [], file);
    }
  });

  it('applies the audience setting without reload (C13)', async () => {
    const document = await openFixture('cases', 'case-13.txt');
    const before = summary(jwtDiagnostics(document.uri));
    assert.ok(before.includes('2:40-2:211 Error invalid-claim-type'), before.join('\n'));
    assert.ok(!before.some((line) => line.endsWith('audience-mismatch')), before.join('\n'));

    await setWorkspaceSetting('policy.audience', ['https://api.example.test/']);
    try {
      await waitFor('audience-mismatch on C13 C', () =>
        jwtDiagnostics(document.uri).find((d) => ruleOf(d) === 'audience-mismatch' && d.range.start.line === 3),
      );
      assert.equal(jwtDiagnostics(document.uri).filter((d) => ruleOf(d) === 'audience-mismatch').length, 1);
    } finally {
      await setWorkspaceSetting('policy.audience', undefined);
    }
  });

  it('turns a rule off through settings', async () => {
    const document = await openFixture('cases', 'case-08.yaml');
    assert.equal(jwtDiagnostics(document.uri).length, 1);
    await setWorkspaceSetting('rules', { 'token-expired': 'off' });
    try {
      await waitFor('token-expired to disappear', () => (jwtDiagnostics(document.uri).length === 0 ? true : undefined));
    } finally {
      await setWorkspaceSetting('rules', undefined);
    }
    await waitFor('token-expired to return', () => (jwtDiagnostics(document.uri).length === 1 ? true : undefined));
  });

  it('changes a severity through .jwtlens.json', async () => {
    const document = await openFixture('cases', 'case-03.txt');
    const policyFile = workspaceUri('.jwtlens.json');
    const original = await vscode.workspace.fs.readFile(policyFile);
    await vscode.workspace.fs.writeFile(policyFile, new TextEncoder().encode('{ "rules": { "invalid-utf8": "info" } }\n'));
    try {
      await waitFor('invalid-utf8 as information', () =>
        jwtDiagnostics(document.uri).find((d) => ruleOf(d) === 'invalid-utf8' && d.severity === vscode.DiagnosticSeverity.Information),
      );
      await vscode.workspace.fs.writeFile(policyFile, new TextEncoder().encode('{ "rules": { "invalid-utf8": "off" } }\n'));
      await waitFor('invalid-utf8 to disappear', () => (jwtDiagnostics(document.uri).length === 0 ? true : undefined));
    } finally {
      await vscode.workspace.fs.writeFile(policyFile, original);
    }
    await waitFor('invalid-utf8 to return', () => (jwtDiagnostics(document.uri).length === 1 ? true : undefined));
  });

  it('reports errors in .jwtlens.json', async () => {
    const policyFile = workspaceUri('.jwtlens.json');
    const original = await vscode.workspace.fs.readFile(policyFile);
    await vscode.workspace.fs.writeFile(policyFile, new TextEncoder().encode('{ "rules": { "alg-none": "loud" } }\n'));
    try {
      const problem = await waitFor('a diagnostic on .jwtlens.json', () => jwtDiagnostics(policyFile)[0]);
      assert.equal(problem.message, 'rules.alg-none must be "error", "warning", "info" or "off", got "loud"');
      assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await vscode.workspace.fs.writeFile(policyFile, original);
    }
    await waitFor('the policy file diagnostic to clear', () => (jwtDiagnostics(policyFile).length === 0 ? true : undefined));
  });

  it('follows edits and clears on close', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'no token here\n' });
    await vscode.window.showTextDocument(document);
    await settle(document.uri);
    assert.deepEqual(jwtDiagnostics(document.uri), []);

    const expired = (await openFixture('cases', 'case-08.yaml')).lineAt(0).text.slice(8);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), `token: ${expired}\n`));
    await waitFor('a diagnostic after the edit', () => jwtDiagnostics(document.uri).find((d) => ruleOf(d) === 'token-expired'));

    await editor.edit((edit) => edit.delete(new vscode.Range(1, 0, 2, 0)));
    await waitFor('no diagnostic after the deletion', () => (jwtDiagnostics(document.uri).length === 0 ? true : undefined));

    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), `again: ${expired}\n`));
    await waitFor('a diagnostic after the second edit', () => jwtDiagnostics(document.uri).find((d) => ruleOf(d) === 'token-expired'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('no diagnostic after closing', () => (jwtDiagnostics(document.uri).length === 0 ? true : undefined));
  });

  it('skips documents above maxFileSize', async () => {
    const document = await openFixture('cases', 'case-08.yaml');
    await setWorkspaceSetting('maxFileSize', 100);
    try {
      await waitFor('diagnostics cleared for a large file', () => (jwtDiagnostics(document.uri).length === 0 ? true : undefined));
    } finally {
      await setWorkspaceSetting('maxFileSize', undefined);
    }
    await waitFor('diagnostics back', () => (jwtDiagnostics(document.uri).length === 1 ? true : undefined));
  });
});
