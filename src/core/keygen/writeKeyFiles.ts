/**
 * Writes generated keys to disk (Node-only). Private keys and secrets get mode 0600 in the `open`
 * call that creates them, so no other user can read them even for a moment. Public files get 0644.
 * Existing files are never replaced unless the caller passes `overwrite`.
 */

import { lstat, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import type { GenerateKeyPairOptions, GeneratedKey } from './generateKeyPair';

export type KeyFileRole = 'private-key' | 'public-key' | 'public-jwk' | 'jwks' | 'secret' | 'secret-jwk';

/** One file to write: where, what, and with which permission bits. */
export interface KeyFile {
  role: KeyFileRole;
  path: string;
  content: string;
  /** 0o600 for private keys and secrets, 0o644 for public material. */
  mode: number;
}

/** Raised before anything is written when some target files already exist. */
export class KeyFileExistsError extends Error {
  override readonly name = 'KeyFileExistsError';

  constructor(readonly paths: string[]) {
    super(`Not overwriting existing ${paths.length === 1 ? 'file' : 'files'} ${paths.join(', ')}; pass --force to replace them.`);
  }
}

const PRIVATE_MODE = 0o600;
const PUBLIC_MODE = 0o644;

/**
 * Lists the files for `key` in `directory`: `NAME.private.pem`, `NAME.public.pem`,
 * `NAME.public.jwk.json` and `NAME.jwks.json` for a key pair; `NAME.secret.base64url.txt` and
 * `NAME.secret.jwk.json` for an HMAC secret.
 */
export function planKeyFiles(key: GeneratedKey, directory: string, name: string): KeyFile[] {
  validateName(name);
  const file = (suffix: string) => join(directory, `${name}.${suffix}`);

  if (key.type === 'HMAC') {
    return [
      { role: 'secret', path: file('secret.base64url.txt'), content: `${key.secretBase64url}\n`, mode: PRIVATE_MODE },
      { role: 'secret-jwk', path: file('secret.jwk.json'), content: toJson(key.jwk), mode: PRIVATE_MODE },
    ];
  }
  return [
    { role: 'private-key', path: file('private.pem'), content: key.privateKeyPem, mode: PRIVATE_MODE },
    { role: 'public-key', path: file('public.pem'), content: key.publicKeyPem, mode: PUBLIC_MODE },
    { role: 'public-jwk', path: file('public.jwk.json'), content: toJson(key.publicJwk), mode: PUBLIC_MODE },
    { role: 'jwks', path: file('jwks.json'), content: toJson(key.jwks), mode: PUBLIC_MODE },
  ];
}

/** Returns the default file prefix: rsa-2048, ec-p-256, ed25519 or hmac-256. */
export function defaultKeyName(options: GenerateKeyPairOptions): string {
  switch (options.type) {
    case 'RSA':
      return `rsa-${options.size ?? 2048}`;
    case 'EC':
      return `ec-${(options.curve ?? 'P-256').toLowerCase()}`;
    case 'OKP':
      return 'ed25519';
    case 'HMAC':
      return `hmac-${options.bits ?? 256}`;
  }
}

/** Returns the paths in `files` that already exist, symbolic links included even when their target does not. */
export async function findExistingFiles(files: readonly KeyFile[]): Promise<string[]> {
  const existing: string[] = [];
  for (const file of files) {
    try {
      // lstat, because a dangling link is still in the way of the 'wx' open below.
      await lstat(file.path);
      existing.push(file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return existing;
}

/**
 * Writes `files`. Throws `KeyFileExistsError` without writing anything when a target exists and
 * `overwrite` is false. With `overwrite`, an existing file is removed and created afresh, so it
 * gets the new mode rather than keeping the old one. On a write error the files created so far are
 * removed again.
 */
export async function writeKeyFiles(files: readonly KeyFile[], options: { overwrite?: boolean } = {}): Promise<KeyFile[]> {
  const existing = await findExistingFiles(files);
  if (existing.length > 0 && options.overwrite !== true) throw new KeyFileExistsError(existing);
  for (const path of existing) await unlink(path);

  const written: KeyFile[] = [];
  try {
    for (const file of files) {
      await writeNewFile(file);
      written.push(file);
    }
  } catch (error) {
    await Promise.allSettled(written.map((file) => unlink(file.path)));
    throw error;
  }
  return written;
}

async function writeNewFile(file: KeyFile): Promise<void> {
  // 'wx' fails with EEXIST instead of following or truncating a file that appeared meanwhile.
  const handle = await open(file.path, 'wx', file.mode);
  try {
    await handle.writeFile(file.content, 'utf8');
    // The umask may have cleared bits of a public file's 0644; a private file's 0600 stays as created.
    if (file.mode === PUBLIC_MODE) await handle.chmod(PUBLIC_MODE);
  } finally {
    await handle.close();
  }
}

function validateName(name: string): void {
  if (name.length === 0 || name === '.' || name === '..' || /[\\/\0]/.test(name)) {
    throw new RangeError(`Invalid key file name "${name}": use a plain name such as "dev-signing" with no path separators.`);
  }
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
