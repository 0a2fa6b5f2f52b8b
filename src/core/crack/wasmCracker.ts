/** The fast cracker: drives the WebAssembly SIMD kernel over chunks of a wordlist. */

import { KERNEL } from './wasm/kernelAbi';
import { HMAC_KERNEL_BASE64 } from './wasm/hmacKernelBinary';
import { ensureKernelMemory, KERNEL_RUNNERS, writeKernelTarget, type KernelExports } from './wasm/kernelMemory';
import { keyMatches, type ChunkCracker, type ChunkResult } from './nodeCracker';
import type { CrackTarget } from './target';

/** `(func (result v128) (i32x4.splat (i32.const 0)))`: valid only where WebAssembly SIMD is. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11,
]);

/** Returns true when this runtime's WebAssembly has the fixed-width SIMD (v128) instructions. */
export function isWasmSimdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

let kernelModule: WebAssembly.Module | undefined;

/** Compiles the kernel once per thread. */
export function compileKernel(): WebAssembly.Module {
  kernelModule ??= new WebAssembly.Module(Buffer.from(HMAC_KERNEL_BASE64, 'base64'));
  return kernelModule;
}

/**
 * Lane groups per kernel call. V8 runs a WebAssembly function in its baseline tier until a later
 * call, so a chunk is split into several calls.
 */
const GROUPS_PER_CALL = 2048;

export class WasmChunkCracker implements ChunkCracker {
  private readonly kernel: KernelExports;
  private readonly run: () => number;
  private readonly inputStart: number;

  constructor(private readonly target: CrackTarget, module: WebAssembly.Module = compileKernel()) {
    const instance = new WebAssembly.Instance(module, {});
    this.kernel = instance.exports as unknown as KernelExports;
    const runner = KERNEL_RUNNERS[target.algorithm];
    this.run = () => this.kernel[runner]();
    this.inputStart = this.writeToken();
  }

  /** Stores the MAC and the precomputed message rounds; returns where chunks go. */
  private writeToken(): number {
    return writeKernelTarget(this.kernel, this.target.algorithm, this.target.signingInput, this.target.mac);
  }

  crackChunk(chunk: Uint8Array): ChunkResult {
    const k = this.kernel;
    const end = this.inputStart + chunk.length;
    ensureKernelMemory(k, end + KERNEL.inputSlack);
    const memory = new Uint8Array(k.memory.buffer);
    memory.set(chunk, this.inputStart);
    // A previous chunk that ended on a long key's match left keys in the scratch area. The kernel
    // writes only the words a key covers, so stale words would corrupt shorter keys.
    memory.fill(0, KERNEL.keyScratch, KERNEL.keyScratch + KERNEL.keyScratchBytes);

    k.pos.value = this.inputStart;
    k.end.value = end;
    k.filled.value = 0;
    k.tried.value = 0;
    k.sawEmpty.value = 0;
    let longKeysTried = 0;

    for (;;) {
      k.budget.value = GROUPS_PER_CALL;
      const status = this.run();
      if (status === KERNEL.status.done) break;

      if (status === KERNEL.status.match) {
        return this.result(longKeysTried, this.copyKey(k.hitStart.value, k.hitLength.value));
      }
      if (status === KERNEL.status.longKey) {
        const key = this.copyKey(k.longStart.value, k.longLength.value);
        longKeysTried++;
        if (keyMatches(this.target, key)) return this.result(longKeysTried, key);
      }
    }
    return this.result(longKeysTried, null);
  }

  private copyKey(start: number, length: number): Uint8Array {
    return new Uint8Array(this.kernel.memory.buffer, start, length).slice();
  }

  private result(longKeysTried: number, secret: Uint8Array | null): ChunkResult {
    return {
      tried: this.kernel.tried.value + longKeysTried,
      sawEmpty: this.kernel.sawEmpty.value !== 0,
      secret,
    };
  }
}
