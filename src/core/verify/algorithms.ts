/** The JWS algorithms JWT Lens verifies (RFC 7518 §3, RFC 8037 §3.1) and what each needs. */

import type { AsymmetricFamily, Curve } from '../keys/publicKey';

export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface HmacAlgorithm {
  alg: string;
  family: 'oct';
  hash: HashName;
  /** The hash output size in bytes; RFC 7518 §3.2 requires a key at least this long. */
  hashBytes: number;
}

export interface AsymmetricAlgorithm {
  alg: string;
  family: AsymmetricFamily;
  /** The curve an EC or OKP key must be on. */
  curve?: Curve;
  /** The Web Crypto parameters for `crypto.subtle.verify`. */
  verifyParams: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
  /** The raw `r || s` signature length of an ECDSA algorithm (RFC 7518 §3.4). */
  signatureBytes?: number;
}

export type JwsAlgorithm = HmacAlgorithm | AsymmetricAlgorithm;

const hmac = (bits: 256 | 384 | 512): HmacAlgorithm => ({
  alg: `HS${bits}`,
  family: 'oct',
  hash: `SHA-${bits}`,
  hashBytes: bits / 8,
});

const ALGORITHMS: readonly JwsAlgorithm[] = [
  hmac(256),
  hmac(384),
  hmac(512),
  { alg: 'RS256', family: 'RSA', verifyParams: { name: 'RSASSA-PKCS1-v1_5' } },
  { alg: 'RS384', family: 'RSA', verifyParams: { name: 'RSASSA-PKCS1-v1_5' } },
  { alg: 'RS512', family: 'RSA', verifyParams: { name: 'RSASSA-PKCS1-v1_5' } },
  // RFC 7518 §3.5: the PSS salt is as long as the hash output.
  { alg: 'PS256', family: 'RSA', verifyParams: { name: 'RSA-PSS', saltLength: 32 } },
  { alg: 'PS384', family: 'RSA', verifyParams: { name: 'RSA-PSS', saltLength: 48 } },
  { alg: 'PS512', family: 'RSA', verifyParams: { name: 'RSA-PSS', saltLength: 64 } },
  { alg: 'ES256', family: 'EC', curve: 'P-256', verifyParams: { name: 'ECDSA', hash: 'SHA-256' }, signatureBytes: 64 },
  { alg: 'ES384', family: 'EC', curve: 'P-384', verifyParams: { name: 'ECDSA', hash: 'SHA-384' }, signatureBytes: 96 },
  { alg: 'ES512', family: 'EC', curve: 'P-521', verifyParams: { name: 'ECDSA', hash: 'SHA-512' }, signatureBytes: 132 },
  { alg: 'EdDSA', family: 'OKP', curve: 'Ed25519', verifyParams: { name: 'Ed25519' } },
  // RFC 9864 names the fully specified Ed25519 algorithm.
  { alg: 'Ed25519', family: 'OKP', curve: 'Ed25519', verifyParams: { name: 'Ed25519' } },
];

const BY_NAME = new Map(ALGORITHMS.map((algorithm) => [algorithm.alg, algorithm]));

export function jwsAlgorithm(alg: string): JwsAlgorithm | undefined {
  return BY_NAME.get(alg);
}

export function isHmacAlgorithm(algorithm: JwsAlgorithm): algorithm is HmacAlgorithm {
  return algorithm.family === 'oct';
}

/** The key type a reader expects for an algorithm, for messages: "an HMAC secret", "an RSA key". */
export function describeKeyType(algorithm: JwsAlgorithm): string {
  switch (algorithm.family) {
    case 'oct':
      return 'an HMAC secret';
    case 'RSA':
      return 'an RSA key';
    case 'EC':
      return `an EC ${algorithm.curve} key`;
    case 'OKP':
      return `an ${algorithm.curve} key`;
  }
}
