// Runs bench/extension/editorBench.ts inside a real VS Code extension host and prints the figures
// with their ratios to the peers measured in the same run.
// Usage: npm run build && node bench/extension/run.mjs
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repoRoot, startCodeServer, workbenchUrl } from '../../test/host/codeServer.mjs';

const outDir = path.join(repoRoot, '.vscode-test/out/bench-extension');

async function main() {
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'bench/extension/editorBench.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    loader: { '.wasm': 'binary' },
    logLevel: 'warning',
  });

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-bench-'));
  const workspace = path.join(tempDir, 'workspace');
  fs.mkdirSync(workspace);
  const resultsFile = path.join(tempDir, 'results.json');
  const server = await startCodeServer({ tempDir: path.join(tempDir, 'server'), env: { JWTLENS_BENCH_RESULTS: resultsFile } });
  const browser = await launchBrowser({ profileDir: path.join(tempDir, 'chromium') });
  try {
    const page = browser.page;
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => (type === 'error' ? console.error : console.log)(...args));
    const timer = setTimeout(() => finish(124), 300_000);
    await page.goto(workbenchUrl(server, { folder: workspace, extensionPath: repoRoot, testsPath: path.join(outDir, 'index.js') }));
    const code = await finished;
    clearTimeout(timer);
    if (code !== 0 || !fs.existsSync(resultsFile)) throw new Error(`benchmark run failed (exit code ${code})`);
  } finally {
    await browser.context.close().catch(() => {});
    await server.stop();
  }

  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  fs.rmSync(tempDir, { recursive: true, force: true });
  const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(`\nDocument: ${(r.documentCharacters / 1e6).toFixed(2)} M characters, ${r.tokens} tokens, ${r.diagnostics} diagnostics\n`);
  console.log('| measure | JWT Lens | peer | peer time | ratio |');
  console.log('|---|---|---|---|---|');
  console.log(`| full-document diagnostics | ${ms(r.diagnosticsMs)} | regex decode of the same tokens (${r.regexDecoded}) | ${ms(r.regexDecodeMs)} | ${ratio(r.diagnosticsMs, r.regexDecodeMs)} |`);
  console.log(`| full-document diagnostics | ${ms(r.diagnosticsMs)} | vscode.executeDocumentSymbolProvider (Markdown) | ${ms(r.documentSymbolsMs)} | ${ratio(r.diagnosticsMs, r.documentSymbolsMs)} |`);
  console.log(`| longest event-loop stall during the scan | ${ms(r.diagnosticsLongestStallMs)} | one analyzeText call on the whole text | ${ms(r.unchunkedLongestStallMs)} | ${ratio(r.diagnosticsLongestStallMs, r.unchunkedLongestStallMs)} |`);
  console.log(`| hover on a token | ${ms(r.hoverMs)} | hover on plain words (other providers only) | ${ms(r.plainHoverMs)} | ${ratio(r.hoverMs, r.plainHoverMs)} |`);
  console.log(`| edit latency during a scan (median / max) | ${ms(r.busyEditMs)} / ${ms(r.busyEditMaxMs)} | edit latency while idle | ${ms(r.idleEditMs)} / ${ms(r.idleEditMaxMs)} | ${ratio(r.busyEditMs, r.idleEditMs)} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
