/**
 * Weak-secret cracking of HS256/384/512 tokens: every candidate of a wordlist is tried as the HMAC
 * key over the token's signing input, on all cores, with the WebAssembly SIMD kernel where the
 * runtime has it. Node only (worker threads, files).
 */

import { availableParallelism } from 'node:os';
import { keyMatches, type ChunkResult } from './nodeCracker';
import type { CrackEngine } from './protocol';
import { parseCrackTarget, type CrackTarget } from './target';
import { compileKernel, isWasmSimdSupported } from './wasmCracker';
import { openWordlist, type WordlistReader, type WordlistSource } from './wordlist';
import { WorkerPool } from './workerPool';

export { CrackError, type CrackErrorCode } from './target';
export type { WordlistSource } from './wordlist';
export type { CrackEngine } from './protocol';

export interface CrackOptions {
  /** Worker threads to use; defaults to the available parallelism. */
  threads?: number;
  signal?: AbortSignal;
  /**
   * Called after each chunk. `total` is exact for in-memory lists; for files it is an estimate
   * from the bytes read so far until the whole file has been tested.
   */
  onProgress?(tried: number, total: number): void;
  /** Forces an implementation; by default the SIMD kernel where WebAssembly SIMD exists. */
  engine?: CrackEngine;
  /** Bytes per chunk handed to a worker; by default sized from the list and the thread count. */
  chunkBytes?: number;
}

export interface CrackResult {
  /** The secret (decoded as UTF-8), or null when no candidate produced the token's MAC. */
  secret: string | null;
  /** The secret's exact bytes, for lists that are not UTF-8. */
  secretBytes: Uint8Array | null;
  /**
   * Candidates tested. When a secret is found this differs from its position in the list, because
   * the threads test chunks side by side and each chunk stops at its match.
   */
  tried: number;
}

const MIN_CHUNK_BYTES = 16 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;
/** Chunks queued per thread, so a thread usually has its next chunk when it finishes one. */
const CHUNKS_PER_THREAD = 2;

/**
 * Tries every candidate of `wordlist` as the HMAC secret of `token` (HS256, HS384 or HS512).
 * The empty secret is tried once when the list has an empty line; keys longer than the hash block
 * size are hashed first, as RFC 2104 requires.
 * @throws {CrackError} when the token is not an HMAC JWS or the wordlist cannot be read.
 * @throws the signal's reason (an `AbortError` by default) when `options.signal` aborts.
 */
export async function crackSecret(token: string, wordlist: WordlistSource, options: CrackOptions = {}): Promise<CrackResult> {
  const target = parseCrackTarget(token);
  const threads = resolveThreads(options.threads);
  options.signal?.throwIfAborted();

  const reader = await openWordlist(wordlist);
  try {
    const chunkBytes = options.chunkBytes ?? clamp(Math.ceil(reader.totalBytes / (threads * 8)), MIN_CHUNK_BYTES, MAX_CHUNK_BYTES);
    const engine = options.engine ?? (isWasmSimdSupported() ? 'wasm-simd' : 'node');

    const session = new CrackSession(target, reader, options);
    const direct = session.testDirectEntries();
    if (direct) return direct;
    if (reader.totalBytes === 0) return session.notFound();

    // A short list fills fewer chunks than there are threads; a thread without a chunk only costs start-up.
    const workers = Math.min(threads, Math.max(1, Math.ceil(reader.totalBytes / chunkBytes)));
    const pool = new WorkerPool(workers, { target, engine, kernel: engine === 'wasm-simd' ? compileKernel() : undefined });
    try {
      return await session.run(pool, reader.chunks(chunkBytes), workers * CHUNKS_PER_THREAD);
    } finally {
      await pool.terminate();
    }
  } finally {
    await reader.close();
  }
}

function resolveThreads(threads: number | undefined): number {
  if (threads === undefined) return availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be a positive integer, got ${threads}.`);
  }
  return threads;
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(`Cracking failed: ${JSON.stringify(value)}`);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The bookkeeping of one crack: counts, progress and the empty-secret rule. */
class CrackSession {
  private tried = 0;
  private bytesDone = 0;
  private emptyTested = false;

  constructor(
    private readonly target: CrackTarget,
    private readonly reader: WordlistReader,
    private readonly options: CrackOptions,
  ) {}

  /** Tests what lines cannot carry: the empty secret of an in-memory list and multi-line entries. */
  testDirectEntries(): CrackResult | null {
    if (this.reader.hasEmptyEntry) {
      const found = this.testEmptySecret();
      if (found) return found;
    }
    for (const entry of this.reader.directEntries) {
      this.tried++;
      if (keyMatches(this.target, entry)) return this.found(entry);
    }
    return null;
  }

  private testEmptySecret(): CrackResult | null {
    if (this.emptyTested) return null;
    this.emptyTested = true;
    this.tried++;
    return keyMatches(this.target, new Uint8Array(0)) ? this.found(new Uint8Array(0)) : null;
  }

  private found(secret: Uint8Array): CrackResult {
    return { secret: Buffer.from(secret).toString('utf8'), secretBytes: secret, tried: this.tried };
  }

  /** Streams chunks to the pool, at most `maxInFlight` at a time, until a secret or the end. */
  async run(pool: WorkerPool, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxInFlight: number): Promise<CrackResult> {
    const signal = this.options.signal;
    const outcome: { result: CrackResult | null; failure: Error | null } = { result: null, failure: null };
    const settled = (): boolean => outcome.result !== null || outcome.failure !== null;
    let wake: (() => void) | null = null;
    const notify = (): void => {
      wake?.();
      wake = null;
    };
    const waitForReply = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));

    const onAbort = (): void => {
      outcome.failure ??= asError(signal!.reason);
      notify();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const handle = (chunkLength: number, reply: ChunkResult): void => {
      if (settled()) return;
      this.tried += reply.tried;
      this.bytesDone += chunkLength;
      if (reply.secret) {
        outcome.result = this.found(reply.secret);
      } else if (reply.sawEmpty) {
        outcome.result = this.testEmptySecret();
      }
      this.reportProgress();
    };

    try {
      for await (const chunk of chunks) {
        while (pool.inFlight >= maxInFlight && !settled()) await waitForReply();
        if (settled()) break;

        const length = chunk.length;
        pool.crack(chunk).then(
          (reply) => {
            handle(length, reply);
            notify();
          },
          (error: unknown) => {
            outcome.failure ??= asError(error);
            notify();
          },
        );
      }
      while (pool.inFlight > 0 && !settled()) await waitForReply();
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }

    if (outcome.failure) throw outcome.failure;
    return outcome.result ?? this.notFound();
  }

  notFound(): CrackResult {
    return { secret: null, secretBytes: null, tried: this.tried };
  }

  private reportProgress(): void {
    if (!this.options.onProgress) return;
    const known = this.reader.totalEntries;
    if (known !== null) {
      this.options.onProgress(this.tried, known);
      return;
    }
    const totalBytes = this.reader.totalBytes;
    const estimate = this.bytesDone >= totalBytes || this.bytesDone === 0
      ? this.tried
      : Math.round((this.tried * totalBytes) / this.bytesDone);
    this.options.onProgress(this.tried, Math.max(estimate, this.tried));
  }
}
