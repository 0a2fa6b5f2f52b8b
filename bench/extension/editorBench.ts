// Runs inside the VS Code extension host (code-server). It times JWT Lens's hover and full-document
// diagnostics on a 5 MB Markdown file with 1,000 tokens against peers in the same host. It also
// measures how long the event loop and edits wait while a scan runs. Writes JSON to
// JWTLENS_BENCH_RESULTS.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { analyzeText } from '../../src/core/analyze';
import type { JwtLensApi } from '../../src/extension/main';

const NOW = 1767225600;
const TOKENS = 1000;
const TARGET_SIZE = 5 * 1024 * 1024;
const ROUNDS = 3;
const HOVER_ROUNDS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds a deterministic document: Markdown headings and paragraphs with one token every ~5 kB. */
function buildDocument(): { text: string; tokenLines: number[] } {
  const filler = 'Requests to the gateway are logged with their status, latency and the caller id. ';
  const lines: string[] = [];
  const tokenLines: number[] = [];
  const perToken = Math.floor(TARGET_SIZE / TOKENS);
  for (let i = 0; i < TOKENS; i++) {
    lines.push(`## Request ${i}`, '');
    let size = 0;
    while (size < perToken - 400) {
      const line = filler.repeat(3);
      lines.push(line, '');
      size += line.length + 2;
    }
    const claims = { sub: `user-${i}`, iss: 'https://issuer.example.test/', iat: NOW - 600, exp: NOW + (i % 3 === 0 ? -60 : 3600), scope: 'read write' };
    tokenLines.push(lines.length);
    lines.push(`Authorization: Bearer ${encode({ alg: i % 5 === 0 ? 'none' : 'HS256', typ: 'JWT' })}.${encode(claims)}.${'c2lnbmF0dXJl'.repeat(3)}`, '');
  }
  return { text: lines.join('\n'), tokenLines };
}

/** Decodes header and payload of each token-shaped string a regular expression finds (the naive peer). */
function regexDecode(text: string): number {
  let decoded = 0;
  for (const match of text.matchAll(/eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g)) {
    const [header, payload] = match[0].split('.');
    JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    decoded++;
  }
  return decoded;
}

/** Runs `work` while a 1 ms interval probes the event loop; returns the work's time and the longest gap. */
async function withLoopProbe<T>(work: () => Promise<T>): Promise<{ ms: number; longestStallMs: number; result: T }> {
  let last = performance.now();
  let longest = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  // A synchronous run lets no probe fire, so the gap up to its end counts as well.
  longest = Math.max(longest, performance.now() - last);
  clearInterval(probe);
  return { ms, longestStallMs: longest, result };
}

async function timed(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<JwtLensApi>('jwt-lens.jwt-lens');
  if (!extension) throw new Error('extension jwt-lens.jwt-lens is not installed');
  const api = await extension.activate();
  api.services.setClock(() => NOW);
  await vscode.workspace.getConfiguration('jwtLens').update('diagnostics.debounce', 10_000, vscode.ConfigurationTarget.Workspace);

  const { text, tokenLines } = buildDocument();
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, 'bench.md');
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await api.diagnostics.whenIdle(uri);

  // Full-document diagnostics against the naive regex decode and VS Code's document symbols.
  const scanRuns: Array<{ ms: number; longestStallMs: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    scanRuns.push(
      await withLoopProbe(async () => {
        api.services.refreshDiagnostics();
        await new Promise((resolve) => setTimeout(resolve, 0));
        await api.diagnostics.whenIdle(uri);
      }),
    );
  }
  const diagnosticsCount = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'jwtLens').length;
  const unchunked = await withLoopProbe(() => analyzeText(text, { policy: api.services.policyFor(uri), now: NOW }));
  const regexRuns: number[] = [];
  for (let round = 0; round < ROUNDS; round++) regexRuns.push(await timed(() => regexDecode(text)));
  const symbolRuns: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    symbolRuns.push(await timed(() => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri)));
  }

  // Hover on a token against a hover on plain words of the same document (the other providers only).
  const tokenPosition = new vscode.Position(tokenLines[500], 40);
  const wordPosition = new vscode.Position(tokenLines[500] - 2, 10);
  const hoverRuns: number[] = [];
  const plainHoverRuns: number[] = [];
  for (let round = 0; round < HOVER_ROUNDS; round++) {
    hoverRuns.push(await timed(() => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, tokenPosition)));
    plainHoverRuns.push(await timed(() => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, wordPosition)));
  }

  // Edit latency while idle, then while a full scan runs (each edit cancels the scan at its next chunk).
  const idleEdits: number[] = [];
  for (let i = 0; i < 10; i++) idleEdits.push(await timed(() => editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'x'))));
  const busyEdits: number[] = [];
  for (let i = 0; i < 10; i++) {
    api.services.refreshDiagnostics();
    await new Promise((resolve) => setTimeout(resolve, 5));
    busyEdits.push(await timed(() => editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'y'))));
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.workspace.getConfiguration('jwtLens').update('diagnostics.debounce', undefined, vscode.ConfigurationTarget.Workspace);

  const results = {
    documentCharacters: text.length,
    tokens: tokenLines.length,
    diagnostics: diagnosticsCount,
    diagnosticsMs: median(scanRuns.map((r) => r.ms)),
    diagnosticsLongestStallMs: Math.max(...scanRuns.map((r) => r.longestStallMs)),
    unchunkedAnalyzeMs: unchunked.ms,
    unchunkedLongestStallMs: unchunked.longestStallMs,
    regexDecodeMs: median(regexRuns),
    regexDecoded: regexDecode(text),
    documentSymbolsMs: median(symbolRuns),
    hoverMs: median(hoverRuns),
    plainHoverMs: median(plainHoverRuns),
    idleEditMs: median(idleEdits),
    idleEditMaxMs: Math.max(...idleEdits),
    busyEditMs: median(busyEdits),
    busyEditMaxMs: Math.max(...busyEdits),
  };
  console.log(JSON.stringify(results, null, 2));
  if (process.env.JWTLENS_BENCH_RESULTS) writeFileSync(process.env.JWTLENS_BENCH_RESULTS, JSON.stringify(results, null, 2));
}
