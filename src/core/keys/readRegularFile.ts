/** Reading files the user names (keys, secrets, wordlists, policies, scanned files) without hanging (Node only). */

import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** A path that is not a regular file, or a file over the caller's size limit. */
export class NotReadableFileError extends Error {
  override readonly name = 'NotReadableFileError';

  constructor(
    message: string,
    readonly reason: 'not-regular' | 'too-large',
    /** The file's size in bytes, set when `reason` is `too-large`. */
    readonly size?: number,
  ) {
    super(message);
  }
}

/**
 * Opens a regular file for reading and returns its handle and size, for callers that stream it. A FIFO,
 * socket or device (`/dev/zero`, a named pipe without a writer) is rejected before any read, because
 * reading it could wait for ever or never end. Errors from the file system (ENOENT, EACCES, EISDIR) are
 * thrown unchanged. The caller closes the handle.
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  // O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    }
    if (!info.isFile()) {
      throw new NotReadableFileError(`is ${describeFileType(info)}, not a regular file`, 'not-regular');
    }
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Reads a regular file whole, rejecting anything else as `openRegularFile` does, and a file over
 * `maxBytes` before reading it.
 */
export async function readRegularFile(path: string, maxBytes = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path);
  try {
    if (size > maxBytes) {
      throw new NotReadableFileError(`is ${size} bytes, over the limit of ${maxBytes} bytes`, 'too-large', size);
    }

    const bytes = await handle.readFile();
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } finally {
    await handle.close();
  }
}

function describeFileType(info: Stats): string {
  if (info.isFIFO()) {
    return 'a named pipe (FIFO)';
  }
  if (info.isCharacterDevice()) {
    return 'a character device';
  }
  if (info.isBlockDevice()) {
    return 'a block device';
  }
  if (info.isSocket()) {
    return 'a socket';
  }
  return 'a special file';
}
