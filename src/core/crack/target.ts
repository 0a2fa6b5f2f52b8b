/** Reading the parts of an HS256/384/512 token that cracking needs. */

import { HASH_SHAPES, type HmacAlgorithm } from './sha2';

export type CrackErrorCode =
  | 'malformed-token'
  | 'unsupported-algorithm'
  | 'invalid-signature-length'
  | 'wordlist-unreadable'
  | 'wordlist-line-too-long';

/** A problem with the input that makes cracking impossible; `code` is stable, `message` is for people. */
export class CrackError extends Error {
  override readonly name = 'CrackError';

  constructor(readonly code: CrackErrorCode, message: string) {
    super(message);
  }
}

/** The token parts the cracker compares each candidate against. */
export interface CrackTarget {
  algorithm: HmacAlgorithm;
  /** The bytes of `header.payload` exactly as written in the token (RFC 7515 section 5.1). */
  signingInput: Uint8Array;
  mac: Uint8Array;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function isHmacAlgorithm(value: unknown): value is HmacAlgorithm {
  return value === 'HS256' || value === 'HS384' || value === 'HS512';
}

function describeAlgorithm(value: unknown): string {
  if (value === undefined) return 'no "alg"';
  return `"alg": ${JSON.stringify(value)}`;
}

/**
 * Parses a compact JWS whose `alg` is HS256, HS384 or HS512.
 * @throws {CrackError} when the token is not such a JWS or its signature has the wrong length.
 */
export function parseCrackTarget(token: string): CrackTarget {
  const compact = token.trim();
  const parts = compact.split('.');
  if (parts.length !== 3) {
    throw new CrackError('malformed-token', `Expected a compact JWS with 3 dot-separated parts, got ${parts.length}.`);
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
  } catch {
    throw new CrackError('malformed-token', 'The token header is not base64url-encoded JSON.');
  }
  const algorithm = (header as { alg?: unknown } | null)?.alg;
  if (!isHmacAlgorithm(algorithm)) {
    throw new CrackError(
      'unsupported-algorithm',
      `Only HS256, HS384 and HS512 tokens have a secret to crack; this token has ${describeAlgorithm(algorithm)}.`,
    );
  }

  if (!BASE64URL.test(signaturePart)) {
    throw new CrackError('malformed-token', 'The token signature is not base64url.');
  }
  const mac = new Uint8Array(Buffer.from(signaturePart, 'base64url'));
  const expected = HASH_SHAPES[algorithm].macBytes;
  if (mac.length !== expected) {
    throw new CrackError(
      'invalid-signature-length',
      `The ${algorithm} signature is ${mac.length} bytes long; ${algorithm} produces ${expected} bytes, so no secret can match.`,
    );
  }

  const signingInput = new Uint8Array(Buffer.from(`${headerPart}.${payloadPart}`, 'utf8'));
  return { algorithm, signingInput, mac };
}
