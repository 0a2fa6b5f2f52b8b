/**
 * The `jwtLens.weakSecrets.wordlist` check. Every HS256/384/512 token of a scanned document that
 * the built-in weak-secret list did not match is cracked against the user's wordlist in the
 * background. Cracks run one token at a time in worker threads, so the extension host does not stall. A found
 * secret is fed back into the analysis as a one-entry wordlist labelled with the file, which makes
 * diagnostics, hovers and the panel show the `weak-secret` finding.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { CrackError, crackSecret } from '../core/crack/crackSecret';
import type { AnalyzeOptions, TokenReport } from '../core/model';
import { describeError, redactToken } from './log';
import { SETTINGS_SECTION, type SettingsReader } from './settings';
import { WeakSecretQueue } from './weakSecretQueue';

const SETTING = 'weakSecrets.wordlist';
const HMAC_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512']);
/** Verdicts kept across documents; each costs a token's text. */
const MAX_CACHED_VERDICTS = 1000;
/** Distinct tokens of one document queued per scan. */
const MAX_TOKENS_PER_DOCUMENT = 200;
/** How long the status bar notice about an unreadable wordlist stays, in milliseconds. */
const NOTICE_DURATION = 15_000;

/** The parts of the extension services this check uses. */
export interface WeakSecretServices {
  readonly log: vscode.LogOutputChannel;
  readonly settings: SettingsReader;
  refreshDiagnostics(): void;
}

/** The wordlist options for one document's analysis: the secrets found so far, labelled. */
export type WordlistOptions = Pick<AnalyzeOptions, 'wordlist' | 'wordlistLabel'>;

interface ConfiguredWordlist {
  /** The path as the user wrote it, used in findings. */
  label: string;
  /** The absolute path that is read. */
  path: string;
}

export class UserWordlistCheck implements vscode.Disposable {
  private readonly queue: WeakSecretQueue;
  private readonly disposables: vscode.Disposable[] = [];
  /** Labels by absolute path, for log lines about a path. */
  private readonly labels = new Map<string, string>();
  /** Documents whose token count was already logged as over the limit. */
  private readonly truncatedLogged = new Set<string>();

  constructor(private readonly services: WeakSecretServices) {
    // Leave a core for the extension host itself.
    const threads = Math.max(1, availableParallelism() - 1);
    this.queue = new WeakSecretQueue({
      crack: (token, path, signal) => crackSecret(token, path, { threads, signal }),
      maxCacheEntries: MAX_CACHED_VERDICTS,
      isWordlistError: (error) => error instanceof CrackError && error.code === 'wordlist-unreadable',
      onStart: (token, path) => services.log.info(`Checking ${redactToken(token)} against the wordlist ${path}.`),
      onResult: (token, path, found, tried) => {
        if (found) services.log.info(`The HMAC secret of ${redactToken(token)} is in the wordlist ${path} (the secret is not logged).`);
        else services.log.info(`The HMAC secret of ${redactToken(token)} is not among the ${tried} candidates of ${path}.`);
      },
      onError: (token, path, error, wordlistFailed) => this.reportError(token, path, error, wordlistFailed),
      onFound: () => services.refreshDiagnostics(),
    });

    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.queue.release(document.uri.toString());
        this.truncatedLogged.delete(document.uri.toString());
      }),
      services.settings.onDidChange((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTING}`)) this.reset();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.reset();
        services.refreshDiagnostics();
      }),
    );
  }

  /** The options that add the secrets found in the document's wordlist to its analysis. */
  optionsFor(uri: vscode.Uri | undefined): WordlistOptions {
    const wordlist = this.configuredWordlist(uri);
    if (!wordlist) return {};
    const secrets = this.queue.secretsFor(wordlist.path);
    return secrets.length === 0 ? {} : { wordlist: secrets, wordlistLabel: wordlist.label };
  }

  /**
   * Queues the HS* tokens of a finished scan that no list has matched yet, replacing what the
   * document asked for before. Does nothing when no wordlist is configured.
   */
  checkReports(document: vscode.TextDocument, reports: readonly TokenReport[]): void {
    const owner = document.uri.toString();
    const wordlist = this.configuredWordlist(document.uri);
    if (!wordlist) {
      this.queue.release(owner);
      return;
    }

    const tokens = new Set<string>();
    for (const report of reports) {
      if (!isUncheckedHmacToken(report)) continue;
      if (tokens.size === MAX_TOKENS_PER_DOCUMENT) {
        if (this.truncatedLogged.has(owner)) break;
        this.truncatedLogged.add(owner);
        this.services.log.info(`Checking only the first ${MAX_TOKENS_PER_DOCUMENT} HMAC tokens of ${document.uri.toString(true)} against the wordlist ${wordlist.path}.`);
        break;
      }
      tokens.add(report.match.text);
    }
    this.queue.update(owner, wordlist.path, tokens);
  }

  /** The cached outcome of checking `token` against the wordlist of `uri`, without the secret. */
  verdictFor(uri: vscode.Uri | undefined, token: string): 'listed' | 'not-listed' | undefined {
    const wordlist = this.configuredWordlist(uri);
    const verdict = wordlist ? this.queue.verdict(wordlist.path, token) : undefined;
    if (verdict === undefined) return undefined;
    return verdict === null ? 'not-listed' : 'listed';
  }

  /** Resolves when no check is queued or running. */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /** Aborts the checks and clears every cached verdict, for example when the setting changed. */
  reset(): void {
    this.labels.clear();
    this.truncatedLogged.clear();
    this.queue.reset();
  }

  /**
   * Returns the wordlist configured for a document. In an untrusted workspace only the user's own value counts, so a
   * repository cannot make the extension read a file of its choosing.
   */
  private configuredWordlist(uri: vscode.Uri | undefined): ConfiguredWordlist | undefined {
    const value = vscode.workspace.isTrusted
      ? this.services.settings.get(SETTING, uri)
      : vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).inspect<string>(SETTING)?.globalValue;
    const label = typeof value === 'string' ? value.trim() : '';
    if (label === '') return undefined;

    const path = resolveWordlistPath(label, uri);
    if (path === undefined) return undefined;
    this.labels.set(path, label);
    return { label, path };
  }

  private reportError(token: string, path: string, error: unknown, wordlistFailed: boolean): void {
    if (!wordlistFailed) {
      this.services.log.warn(`Checking ${redactToken(token)} against the wordlist ${path} failed: ${describeError(error)}`);
      return;
    }
    // The queue stops using this wordlist until the setting changes, so this runs once per path.
    const message = error instanceof Error ? error.message : String(error);
    this.services.log.warn(`${message} Tokens are not checked against jwtLens.${SETTING} until the setting changes.`);
    const label = this.labels.get(path) ?? path;
    this.disposables.push(vscode.window.setStatusBarMessage(`$(warning) JWT Lens: cannot read the wordlist ${label}; see the JWT Lens log`, NOTICE_DURATION));
  }

  dispose(): void {
    this.queue.reset();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** True for an HS256/384/512 JWS whose secret no list has matched yet. */
function isUncheckedHmacToken(report: TokenReport): boolean {
  const alg = report.decoded.header?.alg;
  return (
    report.decoded.kind === 'jws' &&
    report.decoded.parts.length === 3 &&
    typeof alg === 'string' &&
    HMAC_ALGORITHMS.has(alg) &&
    report.verification.weakSecret === undefined
  );
}

/** Resolves a relative path against the folder holding `uri` (or the first folder); undefined without one. */
function resolveWordlistPath(path: string, uri: vscode.Uri | undefined): string | undefined {
  if (isAbsolute(path)) return path;
  const folder = (uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, path).fsPath : undefined;
}
