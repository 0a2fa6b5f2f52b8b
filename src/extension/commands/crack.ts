/**
 * `jwtLens.crackSecret`: tries a wordlist against the HMAC secret of the token under the cursor (or
 * one passed in), with a cancellable progress notification. A found secret is shown once, with
 * actions to copy it or keep it in SecretStorage for verification, and never logged.
 * Arguments let callers and tests skip every dialog: `{ token?, wordlist?, threads? }`.
 */
import { basename, isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { crackSecret, type CrackResult } from '../../core/crack/crackSecret';
import { decodeToken } from '../../core/decode/decodeToken';
import { findTokens } from '../../core/scan/findTokens';
import { keyScopeOf } from '../../core/verify/keyScope';
import { COMMANDS } from '../commandIds';
import { redactToken } from '../log';
import { StoredSecrets, storedSecretLabel } from '../panel/storedSecrets';
import type { ExtensionServices } from '../services';

/** The arguments `jwtLens.crackSecret` accepts; with both given, no dialog opens. */
export interface CrackSecretArguments {
  token?: string;
  /** A wordlist path, absolute or relative to the first workspace folder. */
  wordlist?: string;
  threads?: number;
}

/** The command's result for callers and tests; undefined when the user cancelled or nothing ran. */
export interface CrackSecretOutcome {
  secret: string | null;
  tried: number;
}

const COPY_ACTION = 'Copy Secret';
const REMEMBER_ACTION = 'Remember for Verification';

export function register(context: vscode.ExtensionContext, services: ExtensionServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.crackSecret, async (argument?: unknown): Promise<CrackSecretOutcome | undefined> => {
      try {
        return await crackCommand(services, parseArguments(argument));
      } catch (error) {
        services.reportError('could not crack the HMAC secret', error);
        return undefined;
      }
    }),
  );
}

function parseArguments(argument: unknown): CrackSecretArguments {
  if (typeof argument === 'string') return { token: argument };
  if (typeof argument !== 'object' || argument === null) return {};
  const record = argument as Record<string, unknown>;
  return {
    token: typeof record.token === 'string' ? record.token : undefined,
    wordlist: typeof record.wordlist === 'string' ? record.wordlist : undefined,
    threads: typeof record.threads === 'number' ? record.threads : undefined,
  };
}

async function crackCommand(services: ExtensionServices, args: CrackSecretArguments): Promise<CrackSecretOutcome | undefined> {
  const token = args.token ?? tokenUnderCursor();
  if (token === undefined) {
    void vscode.window.showInformationMessage('JWT Lens: place the cursor on an HS256, HS384 or HS512 token, then run Crack HMAC Secret again.');
    return undefined;
  }
  const wordlist = args.wordlist ?? configuredWordlist() ?? (await askWordlist());
  if (wordlist === undefined) return undefined;
  const wordlistPath = resolveWordlist(wordlist);

  services.log.info(`Cracking the HMAC secret of ${redactToken(token)} with ${wordlistPath}.`);
  const result = await runWithProgress(token, wordlistPath, args.threads);
  if (result === undefined) {
    services.log.info('Cracking cancelled.');
    return undefined;
  }

  if (result.secret === null) {
    services.log.info(`No secret found among ${result.tried} candidates.`);
    void vscode.window.showInformationMessage(`JWT Lens: no secret in ${basename(wordlistPath)} matches the token (${result.tried} candidates tried).`);
  } else {
    services.log.info(`Secret found after ${result.tried} candidates (not logged).`);
    void offerSecret(services, token, result.secret, basename(wordlistPath));
  }
  return { secret: result.secret, tried: result.tried };
}

/** Returns the token that contains the active editor's cursor. */
function tokenUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const offset = editor.document.offsetAt(editor.selection.active);
  return findTokens(editor.document.getText()).find((match) => match.start <= offset && offset <= match.end)?.text;
}

function configuredWordlist(): string | undefined {
  const value = vscode.workspace.getConfiguration('jwtLens').get<string>('crack.wordlist');
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

async function askWordlist(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Crack HMAC Secret: wordlist',
    openLabel: 'Use Wordlist',
    canSelectMany: false,
    filters: { 'Wordlists': ['txt', 'list', 'lst', 'dic'], 'All files': ['*'] },
  });
  return picked?.[0]?.fsPath;
}

function resolveWordlist(path: string): string {
  if (isAbsolute(path)) return path;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, path).fsPath : path;
}

/** Runs the crack under a cancellable notification; returns undefined when the user cancels. */
async function runWithProgress(token: string, wordlist: string, threads: number | undefined): Promise<CrackResult | undefined> {
  const options: vscode.ProgressOptions = {
    location: vscode.ProgressLocation.Notification,
    title: `JWT Lens: cracking with ${basename(wordlist)}`,
    cancellable: true,
  };
  return vscode.window.withProgress(options, async (progress, cancellation) => {
    const controller = new AbortController();
    const subscription = cancellation.onCancellationRequested(() => controller.abort());
    let reportedPercent = 0;
    try {
      return await crackSecret(token, wordlist, {
        threads,
        signal: controller.signal,
        onProgress: (tried, total) => {
          const percent = total > 0 ? Math.min(100, (tried / total) * 100) : 0;
          progress.report({ increment: Math.max(0, percent - reportedPercent), message: `${tried} of ~${total} candidates` });
          reportedPercent = Math.max(reportedPercent, percent);
        },
      });
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      throw error;
    } finally {
      subscription.dispose();
    }
  });
}

/** Shows the secret once, with actions to copy it or keep it for verifying this issuer's tokens. */
async function offerSecret(services: ExtensionServices, token: string, secret: string, wordlistName: string): Promise<void> {
  const shown = secret === '' ? 'the empty string' : JSON.stringify(secret);
  const choice = await vscode.window.showWarningMessage(
    `JWT Lens: the token's HMAC secret is ${shown} (from ${wordlistName}). Anyone with this secret can forge tokens; rotate it.`,
    COPY_ACTION,
    REMEMBER_ACTION,
  );
  if (choice === COPY_ACTION) {
    await vscode.env.clipboard.writeText(secret);
  } else if (choice === REMEMBER_ACTION) {
    const decoded = decodeToken(token);
    const payload = decoded.payload as { iss?: unknown } | null;
    const issuer = typeof payload?.iss === 'string' ? payload.iss : null;
    await new StoredSecrets(services.secrets).store(issuer, secret);
    const key = { label: storedSecretLabel(issuer), kind: 'secret' as const, data: new TextEncoder().encode(secret) };
    services.keys.add({ ...key, appliesTo: keyScopeOf(decoded) });
    services.refreshDiagnostics();
  }
}
