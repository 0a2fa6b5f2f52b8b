/** Reading key files from disk (Node only). */

import type { KeyMaterial } from '../model';
import { KeyFileError, keyMaterialFromBytes, secretFromBytes } from './detectKeyMaterial';
import { NotReadableFileError, readRegularFile } from './readRegularFile';

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
  try {
    return await readRegularFile(path, MAX_KEY_FILE_BYTES);
  } catch (error) {
    if (error instanceof NotReadableFileError && error.reason === 'too-large') {
      throw new KeyFileError(`${path} is ${error.size} bytes, larger than the 1 MiB a key file may be`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new KeyFileError(`Cannot read key file ${path}: ${reason}`);
  }
}
