/** A status bar item naming the expiry of the token under the cursor; clicking opens the panel. */
import * as vscode from 'vscode';
import type { TokenReport } from '../core/model';
import { describeRelative, formatNumericDate, isRepresentableDate } from '../core/time';
import { COMMANDS } from './commandIds';
import type { DiagnosticsController } from './diagnostics';
import type { JwtLensServices } from './services';

/** Milliseconds the cursor must rest before the item updates, so holding an arrow key stays cheap. */
const CURSOR_DELAY = 100;

/** The item's text for a token: "JWT expires in 2 h", "JWT expired 3 days ago", "JWT has no exp". */
export function expiryText(report: TokenReport, now: number): string {
  const { decoded } = report;
  if (decoded.kind === 'jwe') return 'JWE (encrypted)';
  const claims = decoded.payload;
  if (!decoded.payloadParsed || claims === null || typeof claims !== 'object' || Array.isArray(claims)) return 'JWT (claims unreadable)';

  const exp = (claims as Record<string, unknown>).exp;
  if (exp === undefined) return 'JWT has no exp';
  if (!isRepresentableDate(exp)) return `JWT exp ${formatNumericDate(exp)}`;
  const relative = describeRelative(exp, now);
  // RFC 7519 4.1.4: the token is expired on or after exp.
  return exp <= now ? `JWT expired ${relative === 'now' ? 'now' : relative}` : `JWT expires ${relative}`;
}

export class TokenStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('jwtLens.token', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer?: ReturnType<typeof setTimeout>;
  private generation = 0;
  private visible = false;

  constructor(
    private readonly services: JwtLensServices,
    private readonly diagnostics: DiagnosticsController,
  ) {
    this.item.name = 'JWT Lens token';
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
    );
    this.schedule();
  }

  /** Updates the item now and resolves when done (tests call this instead of waiting for the delay). */
  async update(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.services.settings.get('statusBar.enabled', editor.document)) {
      this.hide();
      return;
    }
    const report = await this.diagnostics.reportAt(editor.document, editor.selection.active);
    if (generation !== this.generation) return;
    if (!report) {
      this.hide();
      return;
    }

    const now = this.services.now();
    this.item.text = `$(key) ${expiryText(report, now)}`;
    const exp = (report.decoded.payload as Record<string, unknown> | null)?.exp;
    this.item.tooltip = exp === undefined ? 'Open the token in the JWT Lens panel' : `exp ${formatNumericDate(exp)}. Open the token in the JWT Lens panel`;
    this.item.command = {
      command: COMMANDS.openPanel,
      title: 'Open in JWT Lens panel',
      arguments: [
        {
          token: report.decoded.raw,
          uri: editor.document.uri.toString(),
          range: new vscode.Range(editor.document.positionAt(report.match.start), editor.document.positionAt(report.match.end)),
        },
      ],
    };
    this.visible = true;
    this.item.show();
  }

  private hide(): void {
    this.visible = false;
    this.item.hide();
  }

  /** The item's current text, or undefined while it is hidden. */
  get visibleText(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update().catch((error: unknown) => this.services.log.error(`Status bar update failed: ${String(error)}`));
    }, CURSOR_DELAY);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
