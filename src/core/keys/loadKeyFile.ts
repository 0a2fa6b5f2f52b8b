/** Reading key files from disk (Node only). */

import { readFile } from 'node:fs/promises';
import type { KeyMaterial } from '../model';
import { KeyFileError, keyMaterialFromBytes, secretFromBytes } from './detectKeyMaterial';

export { KeyFileError } from './detectKeyMaterial';

/** Key files are small; anything larger is almost certainly the wrong file. */
export const MAX_KEY_FILE_BYTES = 1024 * 1024;

/**
 * Reads a key file and detects its kind: PEM, a JWK Set, a JWK, or else a raw HMAC secret (one final
 * newline of a text file dropped). The label is the path as given.
 */
export async function loadKeyFile(path: string): Promise<KeyMaterial> {
  return keyMaterialFromBytes(path, await readKeyFile(path));
}

/** Reads a file as an HMAC secret, whatever it contains; one final newline of a text file is dropped. */
export async function loadSecretFile(path: string): Promise<KeyMaterial> {
  return secretFromBytes(path, await readKeyFile(path));
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
