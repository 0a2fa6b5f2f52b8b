/** Algorithm-confusion detection: an HS* MAC keyed with the bytes of a configured public key. */

import type { VerificationKey } from '../keys/parseKeyMaterial';
import type { HmacAlgorithm } from './algorithms';
import { type HmacFunction, constantTimeEqual } from './hmac';

export interface ConfusionMatch {
  /** The label of the public key whose bytes verified the MAC. */
  label: string;
  /** Which spelling of the key matched, e.g. "PEM text with its final newline". */
  encoding: string;
}

/**
 * Tries every spelling of every public key as the HMAC secret. RFC 8725 §2.1 describes the attack:
 * a verifier that takes the algorithm from the token and the key from its store uses the public key
 * as the HMAC secret, so anyone holding the public key can forge tokens.
 */
export async function findConfusionKey(
  algorithm: HmacAlgorithm,
  signingInput: Uint8Array,
  signature: Uint8Array,
  keys: readonly VerificationKey[],
  hmac: HmacFunction,
): Promise<ConfusionMatch | null> {
  if (signature.length !== algorithm.hashBytes) return null;

  for (const key of keys) {
    for (const encoding of key.confusionEncodings) {
      const mac = await hmac(algorithm.hash, encoding.bytes, signingInput);
      if (constantTimeEqual(mac, signature)) return { label: key.label, encoding: encoding.description };
    }
  }
  return null;
}
