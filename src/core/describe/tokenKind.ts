/** The one-line kind of a token that the hover, the panel and the CLI show. */

import type { DecodedToken } from '../model';

/**
 * Returns "JWE (encrypted)", "JWS (unsecured, alg none)" for a JWS whose `alg` is "none" in any
 * casing (RFC 7518 3.6), or "JWS (signed)".
 */
export function describeTokenKind(decoded: Pick<DecodedToken, 'kind' | 'header'>): string {
  if (decoded.kind === 'jwe') return 'JWE (encrypted)';
  const alg = decoded.header?.alg;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') return `JWS (unsecured, alg ${alg})`;
  return 'JWS (signed)';
}
