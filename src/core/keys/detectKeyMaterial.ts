/** Detects the kind of key material in a file from its bytes alone, so the CLI and the extension agree. Browser-safe. */

import type { KeyMaterial } from '../model';
import { describeJsonError } from './jsonError';
import { containsPem } from './pem';

/** Raised when a key file cannot be read or is not key material; the message names the file. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

/**
 * Detects the kind of a key file: PEM (any `-----BEGIN` block), a JWK Set (JSON with a `keys`
 * array), a JWK (JSON with `kty`), or else a raw HMAC secret as `secretFromBytes` reads it.
 */
export function keyMaterialFromBytes(label: string, bytes: Uint8Array): KeyMaterial {
  const text = decodeUtf8(bytes);
  if (text !== null && containsPem(text)) return { label, kind: 'pem', data: text };

  const trimmed = text?.trim() ?? '';
  if (text !== null && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new KeyFileError(`${label} looks like JSON but does not parse (${describeJsonError(error)})`);
    }
    if (typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys)) return { label, kind: 'jwks', data: text };
    if (typeof value === 'object' && value !== null && typeof (value as { kty?: unknown }).kty === 'string') return { label, kind: 'jwk', data: text };
    throw new KeyFileError(`${label} is JSON but neither a JWK (no "kty") nor a JWK Set (no "keys" array)`);
  }
  return secretFromBytes(label, bytes);
}

/**
 * Reads bytes as an HMAC secret, whatever they contain. When they are UTF-8 text ending in one
 * newline (`\n` or `\r\n`), that newline is dropped, because editors and `echo` add one the issuer's
 * secret did not have. Binary content and any other whitespace are kept byte for byte.
 */
export function secretFromBytes(label: string, bytes: Uint8Array): KeyMaterial {
  let secret = bytes;
  if (decodeUtf8(bytes) !== null) {
    if (bytes.length >= 2 && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 1] === 0x0a) secret = bytes.subarray(0, bytes.length - 2);
    else if (bytes[bytes.length - 1] === 0x0a) secret = bytes.subarray(0, bytes.length - 1);
  }
  if (secret.length === 0) throw new KeyFileError(`${label} is empty, but a secret file must contain at least one byte`);
  return { label, kind: 'secret', data: secret };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
