/**
 * Tests one token's MAC against a whole list of secrets in one synchronous call of the cracker's
 * WebAssembly SIMD HMAC kernel (`src/core/crack/wasm/`), which computes several HMACs at once and
 * expands the token's message schedule only once. The weak-secret check runs for every HMAC token
 * a scan finds, and one Node `createHmac` call per secret made it most of the CLI's scan time.
 *
 * The kernel reads the list as newline-separated lines, so only secrets that `isKernelLine`
 * accepts may be joined into one. This module imports nothing from Node, so it also bundles for a
 * browser, where `MacKernel.create()` returns null if WebAssembly SIMD or synchronous compilation
 * is unavailable.
 */

import type { HmacAlgorithm } from '../crack/sha2';
import { HMAC_KERNEL_BASE64 } from '../crack/wasm/hmacKernelBinary';
import { KERNEL } from '../crack/wasm/kernelAbi';
import { ensureKernelMemory, KERNEL_RUNNERS, writeKernelTarget, type KernelExports } from '../crack/wasm/kernelMemory';
import type { HashName } from './algorithms';

const ALGORITHM_BY_HASH: Readonly<Record<HashName, HmacAlgorithm>> = { 'SHA-256': 'HS256', 'SHA-384': 'HS384', 'SHA-512': 'HS512' };

/** Lane groups per kernel call. The kernel returns after this many, and is called again. */
const GROUPS_PER_CALL = 4096;

/** The smallest block size of the three hashes: a longer key is hashed first, which the kernel leaves to its caller. */
const MAX_LINE_BYTES = 64;

/**
 * Maximum length of a signing input the kernel takes. Its precomputed rounds take 4 times the input's size in
 * WebAssembly memory, which never shrinks, so a huge token must not grow the shared instance for
 * good. Hashing dominates for such a token anyway, so the kernel would save little.
 */
const MAX_SIGNING_INPUT_BYTES = 64 * 1024;

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Tells whether the kernel tests `secret` exactly as given when it is one line of a list. That
 * needs 1 to 64 bytes and no CR or LF, because the kernel skips empty lines, drops a trailing CR
 * and splits at LF.
 */
export function isKernelLine(secret: Uint8Array): boolean {
  if (secret.length === 0 || secret.length > MAX_LINE_BYTES) return false;
  return !secret.includes(LINE_FEED) && !secret.includes(CARRIAGE_RETURN);
}

/** Joins secrets that `isKernelLine` accepts into the newline-separated form the kernel reads. */
export function joinKernelLines(secrets: readonly Uint8Array[]): Uint8Array {
  const total = secrets.reduce((sum, secret) => sum + secret.length + 1, 0);
  const joined = new Uint8Array(total);
  let offset = 0;

  for (const secret of secrets) {
    joined.set(secret, offset);
    offset += secret.length;
    joined[offset++] = LINE_FEED;
  }
  return joined;
}

let sharedKernel: MacKernel | null | undefined;

/** Returns the kernel instance of this thread, or null where WebAssembly SIMD cannot run. */
export function sharedMacKernel(): MacKernel | null {
  sharedKernel ??= MacKernel.create();
  return sharedKernel;
}

export class MacKernel {
  private constructor(private readonly kernel: KernelExports) {}

  /** Compiles and instantiates the kernel, or returns null where that fails (no SIMD, or a browser's limit on synchronous compilation). */
  static create(): MacKernel | null {
    try {
      const bytes = Uint8Array.from(atob(HMAC_KERNEL_BASE64), (char) => char.charCodeAt(0));
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
      return new MacKernel(instance.exports as unknown as KernelExports);
    } catch {
      return null;
    }
  }

  /**
   * Returns false when no line of `lines` (from `joinKernelLines`) is a secret whose HMAC over
   * `signingInput` equals `mac`, and true when one is or when the signing input is too long for
   * the kernel (over 64 KiB). `mac` must have the digest's length.
   */
  anyLineMatches(hash: HashName, signingInput: Uint8Array, mac: Uint8Array, lines: Uint8Array): boolean {
    if (signingInput.length > MAX_SIGNING_INPUT_BYTES) return true;

    const algorithm = ALGORITHM_BY_HASH[hash];
    const k = this.kernel;
    const inputStart = writeKernelTarget(k, algorithm, signingInput, mac);
    const end = inputStart + lines.length;
    ensureKernelMemory(k, end + KERNEL.inputSlack);
    new Uint8Array(k.memory.buffer).set(lines, inputStart);

    k.pos.value = inputStart;
    k.end.value = end;
    k.filled.value = 0;
    k.tried.value = 0;
    k.sawEmpty.value = 0;

    const run = KERNEL_RUNNERS[algorithm];
    for (;;) {
      k.budget.value = GROUPS_PER_CALL;
      const status = k[run]();
      if (status === KERNEL.status.done) return false;
      // `joinKernelLines` never makes a long line. Reporting one as a possible match keeps the result exact.
      if (status === KERNEL.status.match || status === KERNEL.status.longKey) return true;
    }
  }
}
