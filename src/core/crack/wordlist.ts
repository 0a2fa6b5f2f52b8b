/**
 * Wordlists as chunks of whole lines, ready to hand to a worker. Files are streamed, never read
 * whole. Each chunk owns its `ArrayBuffer`, so it can be transferred to a worker without a copy.
 */

import { openRegularFile } from '../keys/readRegularFile';
import { CrackError } from './target';

/**
 * Candidate secrets: a wordlist file path (one secret a line, LF or CRLF, UTF-8), a wordlist
 * file's bytes, or the secrets themselves.
 */
export type WordlistSource = string | Uint8Array | readonly string[];

/** A wordlist opened for reading. */
export interface WordlistReader {
  /** Reads the list once, as chunks of about `chunkBytes` that each end at a line boundary. */
  chunks(chunkBytes: number): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Releases the file; safe to call more than once. */
  close(): Promise<void>;
  /** Bytes in all chunks together, known before reading. */
  totalBytes: number;
  /** The number of entries when known up front (in-memory lists), else null. */
  totalEntries: number | null;
  /**
   * Entries that lines cannot carry (an in-memory secret containing LF, or ending in CR); the
   * caller tests them directly.
   */
  directEntries: Uint8Array[];
  /** True when an in-memory list contains the empty secret. */
  hasEmptyEntry: boolean;
}

/** A line longer than this in a file is taken as a sign that the file is not a wordlist. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** @throws {CrackError} when a wordlist file cannot be opened. */
export async function openWordlist(source: WordlistSource): Promise<WordlistReader> {
  if (typeof source === 'string') return openWordlistFile(source);
  if (source instanceof Uint8Array) return wordlistFromBytes(source);
  return wordlistFromEntries(source);
}

async function openWordlistFile(path: string): Promise<WordlistReader> {
  let opened: Awaited<ReturnType<typeof openRegularFile>>;
  try {
    // A FIFO or device would make the reads below wait for ever or never end, so it is rejected here.
    opened = await openRegularFile(path);
  } catch (error) {
    throw new CrackError('wordlist-unreadable', `Cannot read wordlist ${path}: ${describeError(error)}.`);
  }

  const { handle: file, size } = opened;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await file.close();
  };

  async function* readChunks(chunkBytes: number): AsyncGenerator<Uint8Array> {
    let carry = new Uint8Array(0);
    let first = true;
    try {
      for (;;) {
        const buffer = new Uint8Array(Math.max(chunkBytes, carry.length * 2));
        buffer.set(carry);
        let bytesRead: number;
        try {
          ({ bytesRead } = await file.read(buffer, carry.length, buffer.length - carry.length, null));
        } catch (error) {
          throw new CrackError('wordlist-unreadable', `Cannot read wordlist ${path}: ${describeError(error)}.`);
        }
        const filled = carry.length + bytesRead;
        const skip = first && startsWithBom(buffer, filled) ? UTF8_BOM.length : 0;

        if (bytesRead === 0) {
          if (filled > skip) yield buffer.subarray(skip, filled);
          return;
        }
        const lastNewline = buffer.subarray(0, filled).lastIndexOf(NEWLINE);
        if (lastNewline === -1) {
          if (filled > MAX_LINE_BYTES) {
            throw new CrackError(
              'wordlist-line-too-long',
              `Wordlist ${path} has a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB; is it a text file with one secret a line?`,
            );
          }
          carry = buffer.slice(0, filled);
          continue;
        }
        carry = buffer.slice(lastNewline + 1, filled);
        first = false;
        yield buffer.subarray(skip, lastNewline + 1);
      }
    } finally {
      await close();
    }
  }

  return { chunks: readChunks, close, totalBytes: size, totalEntries: null, directEntries: [], hasEmptyEntry: false };
}

function startsWithBom(buffer: Uint8Array, length: number): boolean {
  return length >= 3 && UTF8_BOM.every((byte, i) => buffer[i] === byte);
}

function wordlistFromBytes(bytes: Uint8Array): WordlistReader {
  function* readChunks(chunkBytes: number): Generator<Uint8Array> {
    let start = startsWithBom(bytes, bytes.length) ? UTF8_BOM.length : 0;
    while (start < bytes.length) {
      let end = Math.min(start + chunkBytes, bytes.length);
      if (end < bytes.length) {
        const lastNewline = bytes.subarray(start, end).lastIndexOf(NEWLINE);
        if (lastNewline !== -1) {
          end = start + lastNewline + 1;
        } else {
          const nextNewline = bytes.indexOf(NEWLINE, end);
          end = nextNewline === -1 ? bytes.length : nextNewline + 1;
        }
      }
      yield bytes.slice(start, end);
      start = end;
    }
  }
  return { chunks: readChunks, close: closeNothing, totalBytes: bytes.length, totalEntries: null, directEntries: [], hasEmptyEntry: false };
}

function closeNothing(): Promise<void> {
  return Promise.resolve();
}

function wordlistFromEntries(entries: readonly string[]): WordlistReader {
  const encoder = new TextEncoder();
  const directEntries: Uint8Array[] = [];
  const lines: Uint8Array[] = [];
  let hasEmptyEntry = false;
  let totalBytes = 0;

  for (const entry of entries) {
    const bytes = encoder.encode(entry);
    if (bytes.length === 0) {
      hasEmptyEntry = true;
    } else if (bytes.includes(NEWLINE) || bytes[bytes.length - 1] === CARRIAGE_RETURN) {
      directEntries.push(bytes);
    } else {
      lines.push(bytes);
      totalBytes += bytes.length + 1;
    }
  }

  function* readChunks(chunkBytes: number): Generator<Uint8Array> {
    let index = 0;
    while (index < lines.length) {
      let size = 0;
      let end = index;
      while (end < lines.length && (end === index || size + lines[end].length + 1 <= chunkBytes)) {
        size += lines[end].length + 1;
        end++;
      }
      const chunk = new Uint8Array(size);
      let offset = 0;
      for (let i = index; i < end; i++) {
        chunk.set(lines[i], offset);
        offset += lines[i].length;
        chunk[offset++] = NEWLINE;
      }
      yield chunk;
      index = end;
    }
  }

  return { chunks: readChunks, close: closeNothing, totalBytes, totalEntries: entries.length, directEntries, hasEmptyEntry };
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}
