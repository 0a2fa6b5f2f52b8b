import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '../../../..');

describe('verification in a browser bundle', () => {
  it('bundles without Node built-ins', async () => {
    const entries = ['src/core/verify/verifySignature.ts', 'src/core/keys/fetchJwks.ts', 'src/core/keys/detectKeyMaterial.ts'];
    const result = await build({
      entryPoints: entries.map((entry) => join(ROOT, entry)),
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      outdir: 'out',
      logLevel: 'silent',
      metafile: true,
    });

    assert.deepEqual(result.errors, []);
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((input) => input.startsWith('node:')), []);
    assert.ok(inputs.some((input) => input.endsWith('src/core/verify/hmac.ts')));
  });
});
