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
    x5c.forEach((entry, index) => {
      if (typeof entry !== 'string') {
        hits.push({ message: `x5c[${index}] must be a base64 string, got ${describeJsonType(entry)}`, segment: 0 });
      } else if (!STANDARD_BASE64.test(entry)) {
        const hint = /[-_]/.test(entry) ? ' (it uses the base64url alphabet, but x5c takes standard base64)' : '';
        hits.push({ message: `x5c[${index}] is not padded standard base64${hint}`, segment: 0 });
      } else if (!isDerSequence(decodeBase64(entry))) {
        hits.push({ message: `x5c[${index}] does not decode to a DER certificate`, segment: 0 });
      }
    });
    return hits;
  },
});
