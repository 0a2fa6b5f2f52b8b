/** The JWS algorithms JWT Lens signs with (RFC 7518 §3, RFC 8037 and RFC 9864 for Ed25519). */

export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;

/** The one ECDSA algorithm each curve is used with (RFC 7518 §3.4). */
export const EC_ALGORITHM_BY_CURVE: Readonly<Record<string, string>> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
};

/** `EdDSA` (RFC 8037) and its fully specified name `Ed25519` (RFC 9864) both fit an Ed25519 key. */
export const ED25519_ALGORITHMS = ['EdDSA', 'Ed25519'] as const;

/** Key type of a signing key, as JWK `kty` names it. */
export type KeyType = 'RSA' | 'EC' | 'OKP' | 'oct';

/** Length in bytes of an ECDSA signature (R and S concatenated, RFC 7518 §3.4) per algorithm. */
export const ECDSA_SIGNATURE_LENGTH: Readonly<Record<string, number>> = {
  ES256: 64,
  ES384: 96,
  ES512: 132,
};

/** Hash size in bits of a JWS algorithm whose name ends in it (`RS384` → 384), else 256. */
export function hashBitsOf(algorithm: string): 256 | 384 | 512 {
  if (algorithm.endsWith('384')) return 384;
  if (algorithm.endsWith('512')) return 512;
  return 256;
}
