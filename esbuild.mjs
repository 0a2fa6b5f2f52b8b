// Bundles the extension, the CLI and the webview script. `node esbuild.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Each bundle is built only when its entry file exists, so a partial checkout still builds. */
const bundles = [
  { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['src/core/crack/worker.ts'], outfile: 'dist/crackWorker.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['media/src/panel.ts'], outfile: 'media/dist/panel.js', platform: 'browser', format: 'iife' },
].filter((bundle) => existsSync(bundle.entryPoints[0]));

const common = {
  bundle: true,
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  loader: { '.wasm': 'binary' },
};

if (watch) {
  for (const bundle of bundles) {
    const context = await esbuild.context({ ...common, ...bundle });
    await context.watch();
  }
} else {
  await Promise.all(bundles.map((bundle) => esbuild.build({ ...common, ...bundle })));
}
