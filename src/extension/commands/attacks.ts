/**
 * `jwtLens.generateNegativeTests`: builds the negative test set of the token under the cursor and
 * writes it as JSON for the user's own test suite. Nothing is sent anywhere. Arguments let tests
 * skip every dialog: `{ token?, keyFile?, secret?, out?, overwrite?, open? }`.
 */
import * as vscode from 'vscode';

import { generateNegativeTests, type NegativeTestSet } from '../../core/attacks/negativeTests';
import type { KeyMaterial } from '../../core/model';
import { findTokens } from '../../core/scan/findTokens';
import type { ExtensionServices } from '../services';
import { toUri } from './keygen';
import { readSigningKeyFile, resolveKeyFile } from './sign';

export const GENERATE_NEGATIVE_TESTS_COMMAND = 'jwtLens.generateNegativeTests';

export interface GenerateNegativeTestsArguments {
  /** The valid token; defaults to the token under the cursor. */
  token?: string;
  /** The key that verifies it (private key, public key, JWK or JWKS), absolute or workspace-relative. */
  keyFile?: string;
  /** An HMAC secret as text. */
  secret?: string;
  /** Where to write the JSON (absolute path or URI string). Without it, a save dialog opens. */
  out?: string;
  /** Replace an existing `out` (true) or stop (false). Without it, a modal warning asks the user. */
  overwrite?: boolean;
  /** Open the written file in an editor; true unless set to false. */
  open?: boolean;
}

export interface GenerateNegativeTestsOutcome {
  path: string;
  set: NegativeTestSet;
}

export function register(context: vscode.ExtensionContext, services: ExtensionServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(GENERATE_NEGATIVE_TESTS_COMMAND, async (argument?: unknown): Promise<GenerateNegativeTestsOutcome | undefined> => {
      try {
        return await generateNegativeTestSet(services, parseArguments(argument));
      } catch (error) {
        services.reportError('could not generate the negative test set', error);
        return undefined;
      }
    }),
  );
}

async function generateNegativeTestSet(services: ExtensionServices, args: GenerateNegativeTestsArguments): Promise<GenerateNegativeTestsOutcome | undefined> {
  const token = args.token ?? tokenUnderCursor();
  if (token === undefined) {
    void vscode.window.showInformationMessage('JWT Lens: place the cursor on a valid signed token, then run Generate Negative Test Set again.');
    return undefined;
  }

  const key = await chooseKey(args);
  if (key === undefined) return undefined;
  const set = await generateNegativeTests({ token, key, now: services.now() });

  const out = args.out === undefined ? await askOutput() : toUri(args.out);
  if (out === undefined) return undefined;
  if (!(await mayWrite(out, args.overwrite))) return undefined;

  await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(`${JSON.stringify(set, null, 2)}\n`));
  const skipped = set.skipped.map((entry) => entry.id).join(', ') || 'none';
  services.log.info(`Wrote ${set.cases.length} negative test tokens for ${set.source.alg} to ${out.toString()} (skipped: ${skipped}).`);

  if (args.open !== false) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(out), { preview: false });
  return { path: out.fsPath, set };
}

function parseArguments(argument: unknown): GenerateNegativeTestsArguments {
  if (typeof argument === 'string') return { token: argument };
  if (typeof argument !== 'object' || argument === null) return {};
  const record = argument as Record<string, unknown>;
  const args: GenerateNegativeTestsArguments = {};
  for (const name of ['token', 'keyFile', 'secret', 'out'] as const) {
    if (typeof record[name] === 'string') args[name] = record[name];
  }
  if (typeof record.overwrite === 'boolean') args.overwrite = record.overwrite;
  if (typeof record.open === 'boolean') args.open = record.open;
  return args;
}

function tokenUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) return undefined;
  const document = editor.document;
  const selected = document.getText(editor.selection).trim();
  if (selected !== '') return selected;

  const offset = document.offsetAt(editor.selection.active);
  const line = document.lineAt(editor.selection.active.line);
  const lineStart = document.offsetAt(line.range.start);
  const match = findTokens(line.text).find((token) => lineStart + token.start <= offset && offset <= lineStart + token.end);
  return match?.text;
}

async function chooseKey(args: GenerateNegativeTestsArguments): Promise<KeyMaterial | undefined> {
  if (args.secret !== undefined) return { label: 'HMAC secret', kind: 'secret', data: args.secret };
  if (args.keyFile !== undefined) return readSigningKeyFile(resolveKeyFile(args.keyFile));

  const items: (vscode.QuickPickItem & { source: 'file' | 'secret' })[] = [
    { label: '$(file) Key file…', detail: 'The private key re-signs the expired, not-yet-valid, issuer and audience cases; a public key skips them.', source: 'file' },
    { label: '$(lock) HMAC secret…', detail: 'Typed into a password box and not stored.', source: 'secret' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Negative Test Set: the key that verifies the token' });
  if (picked?.source === 'file') {
    const files = await vscode.window.showOpenDialog({ title: 'Generate Negative Test Set: key file', canSelectMany: false });
    return files?.[0] === undefined ? undefined : readSigningKeyFile(files[0]);
  }
  if (picked?.source === 'secret') {
    const secret = await vscode.window.showInputBox({ title: 'Generate Negative Test Set: HMAC secret', password: true, validateInput: (value) => (value === '' ? 'Enter the secret.' : undefined) });
    return secret === undefined ? undefined : { label: 'HMAC secret', kind: 'secret', data: secret };
  }
  return undefined;
}

async function askOutput(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    title: 'Generate Negative Test Set: save as',
    filters: { JSON: ['json'] },
    ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, 'negative-tests.json') }),
  });
}

/** Returns true when `uri` does not exist, or `overwrite` or the user (asked with a modal) allows replacing it. */
async function mayWrite(uri: vscode.Uri, overwrite: boolean | undefined): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return true;
  }
  if (overwrite !== undefined) return overwrite;
  const choice = await vscode.window.showWarningMessage(
    `Replace ${vscode.workspace.asRelativePath(uri, false)}?`,
    { modal: true, detail: 'The file already exists and will be replaced by the new negative test set.' },
    'Replace',
  );
  return choice === 'Replace';
}
