/**
 * The decode commands: decode the selection or the clipboard, copy a token's decoded header or
 * claims, turn a rule off for the workspace, and show the log.
 */
import * as vscode from 'vscode';
import { analyzeToken } from '../../core/analyze';
import { RULE_IDS, type RuleId, type TokenReport } from '../../core/model';
import { findTokens } from '../../core/scan/findTokens';
import { COMMANDS } from '../commandIds';
import type { DiagnosticsController } from '../diagnostics';
import { redactToken } from '../log';
import { reindentJson } from '../panel/prettyJson';
import type { PolicyFiles } from '../policyFiles';
import type { JwtLensServices } from '../services';

/** Runs a command body; a failure is logged and shown once with a "Show Log" action. */
function guarded<A extends unknown[]>(services: JwtLensServices, action: string, body: (...args: A) => Promise<unknown>) {
  return async (...args: A): Promise<void> => {
    try {
      await body(...args);
    } catch (error) {
      services.reportError(`could not ${action}`, error);
    }
  };
}

/** The tokens in a text; when the scanner finds none, the trimmed text itself, so a malformed token still gets a report. */
function tokensIn(text: string): string[] {
  const found = findTokens(text).map((match) => match.text);
  if (found.length > 0) return found;
  const trimmed = text.trim();
  return trimmed === '' ? [] : [trimmed];
}

/** The decoded token as JSON for an untitled editor: header, claims, signature state and findings. */
export function decodedAsJson(report: TokenReport): Record<string, unknown> {
  const { decoded, verification } = report;
  const result: Record<string, unknown> = { kind: decoded.kind };
  result.header = decoded.header ?? decoded.headerText;
  if (decoded.kind === 'jwe') result.payload = 'encrypted';
  else if (decoded.payloadParsed) result.claims = decoded.payload;
  else result.payloadText = decoded.payloadText;
  result.signature = { status: verification.status, verifiedBy: verification.verifiedBy, reason: verification.reason };
  result.findings = report.findings.map(({ rule, severity, message }) => ({ rule, severity, message }));
  return result;
}

export function registerDecodeCommands(
  services: JwtLensServices,
  diagnostics: DiagnosticsController,
  policyFiles: PolicyFiles,
): vscode.Disposable[] {
  const analyze = (raw: string, uri?: vscode.Uri): Promise<TokenReport> =>
    analyzeToken(raw, { policy: services.policyFor(uri), now: services.now(), keys: [...services.keys.list()], ...services.weakSecretOptions(uri) });

  /** Shows tokens in the panel when it is registered, else as JSON in an untitled editor. */
  const show = async (tokens: string[], uri?: vscode.Uri): Promise<void> => {
    if (tokens.length === 0) {
      void vscode.window.showInformationMessage('JWT Lens: no token found to decode.');
      return;
    }
    services.log.info(`Decoding ${tokens.length} token(s), the first ${redactToken(tokens[0])}.`);
    const registered = await vscode.commands.getCommands(true);
    if (registered.includes(COMMANDS.openPanel)) {
      await vscode.commands.executeCommand(COMMANDS.openPanel, { token: tokens[0], uri: uri?.toString() });
      return;
    }
    const reports = await Promise.all(tokens.map((raw) => analyze(raw, uri)));
    const content = JSON.stringify(reports.length === 1 ? decodedAsJson(reports[0]) : reports.map(decodedAsJson), null, 2);
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${content}\n` });
    await vscode.window.showTextDocument(document, { preview: false });
  };

  /**
   * The token named by the argument: a string, `{ token }`, or `{ uri, range }` of an open document
   * (hover links pass that for very long tokens). Without one, the token under the active cursor.
   */
  const tokenFromArgumentOrCursor = async (argument: unknown): Promise<string | undefined> => {
    if (typeof argument === 'string' && argument !== '') return argument;
    const { token, uri, range } = (argument ?? {}) as { token?: unknown; uri?: unknown; range?: unknown };
    if (typeof token === 'string' && token !== '') return token;
    const located = typeof uri === 'string' ? textAt(uri, range) : undefined;
    if (located !== undefined) return located;

    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const report = await diagnostics.reportAt(editor.document, editor.selection.active);
    return report?.decoded.raw;
  };

  const copyPart = (part: 'header' | 'claims') => async (argument?: unknown): Promise<void> => {
    const raw = await tokenFromArgumentOrCursor(argument);
    if (!raw) {
      void vscode.window.showInformationMessage('JWT Lens: place the cursor on a token to copy its decoded JSON.');
      return;
    }
    const { decoded } = await analyze(raw, vscode.window.activeTextEditor?.document.uri);
    const text =
      part === 'header'
        ? decoded.header ? prettyJson(decoded.header, decoded.headerText) : decoded.headerText
        : decoded.payloadParsed ? prettyJson(decoded.payload, decoded.payloadText) : decoded.payloadText;
    if (text === null || text === undefined) {
      void vscode.window.showInformationMessage(`JWT Lens: the token's ${part} is not readable text, so nothing was copied.`);
      return;
    }
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`JWT Lens: copied the decoded ${part}.`, 3000);
  };

  const disableRule = async (rule: unknown, uriText?: unknown): Promise<void> => {
    if (typeof rule !== 'string' || !(RULE_IDS as readonly string[]).includes(rule)) {
      throw new Error(`unknown rule id ${JSON.stringify(rule)}`);
    }
    const uri = typeof uriText === 'string' ? vscode.Uri.parse(uriText) : vscode.window.activeTextEditor?.document.uri;
    const policyFile = services.policyFileFor(uri);
    if (policyFile) {
      await turnOffInPolicyFile(policyFile, rule as RuleId);
      await policyFiles.reload();
      services.log.info(`Turned off ${rule} in ${policyFile.toString(true)}.`);
    } else {
      const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      const current = services.settings.workspaceValue('rules', uri) ?? {};
      await vscode.workspace.getConfiguration('jwtLens', uri).update('rules', { ...current, [rule]: 'off' }, target);
      services.log.info(`Turned off ${rule} in the ${target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user'} settings.`);
    }
    services.refreshDiagnostics();
  };

  return [
    vscode.commands.registerCommand(
      COMMANDS.decodeSelection,
      guarded(services, 'decode the selection', async () => {
        const editor = vscode.window.activeTextEditor;
        if (!editor) {
          void vscode.window.showInformationMessage('JWT Lens: open an editor and select a token to decode.');
          return;
        }
        const selected = editor.selections.map((selection) => editor.document.getText(selection)).join('\n');
        if (selected.trim() === '') {
          const report = await diagnostics.reportAt(editor.document, editor.selection.active);
          await show(report ? [report.decoded.raw] : [], editor.document.uri);
          return;
        }
        await show(tokensIn(selected), editor.document.uri);
      }),
    ),
    vscode.commands.registerCommand(
      COMMANDS.decodeClipboard,
      guarded(services, 'decode the clipboard', async () => show(tokensIn(await vscode.env.clipboard.readText()))),
    ),
    vscode.commands.registerCommand(COMMANDS.copyDecodedHeader, guarded(services, 'copy the decoded header', copyPart('header'))),
    vscode.commands.registerCommand(COMMANDS.copyDecodedClaims, guarded(services, 'copy the decoded claims', copyPart('claims'))),
    vscode.commands.registerCommand(COMMANDS.disableRule, guarded(services, 'turn off the rule', disableRule)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => services.log.show()),
  ];
}

/** The text of an open document at a `[start, end]` pair of `{ line, character }` positions. */
/**
 * Formats decoded JSON with two-space indentation for the clipboard. `JSON.stringify` overflows the
 * stack on values nested some thousands of levels deep, which `JSON.parse` accepts, so such a value
 * is copied as its decoded text, re-indented without parsing.
 */
function prettyJson(value: unknown, text: string | null): string | null {
  try {
    return JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof RangeError) || text === null) throw error;
    return reindentJson(text);
  }
}

function textAt(uriText: string, range: unknown): string | undefined {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uriText);
  if (!document || !Array.isArray(range) || range.length !== 2) return undefined;
  const [start, end] = range.map((position: unknown) => {
    const { line, character } = (position ?? {}) as { line?: unknown; character?: unknown };
    return typeof line === 'number' && typeof character === 'number' ? new vscode.Position(line, character) : undefined;
  });
  if (!start || !end) return undefined;
  const text = document.getText(new vscode.Range(start, end));
  return text === '' ? undefined : text;
}

/** Sets `rules[rule]` to "off" in a `.jwtlens.json`, keeping its other members. */
async function turnOffInPolicyFile(uri: vscode.Uri, rule: RuleId): Promise<void> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${uri.toString(true)} is not a JSON object`);
  }
  const policy = parsed as Record<string, unknown>;
  const rules = policy.rules !== null && typeof policy.rules === 'object' && !Array.isArray(policy.rules) ? policy.rules : {};
  policy.rules = { ...rules, [rule]: 'off' };
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(policy, null, 2)}\n`));
}
