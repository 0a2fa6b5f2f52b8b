/** Messages between `crackSecret` and its worker threads (`worker.ts`). */

import type { CrackTarget } from './target';

/**
 * The implementation that tests the candidates: the WebAssembly SIMD kernel, or one `createHmac`
 * per candidate where WebAssembly SIMD is missing.
 */
export type CrackEngine = 'wasm-simd' | 'node';

export interface WorkerSetup {
  target: CrackTarget;
  engine: CrackEngine;
  /** The compiled kernel, shared so each thread skips compiling it. */
  kernel?: WebAssembly.Module;
}

export interface ChunkRequest {
  id: number;
  chunk: Uint8Array;
}

export type ChunkReply =
  | { id: number; tried: number; sawEmpty: boolean; secret: Uint8Array | null }
  | { id: number; error: string };
