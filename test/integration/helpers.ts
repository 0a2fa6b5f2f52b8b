// Shared helpers of the editor integration suites: activation with a frozen clock, fixture documents,
// waiting for diagnostics, and reading hover Markdown.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { JwtLensApi } from '../../src/extension/main';

/** The clock of the edge cases: 2026-01-01T00:00:00Z. */
export const CASE_NOW = 1767225600;

/** The claims of C03 token A, with UTF-8 text that broken decoders mangle. */
export const C03_A_CLAIMS = {
  sub: 'user-42',
  name: 'Zoë Ünïcødé 🎉',
  city: 'Kraków',
  nick: '测试用户',
  iat: 1767225600,
  exp: 1767229200,
};

export const OUR_HOVER_COMMANDS = ['jwtLens.openPanel', 'jwtLens.verifyToken', 'jwtLens.copyDecodedHeader', 'jwtLens.copyDecodedClaims'];

let api: JwtLensApi | undefined;

/** Activates the extension once and freezes its clock at `CASE_NOW`. */
export async function activateExtension(): Promise<JwtLensApi> {
  if (!api) {
    const extension = vscode.extensions.getExtension<JwtLensApi>('jwt-lens.jwt-lens');
    assert.ok(extension, 'extension jwt-lens.jwt-lens is not installed');
    api = await extension.activate();
  }
  api.services.setClock(() => CASE_NOW);
  await api.policyFiles.whenLoaded();
  return api;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace is not open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Opens a fixture of `workspace/` in an editor and waits for its diagnostics to settle. */
export async function openFixture(...segments: string[]): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  await vscode.window.showTextDocument(document);
  await settle(document.uri);
  return document;
}

/** Waits until no scan of `uri` is pending or running. */
export async function settle(uri: vscode.Uri): Promise<void> {
  const { diagnostics } = await activateExtension();
  // A scan is scheduled by an event that may not have fired yet; give it a moment to be queued.
  await sleep(20);
  await diagnostics.whenIdle(uri);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** JWT Lens diagnostics of a document. */
export function jwtDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'jwtLens');
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Returns the JWT Lens hover at a position, or undefined when there is none. */
export async function jwtHover(uri: vscode.Uri, position: vscode.Position): Promise<vscode.MarkdownString | undefined> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  for (const hover of hovers) {
    for (const content of hover.contents) {
      if (content instanceof vscode.MarkdownString && content.value.includes('**JSON Web Token**')) return content;
    }
  }
  return undefined;
}

/** Removes CommonMark backslash escapes, giving the text a reader sees outside code blocks. */
export function unescapeMarkdown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * Splits hover Markdown into the text outside fenced code blocks and the blocks' bodies. Fails when a
 * fence is left open, which would mean a claim broke out of its block.
 */
export function splitCodeBlocks(markdown: string): { prose: string; blocks: string[] } {
  const prose: string[] = [];
  const blocks: string[] = [];
  let fence: string | undefined;
  let body: string[] = [];
  for (const line of markdown.split('\n')) {
    if (fence === undefined) {
      const opening = /^(`{3,})[a-z]*$/.exec(line);
      if (opening) {
        fence = opening[1];
        body = [];
      } else {
        prose.push(line);
      }
    } else if (line === fence) {
      blocks.push(body.join('\n'));
      fence = undefined;
    } else {
      body.push(line);
    }
  }
  assert.equal(fence, undefined, 'a code fence in the hover is never closed');
  return { prose: prose.join('\n'), blocks };
}

/** Returns the number of the line after the first line starting with `label` (fixtures put each token there). */
export function tokenLineAfter(document: vscode.TextDocument, label: string): number {
  for (let line = 0; line < document.lineCount - 1; line++) {
    if (document.lineAt(line).text.startsWith(label)) return line + 1;
  }
  assert.fail(`no line starting with ${label} in ${document.uri.toString()}`);
}

/** Updates a `jwtLens` setting in the workspace (undefined removes it). */
export async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('jwtLens').update(key, value, vscode.ConfigurationTarget.Workspace);
}
