/** The portable cracker: one `createHmac` per candidate. Slow, but needs no WebAssembly SIMD. */

import { createHmac } from 'node:crypto';
import type { CrackTarget } from './target';
import { HASH_SHAPES } from './sha2';

/** The outcome of testing one chunk of a wordlist. */
export interface ChunkResult {
  /** Candidates tested, not counting empty lines. */
  tried: number;
  /** True when the chunk has an empty line, whose secret the caller tests once for the whole list. */
  sawEmpty: boolean;
  /** The key bytes that produce the token's MAC, or null. */
  secret: Uint8Array | null;
}

/** Tests every line of a chunk that ends at a line boundary. */
export interface ChunkCracker {
  crackChunk(chunk: Uint8Array): ChunkResult;
}

/** Returns true when `key` produces the token's MAC. */
export function keyMatches(target: CrackTarget, key: Uint8Array): boolean {
  const mac = createHmac(HASH_SHAPES[target.algorithm].nodeName, key).update(target.signingInput).digest();
  return mac.equals(target.mac);
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export class NodeChunkCracker implements ChunkCracker {
  constructor(private readonly target: CrackTarget) {}

  crackChunk(chunk: Uint8Array): ChunkResult {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let tried = 0;
    let sawEmpty = false;
    let start = 0;

    while (start < bytes.length) {
      let end = bytes.indexOf(NEWLINE, start);
      if (end === -1) end = bytes.length;
      const next = end + 1;
      if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;

      if (end === start) {
        sawEmpty = true;
      } else {
        const key = bytes.subarray(start, end);
        tried++;
        if (keyMatches(this.target, key)) return { tried, sawEmpty, secret: new Uint8Array(key) };
      }
      start = next;
    }
    return { tried, sawEmpty, secret: null };
  }
}
