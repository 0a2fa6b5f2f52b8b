/** The weak-secret check: does a known or listed secret produce the token's MAC? */

import { BUILTIN_WEAK_SECRETS } from '../secrets/builtin';
import type { HmacAlgorithm } from './algorithms';
import { type HmacFunction, constantTimeEqual } from './hmac';
import { isKernelLine, joinKernelLines, sharedMacKernel } from './macKernel';

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

/** A list encoded once for every check that uses the same array object. */
interface PreparedList {
  encoded: Uint8Array[];
  /** The entries the MAC kernel can test, joined into its line format. */
  kernelLines: Uint8Array;
  /** Indexes of the entries the kernel cannot test (empty, longer than 64 bytes, or with CR or LF). */
  otherEntries: number[];
  /** Keys (from `missKey`) of tokens that no entry matches, so a token repeated in a log is tested once. */
  misses: Set<string>;
}

/**
 * Limits on the memory `misses` takes, about 2 MB per list: the set is emptied when it reaches
 * `MAX_REMEMBERED_MISSES` keys, and tokens with longer signing inputs are not remembered.
 */
const MAX_REMEMBERED_MISSES = 1024;
const MAX_REMEMBERED_SIGNING_INPUT_BYTES = 2048;

const encoder = new TextEncoder();
/** Maps each byte to one character, so equal keys mean equal bytes. */
const byteDecoder = new TextDecoder('latin1');
const preparedLists = new WeakMap<readonly string[], PreparedList>();

function preparedList(entries: readonly string[]): PreparedList {
  let prepared = preparedLists.get(entries);
  if (!prepared) {
    const encoded = entries.map((entry) => encoder.encode(entry));
    const otherEntries = encoded.flatMap((entry, index) => (isKernelLine(entry) ? [] : [index]));
    const kernelLines = joinKernelLines(encoded.filter((entry) => isKernelLine(entry)));
    prepared = { encoded, kernelLines, otherEntries, misses: new Set() };
    preparedLists.set(entries, prepared);
  }
  return prepared;
}

/** Returns the key under which a miss for this token is remembered, or undefined when it is not remembered. */
function missKey(algorithm: HmacAlgorithm, signingInput: Uint8Array, signature: Uint8Array): string | undefined {
  if (signingInput.length > MAX_REMEMBERED_SIGNING_INPUT_BYTES) return undefined;
  return `${algorithm.alg} ${byteDecoder.decode(signingInput)} ${byteDecoder.decode(signature)}`;
}

function rememberMiss(list: PreparedList, key: string): void {
  if (list.misses.size >= MAX_REMEMBERED_MISSES) list.misses.clear();
  list.misses.add(key);
}

/**
 * Tells whether any entry of the list may produce `signature`. The kernel tests most entries in
 * one call and `hmac` tests the rest. False means no entry matches.
 */
async function listMayMatch(
  algorithm: HmacAlgorithm,
  signingInput: Uint8Array,
  signature: Uint8Array,
  list: PreparedList,
  hmac: HmacFunction,
): Promise<boolean> {
  const kernel = sharedMacKernel();
  if (!kernel || kernel.anyLineMatches(algorithm.hash, signingInput, signature, list.kernelLines)) return true;

  for (const index of list.otherEntries) {
    const computed = hmac(algorithm.hash, list.encoded[index], signingInput);
    const mac = computed instanceof Uint8Array ? computed : await computed;
    if (constantTimeEqual(mac, signature)) return true;
  }
  return false;
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

  const key = missKey(algorithm, signingInput, signature);
  for (const list of lists) {
    const prepared = preparedList(list.entries);
    if (key !== undefined && prepared.misses.has(key)) continue;

    // Almost every token matches no entry, so a fast filter goes first. The loop below then finds
    // the first matching entry in list order, as it would without the filter.
    if (!(await listMayMatch(algorithm, signingInput, signature, prepared, hmac))) {
      if (key !== undefined) rememberMiss(prepared, key);
      continue;
    }

    const { encoded } = prepared;
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
