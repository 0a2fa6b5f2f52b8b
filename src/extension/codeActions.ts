/**
 * Code actions on a token: open it in the panel, copy its decoded claims, and for each JWT Lens
 * diagnostic, turn the rule off for the workspace or suppress it with a comment directive.
 */
import * as vscode from 'vscode';
import type { RuleId } from '../core/model';
import { COMMANDS } from './commandIds';
import { DIAGNOSTIC_SOURCE, type DiagnosticsController } from './diagnostics';
import { commentSyntaxFor, ignoreDirective } from './lineComments';

function ruleOf(diagnostic: vscode.Diagnostic): RuleId | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  const value = typeof code === 'object' ? code.value : code;
  return typeof value === 'string' ? (value as RuleId) : undefined;
}

export class TokenCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.Empty];

  constructor(private readonly diagnostics: DiagnosticsController) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const report = await this.diagnostics.reportAt(document, range.start);
    if (report) {
      const tokenRange = new vscode.Range(document.positionAt(report.match.start), document.positionAt(report.match.end));
      const target = { token: report.decoded.raw, uri: document.uri.toString(), range: tokenRange };
      const open = new vscode.CodeAction('Open token in the JWT Lens panel', vscode.CodeActionKind.Empty);
      open.command = { command: COMMANDS.openPanel, title: open.title, arguments: [target] };
      const copy = new vscode.CodeAction('Copy decoded claims as JSON', vscode.CodeActionKind.Empty);
      copy.command = { command: COMMANDS.copyDecodedClaims, title: copy.title, arguments: [target] };
      actions.push(open, copy);
    }

    // Offer the rule actions anywhere on the token, not only on the segment a diagnostic underlines.
    const onToken = report
      ? vscode.languages
          .getDiagnostics(document.uri)
          .filter((diagnostic) => {
            const start = document.offsetAt(diagnostic.range.start);
            return diagnostic.source === DIAGNOSTIC_SOURCE && start >= report.match.start && start <= report.match.end;
          })
      : [];
    const seen = new Set<string>();
    for (const diagnostic of [...context.diagnostics, ...onToken]) {
      const rule = ruleOf(diagnostic);
      if (!rule) continue;
      const line = diagnostic.range.start.line;
      if (seen.has(`${rule}:${line}`)) continue;
      seen.add(`${rule}:${line}`);

      const suppress = this.suppressAction(document, diagnostic, rule);
      if (suppress) actions.push(suppress);
      const disable = new vscode.CodeAction(`Turn off rule ${rule} for this workspace`, vscode.CodeActionKind.QuickFix);
      disable.diagnostics = [diagnostic];
      disable.command = { command: COMMANDS.disableRule, title: disable.title, arguments: [rule, document.uri.toString()] };
      actions.push(disable);
    }
    return actions;
  }

  /** Inserts `jwt-lens-ignore-next-line RULE` above the line, in the language's comment syntax. */
  private suppressAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, rule: RuleId): vscode.CodeAction | undefined {
    const syntax = commentSyntaxFor(document.languageId);
    if (!syntax) return undefined;

    const line = document.lineAt(diagnostic.range.start.line);
    const indentation = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    const action = new vscode.CodeAction(`Suppress ${rule} on this line`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = new vscode.WorkspaceEdit();
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    action.edit.insert(document.uri, line.range.start, `${indentation}${ignoreDirective(syntax, rule)}${eol}`);
    return action;
  }
}
