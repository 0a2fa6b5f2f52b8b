/** Selection of the configured keys that may verify a token. */

import type { VerificationKey } from '../keys/parseKeyMaterial';
import type { JwsAlgorithm } from './algorithms';

const OKP_ALGORITHMS = new Set(['EdDSA', 'Ed25519']);

/** True when the key's type, curve, `use`, `key_ops` and `alg` allow it to verify the algorithm (RFC 7517 §4). */
export function isCompatible(key: VerificationKey, algorithm: JwsAlgorithm): boolean {
  if (key.use !== undefined && key.use !== 'sig') return false;
  if (key.keyOps !== undefined && !key.keyOps.includes('verify')) return false;
  if (key.alg !== undefined && key.alg !== algorithm.alg && !(OKP_ALGORITHMS.has(key.alg) && OKP_ALGORITHMS.has(algorithm.alg))) {
    return false;
  }
  if (algorithm.family === 'oct') return key.secret !== undefined;

  const publicKey = key.publicKey;
  if (!publicKey || publicKey.family !== algorithm.family) return false;
  return algorithm.curve === undefined || publicKey.curve === algorithm.curve;
}

/**
 * Returns the compatible keys to try, in configuration order. Within JWK Sets the token's `kid`
 * selects the member as a JWKS verifier would (RFC 7515 §4.1.4). When no set member carries that
 * `kid`, every compatible key is tried, so a token with a stale or missing `kid` still verifies and
 * the result names the key that did.
 */
export function selectKeys(keys: readonly VerificationKey[], algorithm: JwsAlgorithm, kid: unknown): VerificationKey[] {
  const compatible = keys.filter((key) => isCompatible(key, algorithm));
  if (typeof kid !== 'string') return compatible;

  const kidMatches = compatible.some((key) => key.fromSet && key.kid === kid);
  return kidMatches ? compatible.filter((key) => !key.fromSet || key.kid === kid) : compatible;
}
