/**
 * Publishes a diagnostic for every finding in open documents. Scans are debounced per document, a
 * new edit cancels the scan in flight, and the work yields between chunks so typing does not wait
 * on it (measured by `bench/extension`).
 */
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/model';
import { ruleById } from '../core/rules';
import { analyzeInChunks, analyzeAtCharacter, reportAtOffset, segmentOffsets, type DocumentReport } from './analysis';
import { describeError } from './log';
import type { JwtLensServices } from './services';

export const DIAGNOSTIC_SOURCE = 'jwtLens';

/** Schemes whose documents are editor internals, never user content. */
const IGNORED_SCHEMES = new Set(['output', 'debug', 'vscode-scm', 'git', 'comment', 'vscode-settings']);

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

interface DocumentState {
  timer?: ReturnType<typeof setTimeout>;
  /** Increases with each scan, so an older scan can tell that it was superseded. */
  generation: number;
  /** Reports of the last finished scan and the document version they describe. */
  reports?: { version: number; items: DocumentReport[] };
  running?: Promise<void>;
  /** True when the document was skipped for being larger than `jwtLens.maxFileSize`. */
  tooLarge?: boolean;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly states = new Map<string, DocumentState>();
  private readonly scanned = new vscode.EventEmitter<{ document: vscode.TextDocument; reports: readonly DocumentReport[] }>();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.scanned];
  private readonly docsBase: string;

  /** Fires after a scan published its diagnostics, with the reports of the document. */
  readonly onDidScan = this.scanned.event;

  constructor(private readonly services: JwtLensServices) {
    this.docsBase = rulesDocsUrl(services.context.extension.packageJSON as { repository?: unknown });
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    );
  }

  /** Scans every open document now, for example after the settings or the session keys changed. */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /**
   * Resolves when no scan of `uri` is pending or running, so tests and the benchmark can read
   * settled diagnostics.
   */
  async whenIdle(uri: vscode.Uri): Promise<void> {
    for (;;) {
      const state = this.states.get(uri.toString());
      if (!state) return;
      if (state.running) {
        await state.running;
      } else if (state.timer !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      } else {
        return;
      }
    }
  }

  /**
   * Returns the report of the token covering `position`: from the last scan when it matches the
   * document's version, else by analyzing the token under the cursor alone.
   */
  async reportAt(document: vscode.TextDocument, position: vscode.Position): Promise<DocumentReport | undefined> {
    const state = this.states.get(document.uri.toString());
    if (state?.reports?.version === document.version) {
      return reportAtOffset(state.reports.items, document.offsetAt(position));
    }
    // The lookup reads only the run of token characters around the cursor, so it works in documents
    // above jwtLens.maxFileSize too.
    if (IGNORED_SCHEMES.has(document.uri.scheme)) return undefined;

    const line = document.lineAt(position.line);
    const report = await analyzeAtCharacter(line.text, position.character, this.analyzeOptions(document));
    if (!report) return undefined;
    const lineStart = document.offsetAt(line.range.start);
    return { ...report, match: { ...report.match, start: report.match.start + lineStart, end: report.match.end + lineStart } };
  }

  /** Reports of the last scan that overlap `range`, when the scan matches the document's version. */
  reportsIn(document: vscode.TextDocument, range: vscode.Range): DocumentReport[] | undefined {
    const reports = this.states.get(document.uri.toString())?.reports;
    if (reports?.version !== document.version) return undefined;
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    return reports.items.filter((report) => report.match.start <= end && report.match.end >= start);
  }

  private analyzeOptions(document: vscode.TextDocument) {
    return {
      policy: this.services.policyFor(document.uri),
      now: this.services.now(),
      keys: [...this.services.keys.list()],
      ...this.services.weakSecretOptions(document.uri),
    };
  }

  private schedule(document: vscode.TextDocument, delay?: number): void {
    if (IGNORED_SCHEMES.has(document.uri.scheme)) return;
    const key = document.uri.toString();
    const state = this.states.get(key) ?? { generation: 0 };
    this.states.set(key, state);

    // A new edit supersedes the scan in flight; it notices at its next chunk boundary.
    state.generation++;
    if (state.timer !== undefined) clearTimeout(state.timer);
    const wait = delay ?? this.services.settings.get('diagnostics.debounce', document);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const previous = state.running ?? Promise.resolve();
      const run = previous.then(() => this.scan(document, state));
      state.running = run;
      void run.finally(() => {
        if (state.running === run) state.running = undefined;
      });
    }, wait);
  }

  private async scan(document: vscode.TextDocument, state: DocumentState): Promise<void> {
    const generation = state.generation;
    const isCancelled = (): boolean => state.generation !== generation || document.isClosed;
    if (isCancelled()) return;

    if (!this.services.settings.get('diagnostics.enabled', document)) {
      this.collection.delete(document.uri);
      state.reports = undefined;
      return;
    }

    const text = document.getText();
    const maxFileSize = this.services.settings.get('maxFileSize', document);
    if (text.length > maxFileSize) {
      if (!state.tooLarge) {
        this.services.log.info(`Skipped ${document.uri.toString(true)}: ${text.length} characters exceeds jwtLens.maxFileSize (${maxFileSize}).`);
      }
      state.tooLarge = true;
      state.reports = undefined;
      this.collection.delete(document.uri);
      return;
    }
    state.tooLarge = false;

    const version = document.version;
    const started = Date.now();
    let reports: DocumentReport[] | undefined;
    try {
      reports = await analyzeInChunks(text, this.analyzeOptions(document), { isCancelled });
    } catch (error) {
      this.services.log.error(`Scanning ${document.uri.toString(true)} failed: ${describeError(error)}`);
      return;
    }
    if (!reports || isCancelled()) return;

    state.reports = { version, items: reports };
    this.collection.set(document.uri, reports.flatMap((report) => this.toDiagnostics(document, report)));
    this.scanned.fire({ document, reports });
    this.services.log.trace(`Scanned ${document.uri.toString(true)} v${version}: ${reports.length} token(s) in ${Date.now() - started} ms.`);
  }

  private toDiagnostics(document: vscode.TextDocument, report: DocumentReport): vscode.Diagnostic[] {
    return report.findings.map((finding) => {
      const diagnostic = new vscode.Diagnostic(this.rangeOf(document, report, finding), finding.message, SEVERITY[finding.severity]);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      const anchor = ruleById(finding.rule)?.docsAnchor ?? finding.rule;
      diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(`${this.docsBase}#${anchor}`) };
      return diagnostic;
    });
  }

  private rangeOf(document: vscode.TextDocument, report: DocumentReport, finding: Finding): vscode.Range {
    let start = report.match.start;
    let end = report.match.end;
    const segment = finding.segment !== undefined ? segmentOffsets(report.match.text)[finding.segment] : undefined;
    // An empty segment (the signature of an unsecured token) has no width to underline.
    if (segment && segment.end > segment.start) {
      start = report.match.start + segment.start;
      end = report.match.start + segment.end;
    }
    return new vscode.Range(document.positionAt(start), document.positionAt(end));
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const state = this.states.get(key);
    if (state) {
      state.generation++;
      if (state.timer !== undefined) clearTimeout(state.timer);
    }
    this.states.delete(key);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const state of this.states.values()) {
      state.generation++;
      if (state.timer !== undefined) clearTimeout(state.timer);
    }
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The `docs/rules.md` URL in the repository named by `package.json`'s `repository` field. */
export function rulesDocsUrl(packageJson: { repository?: unknown }): string {
  const repository = packageJson.repository;
  const url = typeof repository === 'string' ? repository : (repository as { url?: string } | undefined)?.url ?? '';
  const base = url.replace(/^git\+/, '').replace(/\.git$/, '');
  return `${base}/blob/main/docs/rules.md`;
}
