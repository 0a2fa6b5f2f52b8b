/** The weak-secret check: does a known or listed secret produce the token's MAC? */

import { BUILTIN_WEAK_SECRETS } from '../secrets/builtin';
import type { HmacAlgorithm } from './algorithms';
import { type HmacFunction, constantTimeEqual } from './hmac';

/** Names the built-in list in `weakSecret.source`. */
export const BUILTIN_SOURCE = 'the built-in weak-secret list';

export interface SecretList {
  entries: readonly string[];
  /** Where the entries come from, for messages ("the built-in weak-secret list", a wordlist path). */
  source: string;
}

export interface WeakSecretMatch {
  secret: string;
  source: string;
  /** The secret's length in UTF-8 bytes. */
  byteLength: number;
}

const encoder = new TextEncoder();
const encodedLists = new WeakMap<readonly string[], Uint8Array[]>();

/** Encodes a list once per array object, so repeated checks skip the UTF-8 encoding. */
function encodedEntries(entries: readonly string[]): Uint8Array[] {
  let encoded = encodedLists.get(entries);
  if (!encoded) {
    encoded = entries.map((entry) => encoder.encode(entry));
    encodedLists.set(entries, encoded);
  }
  return encoded;
}

export function builtinSecretList(): SecretList {
  return { entries: BUILTIN_WEAK_SECRETS, source: BUILTIN_SOURCE };
}

/** Returns the first entry, in list order, whose HMAC over the signing input equals the signature. */
export async function findWeakSecret(
  algorithm: HmacAlgorithm,
  signingInput: Uint8Array,
  signature: Uint8Array,
  lists: readonly SecretList[],
  hmac: HmacFunction,
): Promise<WeakSecretMatch | null> {
  // A MAC of the wrong length can match no key, so skip the search.
  if (signature.length !== algorithm.hashBytes) return null;

  for (const list of lists) {
    const encoded = encodedEntries(list.entries);
    for (let i = 0; i < encoded.length; i++) {
      const computed = hmac(algorithm.hash, encoded[i], signingInput);
      const mac = computed instanceof Uint8Array ? computed : await computed;
      if (constantTimeEqual(mac, signature)) {
        return { secret: list.entries[i], source: list.source, byteLength: encoded[i].length };
      }
    }
  }
  return null;
}
