/** Builders of syntactically real tokens for scanner and decoder tests. */

export function base64url(value: string | Uint8Array): string {
  return Buffer.from(value).toString('base64url');
}

export function encodeJson(value: unknown): string {
  return base64url(JSON.stringify(value));
}

/** A fixed 32-byte signature, so tokens look like HS256 output without a key. */
export const SIGNATURE = base64url(new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff));

export const HS256_HEADER = encodeJson({ alg: 'HS256', typ: 'JWT' });

/** Returns a compact HS256-shaped JWS carrying `claims`. */
export function jws(claims: unknown = { sub: 'user-42', iat: 1767225600 }, header: string = HS256_HEADER): string {
  return `${header}.${encodeJson(claims)}.${SIGNATURE}`;
}

/** Returns an unsecured JWS (`alg: none`), which ends in a dot. */
export function unsecuredJws(claims: unknown = { sub: 'user-42' }): string {
  return `${encodeJson({ alg: 'none' })}.${encodeJson(claims)}.`;
}

/** Returns a compact JWE shape (`dir` with A256GCM, so the encrypted key is empty). */
export function jwe(): string {
  const header = encodeJson({ alg: 'dir', enc: 'A256GCM' });
  const iv = base64url(new Uint8Array(12).fill(7));
  const ciphertext = base64url(new Uint8Array(40).fill(9));
  const tag = base64url(new Uint8Array(16).fill(5));
  return `${header}..${iv}.${ciphertext}.${tag}`;
}
