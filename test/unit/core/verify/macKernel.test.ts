import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import type { HashName } from '../../../../src/core/verify/algorithms';
import { isKernelLine, joinKernelLines, sharedMacKernel } from '../../../../src/core/verify/macKernel';

const encoder = new TextEncoder();
const NODE_HASH: Record<HashName, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const SECRETS = ['secret', 'password123', 'a', 'x'.repeat(64), 'changeme', 'jwt-signing-key', 'Z'.repeat(33)];
const LINES = joinKernelLines(SECRETS.map((secret) => encoder.encode(secret)));
/** Long enough that the inner hash spans several message blocks. */
const SIGNING_INPUT = encoder.encode(`eyJhbGciOiJIUzI1NiJ9.${'eyJzdWIiOiJ1c2VyIn0'.repeat(20)}`);

function mac(hash: HashName, secret: string): Uint8Array {
  return new Uint8Array(createHmac(NODE_HASH[hash], secret).update(SIGNING_INPUT).digest());
}

describe('macKernel', () => {
  const kernel = sharedMacKernel();

  it('loads where WebAssembly SIMD runs', () => {
    assert.ok(kernel, 'Node 20 has WebAssembly SIMD, so the kernel must load');
  });

  for (const hash of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
    it(`finds each listed secret with ${hash}`, () => {
      for (const secret of SECRETS) {
        assert.equal(kernel!.anyLineMatches(hash, SIGNING_INPUT, mac(hash, secret), LINES), true, `secret ${secret.slice(0, 8)}`);
      }
    });

    it(`rejects an unlisted secret with ${hash}`, () => {
      assert.equal(kernel!.anyLineMatches(hash, SIGNING_INPUT, mac(hash, 'not-in-the-list'), LINES), false);
    });
  }

  it('rejects every secret for an empty list', () => {
    assert.equal(kernel!.anyLineMatches('SHA-256', SIGNING_INPUT, mac('SHA-256', 'secret'), new Uint8Array(0)), false);
  });

  it('leaves long signing inputs to the caller', () => {
    const long = new Uint8Array(64 * 1024 + 1).fill(0x61);
    const unrelated = new Uint8Array(32);
    assert.equal(kernel!.anyLineMatches('SHA-256', long, unrelated, LINES), true);
  });

  it('accepts only secrets it tests as given', () => {
    assert.equal(isKernelLine(encoder.encode('secret')), true);
    assert.equal(isKernelLine(encoder.encode('x'.repeat(64))), true);
    assert.equal(isKernelLine(new Uint8Array(0)), false);
    assert.equal(isKernelLine(encoder.encode('x'.repeat(65))), false);
    assert.equal(isKernelLine(encoder.encode('two\nlines')), false);
    assert.equal(isKernelLine(encoder.encode('carriage\r')), false);
  });
});
