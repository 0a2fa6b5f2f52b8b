/** RSA, ECDSA and EdDSA signature checks with Web Crypto over the signing input as written. */

import { importJWK } from 'jose';
import type { VerificationKey } from '../keys/parseKeyMaterial';
import type { AsymmetricAlgorithm } from './algorithms';

const importedKeys = new WeakMap<VerificationKey, Map<string, Promise<CryptoKey>>>();

/** Imports the key for one algorithm once and reuses it. */
function cryptoKeyFor(key: VerificationKey, algorithm: AsymmetricAlgorithm): Promise<CryptoKey> {
  let byAlg = importedKeys.get(key);
  if (!byAlg) {
    byAlg = new Map();
    importedKeys.set(key, byAlg);
  }
  let imported = byAlg.get(algorithm.alg);
  if (!imported) {
    imported = importJWK(key.publicKey!.jwk, algorithm.alg) as Promise<CryptoKey>;
    byAlg.set(algorithm.alg, imported);
  }
  return imported;
}

/**
 * Returns why an ECDSA signature cannot be valid before any key is tried, or null. JWS carries ECDSA
 * signatures as raw `r || s` (RFC 7518 §3.4), and r = 0 or s = 0 is the "psychic signature" that
 * some verifiers accepted for any message (CVE-2022-21449).
 */
export function ecdsaSignatureProblem(algorithm: AsymmetricAlgorithm, signature: Uint8Array): string | null {
  const expected = algorithm.signatureBytes;
  if (expected === undefined) return null;

  if (signature.length !== expected) {
    const derHint = signature[0] === 0x30 ? ', and it looks DER-encoded where JWS requires raw r || s' : '';
    return `The ${algorithm.alg} signature is ${signature.length} bytes instead of ${expected}${derHint}.`;
  }
  const half = expected / 2;
  const rIsZero = signature.subarray(0, half).every((byte) => byte === 0);
  const sIsZero = signature.subarray(half).every((byte) => byte === 0);
  if (rIsZero || sIsZero) return `The ${algorithm.alg} signature has ${rIsZero ? 'r' : 's'} = 0 (a psychic signature), which no valid signature has.`;
  return null;
}

/** Verifies with one key; an import failure is returned as a message, not thrown. */
export async function verifyWithPublicKey(
  key: VerificationKey,
  algorithm: AsymmetricAlgorithm,
  signingInput: Uint8Array,
  signature: Uint8Array,
): Promise<{ valid: boolean; error?: string }> {
  try {
    const cryptoKey = await cryptoKeyFor(key, algorithm);
    const valid = await crypto.subtle.verify(
      algorithm.verifyParams,
      cryptoKey,
      signature as Uint8Array<ArrayBuffer>,
      signingInput as Uint8Array<ArrayBuffer>,
    );
    return { valid };
  } catch (error) {
    return { valid: false, error: `${key.label} could not be used for ${algorithm.alg} (${(error as Error).message})` };
  }
}
