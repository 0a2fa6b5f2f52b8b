/**
 * Registers the JWT Lens panel: the `jwtLens.openPanel` command and the serializer that restores
 * open panels after a window reload.
 */

import * as vscode from 'vscode';

import type { Position as CorePosition } from '../../core/model';
import { describeError } from '../log';
import type { ExtensionServices } from '../services';
import { findTokens } from './engine';
import { PanelController, type PanelDependencies, type TokenSource } from './panelController';
import { MAX_TOKEN_LENGTH, PANEL_VIEW_TYPE, parsePanelState } from './protocol';
import { panelTitle } from './title';

export { PanelController } from './panelController';

export const OPEN_PANEL_COMMAND = 'jwtLens.openPanel';

/** The argument of `jwtLens.openPanel`; every field is optional and checked before use. */
export interface OpenPanelArgs {
  token?: string;
  /** The document the token is in, as a URI string or `vscode.Uri`. */
  uri?: string | vscode.Uri;
  /** The token's range in that document: a `vscode.Range`, `{ start, end }` or `[start, end]`. */
  range?: unknown;
}

/** The diagnostics event a panel follows, so it shows what the Problems view shows. */
export interface ScanEvents {
  readonly onDidScan: vscode.Event<{ document: vscode.TextDocument }>;
}

/**
 * Registers the panel command and its serializer; both are disposed with the extension. With
 * `scans`, open panels analyse their token again after each scan of the document it came from.
 */
export function registerPanel(context: vscode.ExtensionContext, services: ExtensionServices, scans?: ScanEvents): void {
  const analysisChanged = new vscode.EventEmitter<vscode.Uri | undefined>();
  context.subscriptions.push(
    analysisChanged,
    services.keys.onDidChange(() => analysisChanged.fire(undefined)),
    services.settings.onDidChange(() => analysisChanged.fire(undefined)),
  );
  if (scans) context.subscriptions.push(scans.onDidScan(({ document }) => analysisChanged.fire(document.uri)));
  const deps = panelDependencies(context, services, analysisChanged.event);
  const open = new Set<PanelController>();

  const track = (controller: PanelController): PanelController => {
    open.add(controller);
    controller.onDidDispose(() => open.delete(controller));
    return controller;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_PANEL_COMMAND, async (args?: unknown) => {
      try {
        return await openPanel(args, deps, open, track);
      } catch (error) {
        services.reportError('Could not open the JWT Lens panel', error);
        return undefined;
      }
    }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        // The state comes from the webview, so it is checked like any other message from it.
        const restored = parsePanelState(state);
        if (restored === null) deps.log.warn('Restored a JWT Lens panel without a valid saved state; it opens empty.');
        track(new PanelController(panel, deps, restored?.token ?? '', undefined));
        return Promise.resolve();
      },
    }),
    { dispose: () => [...open].forEach((controller) => controller.dispose()) },
  );
}

/**
 * Opens a panel for the token in `args`, else the selected token or the one under the cursor,
 * else one the user pastes. Like the Markdown preview, one panel is reused: an open panel that
 * shows the same token, else the last one opened, is revealed in its column with the new token.
 * Returns the panel's controller, which integration tests use to talk to the host side.
 */
async function openPanel(
  args: unknown,
  deps: PanelDependencies,
  open: ReadonlySet<PanelController>,
  track: (controller: PanelController) => PanelController,
): Promise<PanelController | undefined> {
  const target = parseOpenArgs(args) ?? tokenFromActiveEditor() ?? (await askForToken());
  if (target === undefined) return undefined;

  const panels = [...open];
  const existing = panels.find((controller) => controller.currentToken === target.token) ?? panels.at(-1);
  if (existing !== undefined) {
    existing.panel.reveal(existing.panel.viewColumn);
    if (existing.currentToken === target.token) await existing.refresh();
    else await existing.showToken(target.token, target.source);
    return existing;
  }

  const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, panelTitle(target.token), vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'media')],
  });
  return track(new PanelController(panel, deps, target.token, target.source));
}

interface OpenTarget {
  token: string;
  source: TokenSource | undefined;
}

/** Reads the command argument; returns undefined when it names no token. */
function parseOpenArgs(args: unknown): OpenTarget | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const { token, uri, range } = args as OpenPanelArgs;
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;

  const documentUri = parseUri(uri);
  if (documentUri === undefined) return { token, source: undefined };

  const parsedRange = parseRange(range);
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === documentUri.toString());
  return {
    token,
    source: {
      uri: documentUri,
      range: parsedRange,
      version: document?.version,
      text: parsedRange !== undefined && document !== undefined ? document.getText(parsedRange) : token,
    },
  };
}

function parseUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value !== 'string' || value.length === 0) return undefined;
  try {
    return vscode.Uri.parse(value, true);
  } catch {
    return undefined;
  }
}

/** Accepts a `vscode.Range`, `{ start, end }` or the `[start, end]` a Range becomes in JSON. */
function parseRange(value: unknown): vscode.Range | undefined {
  if (value instanceof vscode.Range) return value;

  let pair: unknown[];
  if (Array.isArray(value)) {
    pair = value;
  } else if (typeof value === 'object' && value !== null) {
    const { start, end } = value as { start?: unknown; end?: unknown };
    pair = [start, end];
  } else {
    return undefined;
  }
  if (pair.length !== 2) return undefined;

  const start = parsePosition(pair[0]);
  const end = parsePosition(pair[1]);
  return start && end ? new vscode.Range(start, end) : undefined;
}

function parsePosition(value: unknown): vscode.Position | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { line, character } = value as Partial<CorePosition>;
  if (!isNonNegativeInteger(line) || !isNonNegativeInteger(character)) return undefined;
  return new vscode.Position(line, character);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Finds the token under the active editor's cursor, with its range for a later replace. */
function tokenFromActiveEditor(): OpenTarget | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) return undefined;

  const { document, selection } = editor;
  const line = document.lineAt(selection.active.line);
  const cursor = selection.active.character;
  const match = findTokens(line.text).find((candidate) => candidate.start <= cursor && cursor <= candidate.end);
  if (match === undefined) return undefined;

  const range = new vscode.Range(line.lineNumber, match.start, line.lineNumber, match.end);
  return { token: match.text, source: { uri: document.uri, range, version: document.version, text: match.text } };
}

async function askForToken(): Promise<OpenTarget | undefined> {
  const token = await vscode.window.showInputBox({
    title: 'JWT Lens: Open Panel',
    prompt: 'Paste a JWT (compact JWS or JWE) to inspect',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().includes('.') ? undefined : 'A compact JWT has segments separated by dots.'),
  });
  const trimmed = token?.trim();
  return trimmed ? { token: trimmed, source: undefined } : undefined;
}

function panelDependencies(
  context: vscode.ExtensionContext,
  services: ExtensionServices,
  onDidChangeAnalysis: vscode.Event<vscode.Uri | undefined>,
): PanelDependencies {
  return {
    onDidChangeAnalysis,
    extensionUri: context.extensionUri,
    log: services.log,
    secrets: services.secrets,
    now: () => services.now(),
    policyFor: (uri) => services.policyFor(uri),
    sessionKeys: () => services.keys.list(),
    weakSecretOptions: (uri) => services.weakSecretOptions(uri),
    addSessionKey: (key) => {
      // The key store's change event refreshes the diagnostics.
      try {
        services.keys.add(key);
      } catch (error) {
        services.log.error(`Could not add ${key.label} to the session keys: ${describeError(error)}`);
      }
    },
  };
}
