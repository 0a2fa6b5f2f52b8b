/**
 * SHA-2 constants (FIPS 180-4) and the per-token message schedule that the WebAssembly cracker reads.
 * Words of SHA-256 are numbers in [0, 2^32); words of SHA-384/512 are bigints in [0, 2^64).
 */

export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512';

/** FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
export const K256: readonly number[] = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/** FIPS 180-4 section 5.3.3. */
export const IV256: readonly number[] = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** FIPS 180-4 section 4.2.3: the first 64 bits of the fractional parts of the cube roots of the first 80 primes. */
export const K512: readonly bigint[] = [
  0x428a2f98d728ae22n, 0x7137449123ef65cdn, 0xb5c0fbcfec4d3b2fn, 0xe9b5dba58189dbbcn, 0x3956c25bf348b538n,
  0x59f111f1b605d019n, 0x923f82a4af194f9bn, 0xab1c5ed5da6d8118n, 0xd807aa98a3030242n, 0x12835b0145706fben,
  0x243185be4ee4b28cn, 0x550c7dc3d5ffb4e2n, 0x72be5d74f27b896fn, 0x80deb1fe3b1696b1n, 0x9bdc06a725c71235n,
  0xc19bf174cf692694n, 0xe49b69c19ef14ad2n, 0xefbe4786384f25e3n, 0x0fc19dc68b8cd5b5n, 0x240ca1cc77ac9c65n,
  0x2de92c6f592b0275n, 0x4a7484aa6ea6e483n, 0x5cb0a9dcbd41fbd4n, 0x76f988da831153b5n, 0x983e5152ee66dfabn,
  0xa831c66d2db43210n, 0xb00327c898fb213fn, 0xbf597fc7beef0ee4n, 0xc6e00bf33da88fc2n, 0xd5a79147930aa725n,
  0x06ca6351e003826fn, 0x142929670a0e6e70n, 0x27b70a8546d22ffcn, 0x2e1b21385c26c926n, 0x4d2c6dfc5ac42aedn,
  0x53380d139d95b3dfn, 0x650a73548baf63den, 0x766a0abb3c77b2a8n, 0x81c2c92e47edaee6n, 0x92722c851482353bn,
  0xa2bfe8a14cf10364n, 0xa81a664bbc423001n, 0xc24b8b70d0f89791n, 0xc76c51a30654be30n, 0xd192e819d6ef5218n,
  0xd69906245565a910n, 0xf40e35855771202an, 0x106aa07032bbd1b8n, 0x19a4c116b8d2d0c8n, 0x1e376c085141ab53n,
  0x2748774cdf8eeb99n, 0x34b0bcb5e19b48a8n, 0x391c0cb3c5c95a63n, 0x4ed8aa4ae3418acbn, 0x5b9cca4f7763e373n,
  0x682e6ff3d6b2b8a3n, 0x748f82ee5defb2fcn, 0x78a5636f43172f60n, 0x84c87814a1f0ab72n, 0x8cc702081a6439ecn,
  0x90befffa23631e28n, 0xa4506cebde82bde9n, 0xbef9a3f7b2c67915n, 0xc67178f2e372532bn, 0xca273eceea26619cn,
  0xd186b8c721c0c207n, 0xeada7dd6cde0eb1en, 0xf57d4f7fee6ed178n, 0x06f067aa72176fban, 0x0a637dc5a2c898a6n,
  0x113f9804bef90daen, 0x1b710b35131c471bn, 0x28db77f523047d84n, 0x32caab7b40c72493n, 0x3c9ebe0a15c9bebcn,
  0x431d67c49c100d4cn, 0x4cc5d4becb3e42b6n, 0x597f299cfc657e2an, 0x5fcb6fab3ad6faecn, 0x6c44198c4a475817n,
];

/** FIPS 180-4 section 5.3.5. */
export const IV512: readonly bigint[] = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];

/** FIPS 180-4 section 5.3.4. */
export const IV384: readonly bigint[] = [
  0xcbbb9d5dc1059ed8n, 0x629a292a367cd507n, 0x9159015a3070dd17n, 0x152fecd8f70e5939n,
  0x67332667ffc00b31n, 0x8eb44a8768581511n, 0xdb0c2e0d64f98fa7n, 0x47b5481dbefa4fa4n,
];

/** The shape of the hash behind each JWS HMAC algorithm (RFC 7518 section 3.2). */
export interface HashShape {
  /** Node's name for the hash, as `createHmac` takes it. */
  nodeName: 'sha256' | 'sha384' | 'sha512';
  /** Block size in bytes: the longest key used as is; longer keys are hashed first (RFC 2104). */
  blockBytes: number;
  /** Word size in bytes. */
  wordBytes: 4 | 8;
  rounds: number;
  /** Bytes of the MAC, which is the whole digest. */
  macBytes: number;
}

export const HASH_SHAPES: Readonly<Record<HmacAlgorithm, HashShape>> = {
  HS256: { nodeName: 'sha256', blockBytes: 64, wordBytes: 4, rounds: 64, macBytes: 32 },
  HS384: { nodeName: 'sha384', blockBytes: 128, wordBytes: 8, rounds: 80, macBytes: 48 },
  HS512: { nodeName: 'sha512', blockBytes: 128, wordBytes: 8, rounds: 80, macBytes: 64 },
};

const MASK64 = (1n << 64n) - 1n;

function rotr32(x: number, n: number): number {
  return ((x >>> n) | (x << (32 - n))) >>> 0;
}

function rotr64(x: bigint, n: bigint): bigint {
  return ((x >> n) | (x << (64n - n))) & MASK64;
}

/**
 * Pads `message` as SHA-2 does after `prefixBytes` bytes that were already hashed (the HMAC key
 * block), so the length field counts them too. Returns whole blocks.
 */
export function padMessage(message: Uint8Array, prefixBytes: number, shape: HashShape): Uint8Array {
  const lengthFieldBytes = shape.blockBytes / 8;
  const unpadded = message.length + 1 + lengthFieldBytes;
  const total = Math.ceil(unpadded / shape.blockBytes) * shape.blockBytes;
  const padded = new Uint8Array(total);
  padded.set(message);
  padded[message.length] = 0x80;

  const bitLength = BigInt(prefixBytes + message.length) * 8n;
  const view = new DataView(padded.buffer);
  view.setBigUint64(total - 8, bitLength);
  return padded;
}

/**
 * Computes K[t] + W[t] for every round of every block of a padded message. The message blocks after
 * the key block are the same for every candidate key, so the cracker never expands them again.
 */
export function roundInputs256(padded: Uint8Array): Uint32Array {
  const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  const blocks = padded.length / 64;
  const out = new Uint32Array(blocks * 64);
  const w = new Uint32Array(64);

  for (let block = 0; block < blocks; block++) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block * 64 + t * 4);
    for (let t = 16; t < 64; t++) {
      const s0 = rotr32(w[t - 15], 7) ^ rotr32(w[t - 15], 18) ^ (w[t - 15] >>> 3);
      const s1 = rotr32(w[t - 2], 17) ^ rotr32(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
    }
    for (let t = 0; t < 64; t++) out[block * 64 + t] = (w[t] + K256[t]) >>> 0;
  }
  return out;
}

/** Computes K[t] + W[t] like {@link roundInputs256}, for SHA-384 and SHA-512. */
export function roundInputs512(padded: Uint8Array): BigUint64Array {
  const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  const blocks = padded.length / 128;
  const out = new BigUint64Array(blocks * 80);
  const w = new Array<bigint>(80).fill(0n);

  for (let block = 0; block < blocks; block++) {
    for (let t = 0; t < 16; t++) w[t] = view.getBigUint64(block * 128 + t * 8);
    for (let t = 16; t < 80; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = rotr64(x, 1n) ^ rotr64(x, 8n) ^ (x >> 7n);
      const s1 = rotr64(y, 19n) ^ rotr64(y, 61n) ^ (y >> 6n);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) & MASK64;
    }
    for (let t = 0; t < 80; t++) out[block * 80 + t] = (w[t] + K512[t]) & MASK64;
  }
  return out;
}
