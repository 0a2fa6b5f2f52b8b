/** The token hover: registered for every document, whatever its scheme or language. */
import * as vscode from 'vscode';
import type { DiagnosticsController } from '../diagnostics';
import type { JwtLensServices } from '../services';
import { HOVER_COMMANDS, renderHover } from './renderHover';

/** Files, untitled editors and every other scheme (remote, virtual), in any language. */
export const TOKEN_DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: '*' }];

export class TokenHoverProvider implements vscode.HoverProvider {
  /**
   * Which linked commands exist. They are all registered by this extension's `activate`, so the set
   * is read once instead of on every hover (listing all commands is a round trip to the window).
   */
  private registered?: Promise<ReadonlySet<string>>;

  constructor(
    private readonly services: JwtLensServices,
    private readonly diagnostics: DiagnosticsController,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.services.settings.get('hover.enabled', document)) return undefined;
    const report = await this.diagnostics.reportAt(document, position);
    if (!report) return undefined;

    this.registered ??= Promise.resolve(vscode.commands.getCommands(true)).then((commands): ReadonlySet<string> => new Set(commands));
    const registered = await this.registered;
    const range = new vscode.Range(document.positionAt(report.match.start), document.positionAt(report.match.end));
    const source = { uri: document.uri.toString(), range: [range.start, range.end] as [vscode.Position, vscode.Position] };
    const markdown = new vscode.MarkdownString(
      renderHover(report, { now: this.services.now(), availableCommands: registered, source }),
      false,
    );
    // Token text is hostile input: no HTML, and command links only to our own commands.
    markdown.supportHtml = false;
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    return new vscode.Hover(markdown, range);
  }
}

/** Registers the hover for every scheme and language. */
export function registerHover(services: JwtLensServices, diagnostics: DiagnosticsController): vscode.Disposable {
  return vscode.languages.registerHoverProvider(TOKEN_DOCUMENTS, new TokenHoverProvider(services, diagnostics));
}
