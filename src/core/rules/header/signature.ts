import { describeJsonType } from '../../time';
import { defineRule, type RuleHit } from '../types';

/** Length in bytes of r and of s in a JWS ECDSA signature (RFC 7518 3.4). */
const ECDSA_HALF_BYTES: Readonly<Record<string, number>> = { ES256: 32, ES384: 48, ES512: 66 };

function isZero(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0);
}

export const psychicSignature = defineRule({
  id: 'psychic-signature',
  defaultSeverity: 'error',
  title: 'ECDSA signature with r or s zero',
  check(ctx): RuleHit[] {
    const alg = ctx.header.alg;
    const signature = ctx.decoded.signature;
    if (typeof alg !== 'string') return [];
    const half = ECDSA_HALF_BYTES[alg];
    if (half === undefined || signature === null || signature.length !== 2 * half) return [];

    const zeroR = isZero(signature.subarray(0, half));
    const zeroS = isZero(signature.subarray(half));
    if (!zeroR && !zeroS) return [];

    // CVE-2022-21449: Java 15 to 18 accepted r = s = 0 for any message and key.
    let zeroParts = 'r and s are';
    if (!zeroS) zeroParts = 'r is';
    if (!zeroR) zeroParts = 's is';
    return [{ message: `${alg} signature is invalid because ${zeroParts} zero, the "psychic signature" that vulnerable verifiers accept for any key (CVE-2022-21449)`, segment: 2 }];
  },
});

/** Signature lengths in bytes that each fixed-size JWS algorithm produces, and where that is stated. */
const FIXED_SIGNATURE_BYTES: Readonly<Record<string, { lengths: readonly number[]; source: string }>> = {
  HS256: { lengths: [32], source: 'RFC 7518 3.2' },
  HS384: { lengths: [48], source: 'RFC 7518 3.2' },
  HS512: { lengths: [64], source: 'RFC 7518 3.2' },
  ES256: { lengths: [64], source: 'RFC 7518 3.4' },
  ES384: { lengths: [96], source: 'RFC 7518 3.4' },
  ES512: { lengths: [132], source: 'RFC 7518 3.4' },
  ES256K: { lengths: [64], source: 'RFC 8812 3.2' },
  EdDSA: { lengths: [64, 114], source: 'RFC 8037 3.1' },
  Ed25519: { lengths: [64], source: 'RFC 8032 5.1.6' },
  Ed448: { lengths: [114], source: 'RFC 8032 5.2.6' },
};

/** An RSA signature is as long as the modulus, and RFC 7518 3.3 requires a modulus of 2048 bits or more. */
const MIN_RSA_SIGNATURE_BYTES = 256;

const STRIPPED = 'the signature was stripped, so a verifier must reject the token';
const CUT = 'the token was signed with another algorithm or its signature was cut';

function describeLengths(lengths: readonly number[]): string {
  return lengths.length === 1 ? `${lengths[0]} bytes` : `${lengths[0]} bytes with Ed25519 or ${lengths[1]} with Ed448`;
}

function checkSignatureLength(alg: string, signature: Uint8Array): RuleHit[] {
  const length = signature.length;
  const actual = length === 0 ? 'is empty' : `is ${length} bytes`;
  const cause = length === 0 ? STRIPPED : CUT;

  const fixed = FIXED_SIGNATURE_BYTES[alg];
  if (fixed !== undefined) {
    if (fixed.lengths.includes(length)) return [];
    if (alg.startsWith('ES') && isDerSequence(signature)) {
      return [{ message: `${alg} signature is ${length} bytes of DER, but JWS takes the ${fixed.lengths[0]}-byte R || S form (${fixed.source}); convert it, because jose and most verifiers reject DER`, segment: 2 }];
    }
    return [{ message: `${alg} signature ${actual}, but ${alg} produces ${describeLengths(fixed.lengths)} (${fixed.source}); ${cause}`, segment: 2 }];
  }

  if (/^(?:RS|PS)(?:256|384|512)$/.test(alg)) {
    if (length >= MIN_RSA_SIGNATURE_BYTES) return [];
    // NOTE: with a known key the length must equal the modulus length; VerificationResult does not carry it, so only the minimum is checked.
    const rsaCause = length === 0 ? STRIPPED : 'the token was signed with a shorter key or its signature was cut';
    return [{ message: `${alg} signature ${actual}, but ${alg} produces at least ${MIN_RSA_SIGNATURE_BYTES} bytes because RFC 7518 3.3 requires a key of 2048 bits or more; ${rsaCause}`, segment: 2 }];
  }

  if (length === 0) {
    return [{ message: `${alg} signature is empty, but only alg "none" may have an empty signature (RFC 7518 3.6); ${STRIPPED}`, segment: 2 }];
  }
  return [];
}

export const signatureLength = defineRule({
  id: 'signature-length',
  defaultSeverity: 'error',
  title: 'Signature has the wrong length',
  check(ctx): RuleHit[] {
    const alg = ctx.header.alg;
    const signature = ctx.decoded.signature;
    if (ctx.decoded.kind !== 'jws' || !ctx.headerDecoded || signature === null) return [];
    if (typeof alg !== 'string' || alg === '' || alg.toLowerCase() === 'none') return [];
    // A signature segment that is not base64url already has its own finding, and its bytes mean little.
    if (ctx.decoded.problems.some((problem) => problem.rule === 'invalid-base64url' && problem.segment === 2)) return [];

    return checkSignatureLength(alg, signature);
  },
});

/** Standard base64 with padding, as RFC 7515 4.1.6 requires for x5c (not base64url). */
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Checks that bytes are one DER SEQUENCE whose length field covers exactly the rest. */
function isDerSequence(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x30) return false;

  const first = bytes[1];
  if (first < 0x80) return first + 2 === bytes.length;
  const lengthBytes = first & 0x7f;
  if (lengthBytes === 0 || lengthBytes > 4 || bytes.length < 2 + lengthBytes) return false;
  let length = 0;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + bytes[2 + i];
  return 2 + lengthBytes + length === bytes.length;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Invalid x5c entries reported one by one; the rest are counted in one more hit. */
const MAX_REPORTED_X5C_ENTRIES = 10;

/** Says what is wrong with one x5c entry, or returns null for a base64 DER structure. */
function describeX5cProblem(entry: unknown): string | null {
  if (typeof entry !== 'string') return `must be a base64 string, got ${describeJsonType(entry)}`;
  if (!STANDARD_BASE64.test(entry)) {
    const hint = /[-_]/.test(entry) ? ' (it uses the base64url alphabet, but x5c takes standard base64)' : '';
    return `is not padded standard base64${hint}`;
  }
  if (!isDerSequence(decodeBase64(entry))) return 'does not decode to a DER certificate';
  return null;
}

export const invalidX5c = defineRule({
  id: 'invalid-x5c',
  defaultSeverity: 'error',
  title: 'Invalid x5c certificate chain',
  check(ctx): RuleHit[] {
    const x5c = ctx.header.x5c;
    if (x5c === undefined) return [];
    if (!Array.isArray(x5c) || x5c.length === 0) {
      return [{ message: `x5c must be a non-empty array of base64 certificates (RFC 7515 4.1.6), got ${describeJsonType(x5c)}`, segment: 0 }];
    }

    const hits: RuleHit[] = [];
    let invalidCount = 0;
    for (let index = 0; index < x5c.length; index++) {
      const problem = describeX5cProblem(x5c[index]);
      if (problem === null) continue;
      invalidCount++;
      if (invalidCount <= MAX_REPORTED_X5C_ENTRIES) hits.push({ message: `x5c[${index}] ${problem}`, segment: 0 });
    }
    if (invalidCount > MAX_REPORTED_X5C_ENTRIES) {
      hits.push({ message: `x5c has ${invalidCount - MAX_REPORTED_X5C_ENTRIES} more invalid entries`, segment: 0 });
    }
    return hits;
  },
});
