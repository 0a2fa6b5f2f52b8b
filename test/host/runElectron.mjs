// Runs the same integration suites with @vscode/test-electron, the usual desktop runner, where a VS Code
// build can be downloaded. These machines reach only npm and Debian, so there use runIntegration.mjs.
// Usage: node test/host/runElectron.mjs [--version 1.139.1]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { buildSuites, integrationDir } from './buildSuites.mjs';
import { repoRoot } from './codeServer.mjs';

const { values: options } = parseArgs({ options: { version: { type: 'string', default: '1.139.1' } } });

const { outDir } = await buildSuites();
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-electron-'));
fs.cpSync(path.join(integrationDir, 'workspace'), workspace, { recursive: true });
process.env.JWTLENS_TEST_WORKSPACE = workspace;
try {
  await runTests({
    version: options.version,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(outDir, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error('Integration tests failed:', error);
  process.exitCode = 1;
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
