/**
 * HMAC for verification and the weak-secret search. Node's `createHmac` is used when the runtime has
 * it, because Web Crypto pays an async key import per key: HMAC-SHA256 with the 314 built-in weak
 * secrets took about 1 ms with `createHmac` and 50 to 200 ms with Web Crypto (Node 20.20, a shared
 * 2-core machine, one run of each). `node:crypto` is reached through `process.getBuiltinModule`
 * (Node 20.16+), never imported, so this module stays importable in a browser bundle.
 */

import type { HashName } from './algorithms';

/** Computes HMAC(key, data) with the given hash. May return synchronously. */
export type HmacFunction = (hash: HashName, key: Uint8Array, data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

interface NodeCryptoSubset {
  createHmac(algorithm: string, key: Uint8Array): { update(data: Uint8Array): { digest(): Uint8Array } };
}

const NODE_HASH: Record<HashName, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

let defaultHmacFunction: HmacFunction | undefined;

/** Returns Node's HMAC where the runtime has it, else Web Crypto's. */
export function defaultHmac(): HmacFunction {
  defaultHmacFunction ??= nodeHmac() ?? webCryptoHmac;
  return defaultHmacFunction;
}

function nodeHmac(): HmacFunction | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeCrypto = runtime?.getBuiltinModule?.('node:crypto') as NodeCryptoSubset | undefined;
  if (!nodeCrypto?.createHmac) return undefined;
  return (hash, key, data) => nodeCrypto.createHmac(NODE_HASH[hash], key).update(data).digest();
}

/** Web Crypto HMAC. */
export async function webCryptoHmac(hash: HashName, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  // Web Crypto rejects an empty HMAC key. HMAC zero-pads keys to the block size (RFC 2104 §2), so the
  // one-byte key 0x00 gives the same MAC as the empty key.
  const rawKey = key.length === 0 ? new Uint8Array(1) : key;
  const cryptoKey = await crypto.subtle.importKey('raw', rawKey as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data as Uint8Array<ArrayBuffer>));
}

/** Compares two byte strings in time that depends only on their lengths. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}
