/** Reading key files from disk (Node only). */

import { readFile } from 'node:fs/promises';
import type { KeyMaterial } from '../model';
import { containsPem } from './pem';

/** Raised when a key file cannot be read or is not key material; the message names the file. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

/** Key files are small; anything larger is almost certainly the wrong file. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

/**
 * Reads a key file and detects its kind: PEM (any `-----BEGIN` block), a JWK Set (JSON with a `keys`
 * array), a JWK (JSON with `kty`), or else a raw HMAC secret, handled as `loadSecretFile` does.
 * The label is the path as given.
 */
export async function loadKeyFile(path: string): Promise<KeyMaterial> {
  const bytes = await readKeyFile(path);
  const text = decodeUtf8(bytes);

  if (text !== null && containsPem(text)) return { label: path, kind: 'pem', data: text };

  const trimmed = text?.trim() ?? '';
  if (text !== null && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new KeyFileError(`${path} looks like JSON but does not parse (${(error as Error).message})`);
    }
    if (typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys)) return { label: path, kind: 'jwks', data: text };
    if (typeof value === 'object' && value !== null && typeof (value as { kty?: unknown }).kty === 'string') return { label: path, kind: 'jwk', data: text };
    throw new KeyFileError(`${path} is JSON but neither a JWK (no "kty") nor a JWK Set (no "keys" array)`);
  }

  return secretMaterial(path, bytes, text);
}

/**
 * Reads a file as an HMAC secret, whatever it contains. When the file is UTF-8 text ending in one
 * newline (`\n` or `\r\n`), that newline is dropped, because editors and `echo` add one the issuer's
 * secret did not have. Binary files and any other whitespace are kept byte for byte.
 */
export async function loadSecretFile(path: string): Promise<KeyMaterial> {
  const bytes = await readKeyFile(path);
  return secretMaterial(path, bytes, decodeUtf8(bytes));
}

function secretMaterial(path: string, bytes: Uint8Array, text: string | null): KeyMaterial {
  let secret = bytes;
  if (text !== null) {
    if (text.endsWith('\r\n')) secret = bytes.subarray(0, bytes.length - 2);
    else if (text.endsWith('\n')) secret = bytes.subarray(0, bytes.length - 1);
  }
  if (secret.length === 0) throw new KeyFileError(`${path} is empty, so it holds no secret`);
  return { label: path, kind: 'secret', data: secret };
}

async function readKeyFile(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new KeyFileError(`Cannot read key file ${path}: ${reason}`);
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) throw new KeyFileError(`${path} is ${bytes.length} bytes, larger than the 1 MiB a key file may be`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
