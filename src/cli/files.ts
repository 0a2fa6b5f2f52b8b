/**
 * Input discovery for `jwt-lens scan`: paths, folders (recursive) and glob patterns become a sorted
 * list of files, and each file is read as text unless it is binary or too large.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
// The CommonJS build on purpose: bundled into the CommonJS dist/cli.js, the ES module build of
// tinyglobby's fdir dependency calls createRequire(import.meta.url), which is undefined there.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the reason is above.
import tinyglobby = require('tinyglobby');
import { NotReadableFileError, readRegularFile } from '../core/keys/readRegularFile';
import { errorMessage } from './analysis';
import type { SkippedInput } from './report';

/** Folders never entered by a folder walk or a glob: dependencies and Git's object store. */
export const IGNORED_DIRECTORIES: readonly string[] = ['node_modules', '.git'];

/** How many leading bytes are searched for a NUL byte to recognise a binary file (as Git does). */
export const BINARY_PROBE_BYTES = 8192;

export interface CollectedFiles {
  /** Absolute paths, without duplicates, sorted. */
  paths: string[];
  /** Paths and patterns that matched nothing or could not be listed. */
  errors: SkippedInput[];
}

/** Expands `inputs` (files, folders and glob patterns, relative to `cwd`) into files to scan. */
export async function collectFiles(inputs: readonly string[], cwd: string): Promise<CollectedFiles> {
  const found = new Set<string>();
  const errors: SkippedInput[] = [];

  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const info = await stat(absolute).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

    if (!(info instanceof Error)) {
      if (info.isDirectory()) {
        await walkDirectory(absolute, found, errors, cwd);
      } else if (info.isFile()) {
        found.add(absolute);
      } else {
        // Reading a FIFO or a device could wait for ever (no writer) or never end (/dev/zero).
        errors.push({ path: input, reason: 'not a regular file or folder (pipe it into standard input instead: jwt-lens scan - < PATH)' });
      }
      continue;
    }

    if (isMissing(info) && tinyglobby.isDynamicPattern(input)) {
      const matches = await expandGlob(input, cwd);
      if (matches.length === 0) {
        errors.push({ path: input, reason: 'no files match this pattern' });
      }
      matches.forEach((match) => found.add(match));
      continue;
    }
    errors.push({ path: input, reason: errorMessage(info) });
  }

  return { paths: [...found].sort(), errors };
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  return tinyglobby.glob(pattern, {
    cwd,
    absolute: true,
    dot: true,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: false,
    ignore: IGNORED_DIRECTORIES.map((name) => `**/${name}/**`),
  });
}

/** Adds every file under `directory`. Symbolic links to folders are not followed, so a loop cannot hang the walk. */
async function walkDirectory(directory: string, found: Set<string>, errors: SkippedInput[], cwd: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    errors.push({ path: displayPath(directory, cwd), reason: errorMessage(error) });
    return;
  }

  entries.sort((left, right) => compareNames(left.name, right.name));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!IGNORED_DIRECTORIES.includes(entry.name)) {
        await walkDirectory(path, found, errors, cwd);
      }
    } else if (entry.isFile()) {
      found.add(path);
    } else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      if (target?.isFile() === true) {
        found.add(path);
      }
    }
  }
}

export type ReadResult =
  | { kind: 'text'; text: string }
  | { kind: 'skipped'; reason: string; skip: 'binary' | 'too-large' }
  | { kind: 'error'; reason: string };

/**
 * Reads a file as text: UTF-16 when it starts with a UTF-16 byte order mark, else UTF-8. A byte
 * order mark is dropped, as editors do, so offsets match theirs. Files larger than `maxBytes`,
 * files with a NUL byte in their first 8 KiB (binary) and anything but a regular file are skipped.
 */
export async function readScanFile(path: string, maxBytes: number): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, maxBytes);
  } catch (error) {
    if (error instanceof NotReadableFileError && error.reason === 'too-large') {
      return { kind: 'skipped', reason: `file is ${formatBytes(error.size ?? 0)}, over the ${formatBytes(maxBytes)} limit (raise it with --max-file-size)`, skip: 'too-large' };
    }
    return { kind: 'error', reason: errorMessage(error) };
  }

  const utf16 = utf16Encoding(bytes);
  if (utf16 !== undefined) {
    return { kind: 'text', text: new TextDecoder(utf16).decode(bytes) };
  }
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    return { kind: 'skipped', reason: 'binary file (NUL byte in the first 8 KiB)', skip: 'binary' };
  }
  return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) };
}

/** Returns the encoding a UTF-16 byte order mark names (FF FE little-endian, FE FF big-endian), if any. */
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2) {
    return undefined;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le';
  }
  return bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
}

/** Formats `path` relative to `cwd` with `/` separators, or returns it unchanged when it lies outside `cwd`. */
export function displayPath(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  if (relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath)) {
    return path;
  }
  return relativePath.split(sep).join('/');
}

const UNIT_BYTES: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Parses a size such as `500000`, `512k`, `10MB` or `1G` (binary units: 1k = 1024 bytes). */
export function parseByteSize(text: string): number | undefined {
  // Trimming first leaves one `\s*`: two of them around optional parts backtrack quadratically on `1   …x`.
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const unit = (match[2] ?? '').toLowerCase();
  return Math.floor(Number(match[1]) * (UNIT_BYTES[unit] ?? 1));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) {
    return `${(bytes / 1024 ** 2).toFixed(1).replace(/\.0$/, '')} MiB`;
  }
  if (bytes >= 1024) {
    return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  }
  return `${bytes} bytes`;
}

/** Orders by UTF-16 code units, like `Array.prototype.sort`, so the walk does not depend on the locale. */
function compareNames(left: string, right: string): number {
  if (left === right) {
    return 0;
  }
  return left < right ? -1 : 1;
}

function isMissing(error: Error): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
