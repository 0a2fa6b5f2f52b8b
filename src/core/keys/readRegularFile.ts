/** Reading files the user names (keys, secrets, wordlists, policies, scanned files) without hanging (Node only). */

import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

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
 * Reads a regular file whole. A FIFO, socket or device (`/dev/zero`, a named pipe without a writer)
 * is rejected before any read, because reading it could wait for ever or never end. Errors from
 * the file system (ENOENT, EACCES, EISDIR) are thrown unchanged.
 */
export async function readRegularFile(path: string, maxBytes = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
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
    if (info.size > maxBytes) {
      throw new NotReadableFileError(`is ${info.size} bytes, over the limit of ${maxBytes} bytes`, 'too-large', info.size);
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
