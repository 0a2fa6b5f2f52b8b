/**
 * Shared set-up of the HMAC kernel's linear memory, used by the cracker and by the weak-secret
 * check. Imports nothing from Node, so the weak-secret check still bundles for a browser.
 */

import { HASH_SHAPES, padMessage, roundInputs256, roundInputs512, type HmacAlgorithm } from '../sha2';
import { KERNEL, type KernelGlobal } from './kernelAbi';

export type KernelExports = {
  memory: WebAssembly.Memory;
  run256(): number;
  run384(): number;
  run512(): number;
} & Record<KernelGlobal, { value: number }>;

/** The kernel's entry point for each algorithm. */
export const KERNEL_RUNNERS = { HS256: 'run256', HS384: 'run384', HS512: 'run512' } as const;

const PAGE_BYTES = 65536;

/** Grows the kernel's memory to at least `bytes`. WebAssembly memory never shrinks. */
export function ensureKernelMemory(kernel: KernelExports, bytes: number): void {
  const missing = bytes - kernel.memory.buffer.byteLength;
  if (missing > 0) kernel.memory.grow(Math.ceil(missing / PAGE_BYTES));
}

/**
 * Stores a token's MAC and its precomputed message rounds in the kernel's memory and returns the
 * 16-byte aligned offset where candidate lines go.
 */
export function writeKernelTarget(
  kernel: KernelExports,
  algorithm: HmacAlgorithm,
  signingInput: Uint8Array,
  mac: Uint8Array,
): number {
  const shape = HASH_SHAPES[algorithm];
  const padded = padMessage(signingInput, shape.blockBytes, shape);
  const rounds = shape.wordBytes === 4 ? roundInputs256(padded) : roundInputs512(padded);
  const roundBytes = new Uint8Array(rounds.buffer, rounds.byteOffset, rounds.byteLength);
  const inputStart = Math.ceil((KERNEL.firstFree + roundBytes.length) / 16) * 16;
  ensureKernelMemory(kernel, inputStart);
  new Uint8Array(kernel.memory.buffer).set(roundBytes, KERNEL.firstFree);

  // The kernel compares big-endian digest words held in native (little-endian) order.
  const view = new DataView(kernel.memory.buffer);
  const macView = new DataView(mac.buffer, mac.byteOffset, mac.byteLength);
  for (let offset = 0; offset < mac.length; offset += shape.wordBytes) {
    if (shape.wordBytes === 4) view.setUint32(KERNEL.target + offset, macView.getUint32(offset), true);
    else view.setBigUint64(KERNEL.target + offset, macView.getBigUint64(offset), true);
  }

  kernel.roundInputs.value = KERNEL.firstFree;
  kernel.messageBlocks.value = padded.length / shape.blockBytes;
  return inputStart;
}
