/** Signs test tokens: the CLI's `sign`, the extension's Sign Test Token command and the panel's re-sign. */

import { CompactSign } from 'jose';

import type { KeyMaterial } from '../model';
import { importSigningKeyFor, resolveSigningKey, SigningKeyError } from './signingKey';

export interface SignTokenOptions {
  /** Extra JOSE header members; `alg` here is used when `options.alg` is not given. */
  header?: Record<string, unknown>;
  payload: Record<string, unknown>;
  key: KeyMaterial;
  /** The JWS algorithm; defaults to `header.alg`, then to the algorithm that fits the key. */
  alg?: string;
}

/**
 * Signs `payload` as a compact JWS and returns it. Rejects `alg: none`, an algorithm that does not
 * fit the key (`SigningKeyError` with code `alg-mismatch`) and key material that cannot sign.
 * A JWKS key is chosen by `header.kid` when the header has one.
 */
export async function signToken(options: SignTokenOptions): Promise<string> {
  const header = options.header ?? {};
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const signingKey = await resolveSigningKey(options.key, kid === undefined ? {} : { kid });

  const requested = options.alg ?? (typeof header.alg === 'string' ? header.alg : undefined);
  if (requested !== undefined && requested.toLowerCase() === 'none') {
    throw new SigningKeyError('alg-mismatch', 'Algorithm "none" produces an unsecured token; pick a signing algorithm.');
  }
  const algorithm = requested ?? signingKey.algorithms[0];
  const key = await importSigningKeyFor(signingKey, algorithm);

  // `alg` goes first, where readers of a decoded header look for it.
  const members = { ...header };
  delete members.alg;
  const payloadBytes = new TextEncoder().encode(JSON.stringify(options.payload));
  return new CompactSign(payloadBytes).setProtectedHeader({ alg: algorithm, ...members }).sign(key);
}
