/** Tokens and byte strings for the cracking tests. */
import { createHmac } from 'node:crypto';
import type { HmacAlgorithm } from '../../../../src/core/crack/sha2';

const HASH_NAMES = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;

/** Signs a token with `secret`; `payloadLength` pads the `sub` claim to size the token. */
export function signToken(algorithm: string, secret: string | Uint8Array, payloadLength = 40): string {
  const header = Buffer.from(JSON.stringify({ alg: algorithm, typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: 'x'.repeat(payloadLength), iat: 1767225600 })).toString('base64url');
  const name = HASH_NAMES[algorithm as HmacAlgorithm] ?? 'sha256';
  const signature = createHmac(name, secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export function hmac(algorithm: HmacAlgorithm, key: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac(HASH_NAMES[algorithm], key).update(message).digest());
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random bytes of `length` that a wordlist line can carry: no LF anywhere and no CR at the end. */
export function randomKey(random: () => number, length: number): Uint8Array {
  const key = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    let byte = Math.floor(random() * 256);
    while (byte === 0x0a || (i === length - 1 && byte === 0x0d)) byte = Math.floor(random() * 256);
    key[i] = byte;
  }
  return key;
}

export function joinLines(lines: readonly Uint8Array[], separator = '\n'): Uint8Array {
  const parts: Buffer[] = [];
  lines.forEach((line, i) => {
    if (i > 0) parts.push(Buffer.from(separator));
    parts.push(Buffer.from(line));
  });
  return new Uint8Array(Buffer.concat(parts));
}
