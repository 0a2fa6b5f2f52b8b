/**
 * The host side of one JWT Lens panel: analyses its token, handles the webview's requests (verify,
 * choose a key file, re-sign, copy or insert a token) and posts the results back. Every incoming
 * message passes `parseWebviewMessage` first; anything else is ignored and logged without its content.
 */

import * as vscode from 'vscode';

import type { AnalyzeOptions, KeyMaterial, Policy, TokenReport } from '../../core/model';
import { describeError, redactToken } from '../log';
import { analyzeText, analyzeToken, HMAC_ALGORITHMS, keyScopeOf, loadKeyFile, resolveSigningKey, ruleById, signToken } from './engine';
import { createNonce, panelWebviewOptions, renderPanelHtml } from './html';
import {
  parseWebviewMessage,
  type FindingView,
  type HostMessage,
  type KeyChoice,
  type KeyOptionView,
  type PanelView,
  type TokenTarget,
  type WebviewMessage,
} from './protocol';
import { StoredSecrets } from './storedSecrets';
import { panelTitle } from './title';
import { buildPanelView, verificationOf } from './view';

/** Label of a secret typed into the panel's password box, as findings and hovers name it. */
export const ENTERED_SECRET_LABEL = 'HMAC secret entered in the panel';

/** After this many ignored messages, only every hundredth is logged. */
const IGNORED_MESSAGES_LOGGED = 10;

/** The services a panel uses from the rest of the extension. */
export interface PanelDependencies {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  secrets: vscode.SecretStorage;
  /** The current time in seconds since the epoch. */
  now(): number;
  /** The policy that applies to tokens in `uri` (the workspace policy when undefined). */
  policyFor(uri: vscode.Uri | undefined): Policy | Promise<Policy>;
  /** Keys verified this session, which the editor's diagnostics and hovers also use. */
  sessionKeys(): readonly KeyMaterial[];
  /** Secrets found so far in the user's wordlist for `uri`, labelled with the file. */
  weakSecretOptions?(uri: vscode.Uri | undefined): Pick<AnalyzeOptions, 'wordlist' | 'wordlistLabel'>;
  /** Adds a key to the session key store, so diagnostics and hovers show its result too. */
  addSessionKey(key: KeyMaterial): void;
  /**
   * Fires when the analysis of tokens may have changed: with a document's URI after its scan, or
   * with undefined when session keys or settings changed for every token.
   */
  onDidChangeAnalysis?: vscode.Event<vscode.Uri | undefined>;
}

/** The editor range a token was opened from, so "Insert into editor" can replace it. */
export interface TokenSource {
  uri: vscode.Uri;
  /** The token's range, or undefined when only the document is known. */
  range: vscode.Range | undefined;
  /** The document version the range belongs to. */
  version: number | undefined;
  /** The text that was at `range` in that version. */
  text: string;
}

interface KeyFileEntry {
  material: KeyMaterial;
  option: KeyOptionView;
}

/** A user-facing failure of a panel request; its message is safe to show and to log. */
class PanelRequestError extends Error {}

export class PanelController implements vscode.Disposable {
  private readonly postedEmitter = new vscode.EventEmitter<HostMessage>();
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly storedSecrets: StoredSecrets;
  private readonly keyFiles = new Map<string, KeyFileEntry>();
  private queue: Promise<void> = Promise.resolve();
  private ready = false;
  private markReady: () => void = () => {};
  private ignoredMessages = 0;
  private report: TokenReport | undefined;
  private disposed = false;

  /** Fires with every message the host posts to the webview (for tests and diagnostics). */
  readonly onDidPostMessage = this.postedEmitter.event;
  /** Fires once when the panel closes. */
  readonly onDidDispose = this.disposedEmitter.event;

  /** The nonce of the panel's Content Security Policy. */
  readonly nonce = createNonce();

  /** Resolves once the webview script has loaded and sent `ready`, and the first render is posted. */
  readonly whenReady = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDependencies,
    private token: string,
    private source: TokenSource | undefined,
  ) {
    this.storedSecrets = new StoredSecrets(deps.secrets);
    panel.title = panelTitle(token);

    panel.webview.options = panelWebviewOptions(deps.extensionUri);
    panel.webview.html = renderPanelHtml(panel.webview, deps.extensionUri, this.nonce);

    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receiveMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
    if (deps.onDidChangeAnalysis) {
      this.subscriptions.push(deps.onDidChangeAnalysis((uri) => this.analysisChanged(uri)));
    }
  }

  /** The token the panel shows. */
  get currentToken(): string {
    return this.token;
  }

  /**
   * Handles one message as if the webview had sent it, and resolves once the host has posted its reply.
   * Messages are handled one at a time, in arrival order.
   */
  receiveMessage(message: unknown): Promise<void> {
    const parsed = parseWebviewMessage(message);
    if (!parsed.ok) {
      this.logIgnored(parsed.error);
      return this.queue;
    }

    this.queue = this.queue.then(() => this.handle(parsed.message)).catch(async (error: unknown) => {
      this.deps.log.error(`Panel request ${parsed.message.type} failed: ${describeError(error)}`);
      await this.post({
        type: 'notice',
        level: 'error',
        message: `The ${parsed.message.type} request failed; the JWT Lens log has the details.`,
      }).catch(() => undefined);
    });
    return this.queue;
  }

  /** Shows another token in this panel, keeping where the first one came from. */
  async showToken(token: string, source: TokenSource | undefined = this.source): Promise<void> {
    this.token = token;
    this.source = source;
    this.report = undefined;
    this.panel.title = panelTitle(token);
    if (this.ready) await this.postRender();
  }

  /**
   * Analyses the token again and posts the new view once the queued requests are done, so the panel
   * keeps showing what the diagnostics show.
   */
  refresh(): Promise<void> {
    this.queue = this.queue.then(async () => {
      this.report = undefined;
      if (this.ready && !this.disposed) await this.postRender();
    }).catch((error: unknown) => {
      this.deps.log.error(`Panel refresh failed: ${describeError(error)}`);
    });
    return this.queue;
  }

  /** Loads a PEM, JWK or JWKS file as a key for verifying and re-signing; the path is its label. */
  async addKeyFile(path: string): Promise<KeyOptionView> {
    const material = await loadKeyFile(path);
    const algorithms = await signingAlgorithms(material);
    const option: KeyOptionView = { source: 'key-file', label: material.label, algorithms };
    this.keyFiles.set(material.label, { material, option });
    await this.postKeysChanged();
    return option;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposedEmitter.fire();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel.dispose();
    this.postedEmitter.dispose();
    this.disposedEmitter.dispose();
  }

  private async handle(message: WebviewMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          this.ready = true;
          await this.postRender();
          this.markReady();
          return;
        case 'verify':
          await this.verify(message.key);
          return;
        case 'chooseKeyFile':
          await this.chooseKeyFile();
          return;
        case 'forgetStoredSecret':
          await this.storedSecrets.delete(await this.issuer());
          await this.postKeysChanged();
          await this.post({ type: 'notice', level: 'info', message: 'The stored HMAC secret was deleted.' });
          return;
        case 'resign':
          await this.resign(message.header, message.payload, message.alg, message.key);
          return;
        case 'useToken':
          await this.useToken(message.token, message.target);
          return;
        case 'openRuleDocs':
          await this.openRuleDocs(message.rule);
          return;
      }
    } catch (error) {
      if (!(error instanceof PanelRequestError)) throw error;
      if (message.type === 'resign') {
        await this.post({ type: 'resignResult', ok: false, error: error.message });
      } else {
        await this.post({ type: 'notice', level: 'error', message: error.message });
      }
    }
  }

  private async verify(choice: KeyChoice): Promise<void> {
    const key = await this.resolveKey(choice);
    // Only the chosen key, so the result is about that key even when a session key also verifies.
    const report = await this.analyze([key]);
    this.report = report;

    // Scoped to this token and its issuer, so the key cannot mark unrelated tokens invalid.
    if (report.verification.status === 'verified') this.deps.addSessionKey({ ...key, appliesTo: keyScopeOf(report.decoded) });
    this.deps.log.info(`Panel verified ${redactToken(this.token)} with ${key.label}: ${report.verification.status}`);
    await this.post({
      type: 'verificationResult',
      verification: verificationOf(report),
      findings: findingViews(report),
      keyLabel: key.label,
    });
  }

  private async resign(headerText: string, payloadText: string, alg: string, choice: KeyChoice): Promise<void> {
    const header = parseJsonObject(headerText, 'Header');
    const payload = parseJsonObject(payloadText, 'Claims');
    const key = await this.resolveKey(choice);

    let token: string;
    try {
      token = await signToken({ header, payload, key, alg });
    } catch (error) {
      throw new PanelRequestError(error instanceof Error ? error.message : String(error));
    }
    this.deps.log.info(`Panel re-signed a token with ${alg} and ${key.label}: ${redactToken(token)}`);
    await this.post({ type: 'resignResult', ok: true, token, alg, keyLabel: key.label });
  }

  /** Turns the webview's key choice into key material; remembers an entered secret when asked. */
  private async resolveKey(choice: KeyChoice): Promise<KeyMaterial> {
    switch (choice.source) {
      case 'secret': {
        if (choice.remember) {
          await this.storedSecrets.store(await this.issuer(), choice.secret);
          await this.postKeysChanged();
        }
        return { label: ENTERED_SECRET_LABEL, kind: 'secret', data: new TextEncoder().encode(choice.secret) };
      }
      case 'key-file': {
        const entry = this.keyFiles.get(choice.label);
        if (entry === undefined) throw new PanelRequestError('That key file is no longer loaded; choose it again.');
        return entry.material;
      }
      case 'stored-secret': {
        const stored = await this.storedSecrets.get(await this.issuer());
        if (stored === undefined) throw new PanelRequestError('No HMAC secret is stored for this token\'s issuer.');
        return stored;
      }
    }
  }

  private async chooseKeyFile(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Use Key',
      title: 'Choose a PEM, JWK or JWKS file',
      filters: { 'Key files': ['pem', 'key', 'pub', 'crt', 'cer', 'json', 'jwk', 'jwks'], 'All files': ['*'] },
    });
    const uri = picked?.[0];
    if (uri === undefined) return;

    try {
      const option = await this.addKeyFile(uri.fsPath);
      await this.post({ type: 'notice', level: 'info', message: `Loaded key file ${option.label}.` });
    } catch (error) {
      this.deps.log.warn(`Panel could not load key file ${uri.fsPath}: ${describeError(error)}`);
      throw new PanelRequestError(`Could not load ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async useToken(token: string, target: TokenTarget): Promise<void> {
    switch (target) {
      case 'copy':
        await copyToClipboard(token);
        await this.post({ type: 'notice', level: 'info', message: 'Copied the token to the clipboard.' });
        return;
      case 'insert':
        await this.insertIntoEditor(token);
        return;
      case 'panel':
        await this.showToken(token);
        return;
      case 'document': {
        const document = await vscode.workspace.openTextDocument({ content: token });
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
        return;
      }
    }
  }

  /**
   * Replaces the original token when its document is unchanged since the panel opened. Otherwise
   * inserts at the cursor of that document's editor, or of the active editor for a pasted token.
   */
  private async insertIntoEditor(token: string): Promise<void> {
    const source = this.source;
    const document = source === undefined ? vscode.window.activeTextEditor?.document : await openDocument(source.uri);
    if (document === undefined) throw new PanelRequestError('No editor to insert into; open a file first.');

    const visible = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preview: false,
    });
    const replaceable =
      source?.range !== undefined && source.version === document.version && document.getText(source.range) === source.text;
    const range = replaceable ? source.range! : editor.selection;

    const applied = await editor.edit((builder) => builder.replace(range, token));
    if (!applied) throw new PanelRequestError('The editor rejected the edit; try again.');

    const start = range.start;
    const end = document.positionAt(document.offsetAt(start) + token.length);
    this.source = { uri: document.uri, range: new vscode.Range(start, end), version: document.version, text: token };
    this.token = token;
    this.report = undefined;
    this.panel.title = panelTitle(token);
    await this.postRender();
    await this.post({
      type: 'notice',
      level: 'info',
      message: replaceable ? 'Replaced the original token in the editor.' : 'Inserted the token at the cursor.',
    });
  }

  private async openRuleDocs(id: string): Promise<void> {
    const rule = ruleById(id);
    if (rule === undefined) throw new PanelRequestError(`There is no rule ${id}.`);
    const docs = vscode.Uri.joinPath(this.deps.extensionUri, 'docs', 'rules.md').with({ fragment: rule.docsAnchor });
    await vscode.commands.executeCommand('markdown.showPreview', docs);
  }

  private analysisChanged(uri: vscode.Uri | undefined): void {
    if (uri !== undefined && uri.toString() !== this.source?.uri.toString()) return;
    void this.refresh();
  }

  /**
   * Analyses the token with the options the diagnostics use. A token still at its place in an open
   * document is analysed with its line and the line before, so that line's suppression directives
   * and context apply as they do in the Problems view.
   *
   * NOTE: checks across the tokens of a file (a `kid` used with both HS* and RS*) see only these
   * two lines here, so the panel can miss an `alg-confusion` finding the diagnostics report.
   */
  private async analyze(keys: readonly KeyMaterial[]): Promise<TokenReport> {
    const policy = await this.deps.policyFor(this.source?.uri);
    const options: AnalyzeOptions = { policy, now: this.deps.now(), keys: [...keys], ...this.deps.weakSecretOptions?.(this.source?.uri) };

    const located = this.locateInDocument();
    if (located !== undefined) {
      const reports = await analyzeText(located.text, options);
      const report = reports.find((candidate) => candidate.match.start === located.tokenOffset && candidate.match.text === this.token);
      if (report !== undefined) return report;
    }
    return analyzeToken(this.token, options);
  }

  /** Returns the text from the line before the token to the token's last line, when the document still contains the token. */
  private locateInDocument(): { text: string; tokenOffset: number } | undefined {
    const range = this.source?.range;
    const uri = this.source?.uri.toString();
    if (range === undefined || uri === undefined) return undefined;
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
    if (document === undefined || document.getText(range) !== this.token) return undefined;

    const first = new vscode.Position(Math.max(0, range.start.line - 1), 0);
    const text = document.getText(new vscode.Range(first, document.lineAt(range.end.line).range.end));
    return { text, tokenOffset: document.offsetAt(range.start) - document.offsetAt(first) };
  }

  private async postRender(): Promise<void> {
    this.report ??= await this.analyze(this.deps.sessionKeys());
    const view: PanelView = buildPanelView(this.report, {
      now: this.deps.now(),
      sourceLabel: this.source === undefined ? null : vscode.workspace.asRelativePath(this.source.uri),
      keys: await this.keyOptions(),
      secretAlgorithms: [...HMAC_ALGORITHMS],
      hasStoredSecret: await this.storedSecrets.has(await this.issuer()),
    });
    await this.post({ type: 'render', view });
  }

  private async postKeysChanged(): Promise<void> {
    await this.post({
      type: 'keysChanged',
      keys: await this.keyOptions(),
      hasStoredSecret: await this.storedSecrets.has(await this.issuer()),
    });
  }

  private async keyOptions(): Promise<KeyOptionView[]> {
    const options = [...this.keyFiles.values()].map((entry) => entry.option);
    const stored = await this.storedSecrets.get(await this.issuer());
    if (stored !== undefined) options.push({ source: 'stored-secret', label: stored.label, algorithms: [...HMAC_ALGORITHMS] });
    return options;
  }

  /** Returns the token's `iss` when it is a string, because stored secrets are kept per issuer. */
  private async issuer(): Promise<string | null> {
    this.report ??= await this.analyze(this.deps.sessionKeys());
    const payload = this.report.decoded.payload;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
    const issuer = (payload as Record<string, unknown>).iss;
    return typeof issuer === 'string' ? issuer : null;
  }

  private async post(message: HostMessage): Promise<void> {
    if (this.disposed) return;
    this.postedEmitter.fire(message);
    await this.panel.webview.postMessage(message);
  }

  private logIgnored(error: string): void {
    this.ignoredMessages++;
    const count = this.ignoredMessages;
    if (count <= IGNORED_MESSAGES_LOGGED || count % 100 === 0) {
      this.deps.log.warn(`Panel ignored an invalid webview message (${error}); ${count} ignored so far.`);
    }
  }
}

function findingViews(report: TokenReport): FindingView[] {
  return report.findings.map(({ rule, severity, message }) => ({ rule, severity, message }));
}

/** Lists the algorithms a key file can sign with: none for a public key, which can only verify. */
async function signingAlgorithms(material: KeyMaterial): Promise<string[]> {
  try {
    return [...(await resolveSigningKey(material)).algorithms];
  } catch {
    return [];
  }
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PanelRequestError(`${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PanelRequestError(`${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/** Time after which a clipboard write counts as failed, in milliseconds. */
const CLIPBOARD_TIMEOUT_MS = 5000;

/**
 * Writes the clipboard, giving up after a few seconds: in a browser-hosted VS Code the write waits
 * for the page's clipboard permission, and a stuck write would block every later panel request.
 */
async function copyToClipboard(text: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PanelRequestError('Copying to the clipboard timed out; select the token and copy it by hand.')), CLIPBOARD_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.resolve(vscode.env.clipboard.writeText(text)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function openDocument(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}
