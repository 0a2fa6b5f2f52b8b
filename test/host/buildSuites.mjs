// Bundles the mocha suites in test/integration with esbuild for the VS Code extension host, and writes
// the index whose exported run() VS Code awaits (the shape both code-server and test-electron expect).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './codeServer.mjs';

export const integrationDir = path.join(repoRoot, 'test/integration');

/**
 * Bundles every test/integration/**\/*.test.ts into a folder of its own under .vscode-test/out (so
 * concurrent runs do not replace each other's suites) and writes the index VS Code loads. The folder
 * stays inside the repository so the bundles resolve `mocha` from its node_modules.
 */
export async function buildSuites({ grep } = {}) {
  const outDir = path.join(repoRoot, '.vscode-test/out', `integration-${process.pid}`);
  const testFiles = fs
    .readdirSync(integrationDir, { recursive: true })
    .filter((file) => file.endsWith('.test.ts') && !file.split(path.sep).includes('workspace'))
    .sort();
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: testFiles.map((file) => path.join(integrationDir, file)),
    outdir: outDir,
    outbase: integrationDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    loader: { '.wasm': 'binary' },
    logLevel: 'warning',
  });
  const builtFiles = testFiles.map((file) => file.replace(/\.ts$/, '.js'));
  fs.writeFileSync(path.join(outDir, 'index.js'), indexSource(builtFiles, grep));
  return { outDir, builtFiles };
}

/** The in-host entry point: VS Code requires it and awaits its exported run(). */
function indexSource(builtFiles, grep) {
  return `'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60000${grep ? `, grep: ${JSON.stringify(grep)}` : ''} });
  for (const file of ${JSON.stringify(builtFiles)}) mocha.addFile(path.join(__dirname, file));
  const results = { passes: [], failures: [], pending: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (process.env.JWTLENS_TEST_RESULTS) fs.writeFileSync(process.env.JWTLENS_TEST_RESULTS, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(failures + ' integration test(s) failed'));
      else resolve();
    });
    runner.on('pass', (test) => results.passes.push(test.fullTitle()));
    runner.on('pending', (test) => results.pending.push(test.fullTitle()));
    runner.on('fail', (test, error) => results.failures.push({ title: test.fullTitle(), error: String(error && error.stack || error) }));
  });
};
`;
}

