// End-to-end tests: drives the real VS Code UI (code-server 1.139 in headless Chromium) with JWT Lens
// loaded as a development extension. Every test/e2e/*.e2e.mjs module is a scenario exporting
// `title` and `run(context)`; each gets a fresh browser page on a fresh copy of the workspace.
// Prints "N passed, N failed". Screenshots go to --screenshots DIR (default: a temporary folder that is
// removed afterwards, so only failures are worth keeping there).
//
// Usage: node test/e2e/run.mjs [--grep TEXT] [--screenshots DIR] [--results FILE] [--verbose]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { launchBrowser, repoRoot, startCodeServer, workbenchUrl } from '../host/codeServer.mjs';
import { createWorkbenchDriver } from './workbench.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    screenshots: { type: 'string' },
    results: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const e2eDir = path.join(repoRoot, 'test/e2e');

async function loadScenarios() {
  const files = fs.readdirSync(e2eDir).filter((file) => file.endsWith('.e2e.mjs')).sort();
  const scenarios = [];
  for (const file of files) {
    const module = await import(pathToFileURL(path.join(e2eDir, file)).href);
    if (typeof module.run !== 'function' || typeof module.title !== 'string') {
      throw new Error(`${file} must export a string \`title\` and a function \`run\``);
    }
    scenarios.push({ file, title: module.title, run: module.run });
  }
  return scenarios.filter((scenario) => !options.grep || scenario.title.includes(options.grep));
}

async function runScenario(scenario, server, tempDir, screenshotsDir) {
  const workspace = path.join(tempDir, `workspace-${path.basename(scenario.file, '.e2e.mjs')}`);
  fs.cpSync(path.join(e2eDir, 'workspace'), workspace, { recursive: true });
  const browser = await launchBrowser({ profileDir: path.join(tempDir, `chromium-${scenario.file}`) });
  const { page } = browser;
  page.on('pageerror', (error) => options.verbose && console.error('[page error]', error.message));
  if (options.verbose) page.on('console', (message) => console.log('[browser]', message.text()));
  try {
    await page.goto(workbenchUrl(server, { folder: workspace, extensionPath: repoRoot }));
    const driver = createWorkbenchDriver(page);
    await driver.waitForWorkbench();
    await scenario.run({ page, driver, workspace, screenshotsDir, assert });
    assert.deepEqual(browser.blockedRequests, [], 'the workbench made no request outside loopback');
  } catch (error) {
    await page.screenshot({ path: path.join(screenshotsDir, `failure-${path.basename(scenario.file, '.mjs')}.png`) }).catch(() => {});
    throw error;
  } finally {
    await browser.context.close().catch(() => {});
  }
}

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'dist/extension.js'))) {
    throw new Error('dist/extension.js is missing; run `npm run build` first');
  }
  const scenarios = await loadScenarios();
  if (scenarios.length === 0) throw new Error(`no *.e2e.mjs scenario in ${e2eDir} matches`);

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-e2e-'));
  const screenshotsDir = path.resolve(options.screenshots ?? path.join(tempDir, 'screenshots'));
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const server = await startCodeServer({ tempDir: path.join(tempDir, 'server'), verbose: options.verbose });

  const results = { passes: [], failures: [] };
  try {
    for (const scenario of scenarios) {
      const started = Date.now();
      try {
        await runScenario(scenario, server, tempDir, screenshotsDir);
        results.passes.push(scenario.title);
        console.log(`  ✔ ${scenario.title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        results.failures.push({ title: scenario.title, error: String(error?.stack ?? error) });
        console.log(`  ✘ ${scenario.title}\n${error?.stack ?? error}`);
      }
    }
  } finally {
    await server.stop();
  }

  console.log(`Screenshots: ${screenshotsDir}`);
  if (options.results) fs.writeFileSync(options.results, JSON.stringify(results, null, 2));
  console.log(`${results.passes.length} passed, ${results.failures.length} failed`);
  fs.rmSync(tempDir, { recursive: true, force: true });
  return results.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('End-to-end harness failed:', error);
    console.log('0 passed, 1 failed');
    process.exit(2);
  },
);
