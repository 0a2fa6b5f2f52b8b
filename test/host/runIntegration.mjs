// Runs the mocha suites in test/integration inside a real VS Code extension host (code-server 1.139)
// and prints the closing line "N passed, N failed". Exit code: 0 when every test passed.
//
// Usage: node test/host/runIntegration.mjs [--grep PATTERN] [--results FILE] [--timeout SECONDS] [--verbose]
// Needs `npm run build` (dist/extension.js) and `bash test/host/setup.sh`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSuites, integrationDir } from './buildSuites.mjs';
import { launchBrowser, repoRoot, startCodeServer, workbenchUrl } from './codeServer.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    results: { type: 'string' },
    timeout: { type: 'string', default: '600' },
    verbose: { type: 'boolean', default: false },
  },
});

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'dist/extension.js'))) {
    throw new Error('dist/extension.js is missing; run `npm run build` first');
  }
  const { outDir, builtFiles } = await buildSuites({ grep: options.grep });
  if (builtFiles.length === 0) throw new Error(`no *.test.ts files found under ${integrationDir}`);

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-integration-'));
  const workspace = path.join(tempDir, 'workspace');
  // Tests change settings and policy files, so each run gets a fresh copy of the workspace.
  fs.cpSync(path.join(integrationDir, 'workspace'), workspace, { recursive: true });
  const resultsFile = path.join(tempDir, 'results.json');

  const server = await startCodeServer({
    tempDir: path.join(tempDir, 'server'),
    env: { JWTLENS_TEST_RESULTS: resultsFile, JWTLENS_TEST_WORKSPACE: workspace },
    verbose: options.verbose,
  });
  const browser = await launchBrowser({ profileDir: path.join(tempDir, 'chromium') });
  const started = Date.now();
  let outcome;
  try {
    outcome = await runInWorkbench(server, browser.page, workspace, path.join(outDir, 'index.js'));
  } finally {
    await browser.context.close().catch(() => {});
    await server.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nIntegration run ended (${outcome.how}) after ${seconds} s with exit code ${outcome.code}.`);
  if (browser.blockedRequests.length > 0) {
    console.log(`Blocked ${browser.blockedRequests.length} non-loopback request(s), e.g. ${browser.blockedRequests[0]}`);
  }

  const results = fs.existsSync(resultsFile)
    ? JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
    : { passes: [], failures: [{ title: 'integration run', error: `no results (${outcome.how})` }], pending: [] };
  if (results.passes.length + results.failures.length === 0) {
    results.failures.push({ title: 'integration run', error: 'no test ran: check the suites and --grep' });
  }
  for (const failure of results.failures) console.log(`FAILED: ${failure.title}\n${failure.error}\n`);
  if (options.results) fs.writeFileSync(options.results, JSON.stringify(results, null, 2));
  console.log(`${results.passes.length} passed, ${results.failures.length} failed`);
  fs.rmSync(tempDir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
  return outcome.code === 0 && results.failures.length === 0 ? 0 : 1;
}

async function runInWorkbench(server, page, workspace, testsPath) {
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  // The workbench calls these when the extension test runner ends and for the host's console output.
  await page.exposeFunction('codeAutomationExit', (code) => finish({ code, how: 'codeAutomationExit' }));
  await page.exposeFunction('codeAutomationLog', (type, args) => (type === 'error' ? console.error : console.log)(...args));
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  if (options.verbose) page.on('console', (message) => console.log('[browser]', message.text()));

  const timer = setTimeout(
    () => finish({ code: 124, how: `time-out after ${options.timeout} s` }),
    Number(options.timeout) * 1000,
  );
  await page.goto(
    workbenchUrl(server, {
      folder: workspace,
      extensionPath: repoRoot,
      testsPath,
    }),
  );
  const outcome = await finished;
  clearTimeout(timer);
  return outcome;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('Integration harness failed:', error);
    console.log('0 passed, 1 failed');
    process.exit(2);
  },
);
