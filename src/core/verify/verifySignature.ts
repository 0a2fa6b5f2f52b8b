/**
 * Signature verification of a decoded JWS against user-configured keys, with the weak-secret and
 * algorithm-confusion checks. Runs in Node and in browsers.
 *
 * The signature is checked over the signing input exactly as written (`parts[0] + '.' + parts[1]`)
 * and decoded leniently, so a token with `=` padding or the `+`/`/` alphabet verifies when its
 * issuer signed that text. The decoder reports such encodings as findings of their own.
 */

import type { DecodedToken, KeyMaterial, VerificationResult } from '../model';
import { decodeBase64Lenient } from '../keys/base64';
import { type VerificationKey, parseKeyMaterial } from '../keys/parseKeyMaterial';
import {
  type AsymmetricAlgorithm,
  type HmacAlgorithm,
  type JwsAlgorithm,
  describeKeyType,
  isHmacAlgorithm,
  jwsAlgorithm,
} from './algorithms';
import { ecdsaSignatureProblem, verifyWithPublicKey } from './asymmetric';
import { findConfusionKey } from './confusion';
import { type HmacFunction, constantTimeEqual, defaultHmac } from './hmac';
import { keyAppliesTo } from './keyScope';
import { selectKeys } from './selectKeys';
import { type SecretList, builtinSecretList, findWeakSecret } from './weakSecret';

export interface VerifyOptions {
  /**
   * Keys to verify with. A token is never verified with a key it carries itself, nor with a key
   * whose `appliesTo` scope does not cover it.
   */
  keys?: readonly KeyMaterial[];
  /** Extra weak-secret candidates, tried after the built-in list. */
  wordlist?: readonly string[];
  /** Names the wordlist in `weakSecret.source`; defaults to "the wordlist". */
  wordlistLabel?: string;
  /** HMAC implementation; defaults to Node's `createHmac` where present, else Web Crypto. */
  hmac?: HmacFunction;
}

/** Header members through which a token names or carries its own key (RFC 7515 §4.1.2–4.1.6). */
const SELF_KEY_MEMBERS = ['jwk', 'jku', 'x5c', 'x5u'] as const;

const encoder = new TextEncoder();

interface VerificationTarget {
  algorithm: JwsAlgorithm;
  kid: unknown;
  signingInput: Uint8Array;
  signature: Uint8Array;
  /** The header members through which the token supplies its own key. */
  selfKeyMembers: string[];
  /** Labels of the keys left out because their scope covers other tokens. */
  outOfScope: string[];
}

/**
 * Verifies a decoded token's signature. Never throws: an unexpected failure becomes an `unverified`
 * result whose reason names the error, so one bad key or token cannot break a whole file's analysis.
 */
export async function verifySignature(decoded: DecodedToken, options: VerifyOptions = {}): Promise<VerificationResult> {
  try {
    return await verifyOrThrow(decoded, options);
  } catch (error) {
    return unverified(`Verification failed unexpectedly (${error instanceof Error ? error.message : String(error)}), so the signature was not checked.`);
  }
}

async function verifyOrThrow(decoded: DecodedToken, options: VerifyOptions): Promise<VerificationResult> {
  const target = verificationTarget(decoded);
  if ('status' in target) return target;

  const applicable: KeyMaterial[] = [];
  for (const material of options.keys ?? []) {
    if (keyAppliesTo(material, decoded)) applicable.push(material);
    else target.outOfScope.push(material.label);
  }
  const parsed = await Promise.all(applicable.map((material) => parseKeyMaterial(material)));
  const keys = parsed.flatMap((material) => material.keys);
  const keyErrors = parsed.flatMap((material) => material.errors);
  const hmac = options.hmac ?? defaultHmac();

  const result = isHmacAlgorithm(target.algorithm)
    ? await verifyHmacToken(target, target.algorithm, keys, options, hmac)
    : await verifyAsymmetricToken(target, target.algorithm, keys);

  if (result.status !== 'verified') {
    if (keyErrors.length > 0 && result.status === 'unverified') result.reason += ` Unreadable key material: ${keyErrors.join('; ')}.`;
    if (target.selfKeyMembers.length > 0) result.reason += ` ${selfKeyNote(target.selfKeyMembers)}`;
  }
  return result;
}

/** Checks what can be checked without keys; returns a final result when there is nothing to verify. */
function verificationTarget(decoded: DecodedToken): VerificationTarget | VerificationResult {
  if (decoded.kind === 'jwe') return unverified('The token is encrypted (JWE); JWT Lens does not decrypt it, so there is no signature to check.');
  if (decoded.parts.length !== 3) {
    const count = decoded.parts.length === 1 ? '1 segment' : `${decoded.parts.length} segments`;
    return unverified(`The token has ${count} instead of 3, so its signature cannot be checked.`);
  }
  if (decoded.header === null) return unverified('The JOSE header did not decode to a JSON object, so the algorithm to verify with is unknown.');

  const alg = decoded.header.alg;
  if (typeof alg !== 'string') return unverified('The header has no "alg" string, so the signature cannot be checked.');
  if (alg.toLowerCase() === 'none') return unverified(`The token is unsecured (alg ${JSON.stringify(alg)}), so there is no signature to verify.`);

  const algorithm = jwsAlgorithm(alg);
  if (!algorithm) return unverified(`Algorithm ${JSON.stringify(alg)} is not supported for verification.`);

  const signature = decodeBase64Lenient(decoded.parts[2]);
  if (signature === null) return unverified('The signature segment is not base64url, so it cannot be checked.');

  const header = decoded.header;
  return {
    algorithm,
    kid: header.kid,
    signingInput: encoder.encode(`${decoded.parts[0]}.${decoded.parts[1]}`),
    signature,
    selfKeyMembers: SELF_KEY_MEMBERS.filter((member) => header[member] !== undefined),
    outOfScope: [],
  };
}

async function verifyHmacToken(
  target: VerificationTarget,
  algorithm: HmacAlgorithm,
  keys: readonly VerificationKey[],
  options: VerifyOptions,
  hmac: HmacFunction,
): Promise<VerificationResult> {
  const { signingInput, signature } = target;
  const secrets = selectKeys(keys, algorithm, target.kid);

  let result: VerificationResult | undefined;
  for (const key of secrets) {
    const mac = await hmac(algorithm.hash, key.secret!, signingInput);
    if (constantTimeEqual(mac, signature)) {
      result = { status: 'verified', verifiedBy: key.label, reason: `The ${algorithm.alg} signature verifies with ${key.label}.`, hmacKeyLength: key.secret!.length };
      break;
    }
  }

  if (!result) {
    const publicKeys = keys.filter((key) => key.publicKey !== undefined);
    const confusion = await findConfusionKey(algorithm, signingInput, signature, publicKeys, hmac);
    if (confusion) {
      return {
        status: 'unverified',
        verifiedBy: null,
        reason: `The ${algorithm.alg} MAC verifies with the public key ${confusion.label} (${confusion.encoding}) used as the HMAC secret: an algorithm-confusion forgery.`,
        confusionKey: confusion.label,
      };
    }
    result = secrets.length > 0 ? noKeyMatched(algorithm, secrets) : noCompatibleKey(algorithm, keys, target.outOfScope);
  }

  const lists: SecretList[] = [builtinSecretList()];
  if (options.wordlist && options.wordlist.length > 0) lists.push({ entries: options.wordlist, source: options.wordlistLabel ?? 'the wordlist' });
  const weak = await findWeakSecret(algorithm, signingInput, signature, lists, hmac);
  if (weak) {
    result.weakSecret = { secret: weak.secret, source: weak.source };
    result.hmacKeyLength ??= weak.byteLength;
    if (result.status !== 'verified') result.reason += ` The MAC verifies with a weak secret from ${weak.source}.`;
  }
  return result;
}

async function verifyAsymmetricToken(
  target: VerificationTarget,
  algorithm: AsymmetricAlgorithm,
  keys: readonly VerificationKey[],
): Promise<VerificationResult> {
  const candidates = selectKeys(keys, algorithm, target.kid);
  if (candidates.length === 0) return noCompatibleKey(algorithm, keys, target.outOfScope);

  const signatureProblem = ecdsaSignatureProblem(algorithm, target.signature);
  if (signatureProblem) return { status: 'invalid', verifiedBy: null, reason: signatureProblem };

  const importErrors: string[] = [];
  for (const key of candidates) {
    const outcome = await verifyWithPublicKey(key, algorithm, target.signingInput, target.signature);
    if (outcome.valid) return { status: 'verified', verifiedBy: key.label, reason: `The ${algorithm.alg} signature verifies with ${key.label}.` };
    if (outcome.error) importErrors.push(outcome.error);
  }

  const result = noKeyMatched(algorithm, candidates);
  if (importErrors.length > 0) result.reason += ` ${importErrors.join('; ')}.`;
  return result;
}

function noKeyMatched(algorithm: JwsAlgorithm, tried: readonly VerificationKey[]): VerificationResult {
  const reason = tried.length === 1
    ? `The ${algorithm.alg} signature does not match ${tried[0].label}.`
    : `The ${algorithm.alg} signature matches none of the ${tried.length} compatible keys (${tried.map((key) => key.label).join(', ')}).`;
  return { status: 'invalid', verifiedBy: null, reason };
}

function noCompatibleKey(algorithm: JwsAlgorithm, keys: readonly VerificationKey[], outOfScope: readonly string[]): VerificationResult {
  if (keys.length === 0 && outOfScope.length > 0) {
    const labels = outOfScope.join(', ');
    return unverified(`No key applies to this token, so the signature was not verified: ${labels} ${outOfScope.length === 1 ? 'was' : 'were'} entered for tokens of another issuer or kid.`);
  }
  if (keys.length === 0) return unverified('No key is configured, so the signature was not verified.');
  const configured = keys.map((key) => `${key.label} is ${describeKey(key)}`).join(', ');
  return unverified(`No configured key fits ${algorithm.alg}, which needs ${describeKeyType(algorithm)}: ${configured}.`);
}

function describeKey(key: VerificationKey): string {
  const restrictions = [
    key.alg === undefined ? '' : ` for ${key.alg} only`,
    key.use === undefined || key.use === 'sig' ? '' : ` for use "${key.use}"`,
    key.keyOps === undefined || key.keyOps.includes('verify') ? '' : ` without "verify" in key_ops`,
  ].join('');
  if (key.secret) return `an HMAC secret${restrictions}`;
  const publicKey = key.publicKey!;
  if (publicKey.family === 'RSA') return `an RSA key${restrictions}`;
  if (publicKey.family === 'EC') return `an EC ${publicKey.curve} key${restrictions}`;
  return `an ${publicKey.curve} key${restrictions}`;
}

function selfKeyNote(members: readonly string[]): string {
  const names = members.map((member) => `"${member}"`).join(' and ');
  return `The token supplies its own key through ${names}, which JWT Lens never uses or fetches, because a key chosen by the token proves nothing.`;
}

function unverified(reason: string): VerificationResult {
  return { status: 'unverified', verifiedBy: null, reason };
}
