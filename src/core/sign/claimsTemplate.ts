/** The claims a fresh test token starts with. */

import type { Policy } from '../model';

export interface ClaimsTemplateOptions {
  /** The current time in seconds since the epoch. */
  now: number;
  /** Seconds from `iat` to `exp` (the `jwtLens.sign.defaultLifetime` setting). */
  lifetimeSeconds: number;
  /** Supplies `iss` (the first accepted issuer) and `aud` (all accepted audiences). */
  policy?: Pick<Policy, 'issuer' | 'audience'>;
  subject?: string;
  /** Fills `jti`; defaults to Web Crypto's `getRandomValues`. */
  randomBytes?: (length: number) => Uint8Array;
}

/**
 * Builds the claims of a test token valid from `now` for `lifetimeSeconds`: `iss` and `aud` from
 * the policy when it sets them, `sub`, `iat` and `nbf` at `now`, `exp`, and a random 128-bit `jti`.
 */
export function buildClaimsTemplate(options: ClaimsTemplateOptions): Record<string, unknown> {
  if (!Number.isFinite(options.lifetimeSeconds) || options.lifetimeSeconds <= 0) {
    throw new RangeError(`Token lifetime must be a positive number of seconds, got ${options.lifetimeSeconds}.`);
  }

  const now = Math.floor(options.now);
  const claims: Record<string, unknown> = {};

  const issuer = options.policy?.issuer[0];
  if (issuer !== undefined) claims.iss = issuer;
  claims.sub = options.subject ?? 'test-user';

  const audience = options.policy?.audience ?? [];
  if (audience.length === 1) claims.aud = audience[0];
  else if (audience.length > 1) claims.aud = [...audience];

  claims.iat = now;
  claims.nbf = now;
  claims.exp = now + Math.floor(options.lifetimeSeconds);
  claims.jti = randomId(options.randomBytes ?? defaultRandomBytes);
  return claims;
}

function randomId(randomBytes: (length: number) => Uint8Array): string {
  return Array.from(randomBytes(16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function defaultRandomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
