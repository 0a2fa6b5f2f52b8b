/** Worker threads that test wordlist chunks for one token (Node only). */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChunkResult } from './nodeCracker';
import type { ChunkReply, WorkerSetup } from './protocol';

interface Pending {
  resolve(result: ChunkResult): void;
  reject(error: Error): void;
}

interface WorkerSlot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * Locates the worker script: `crackWorker.js` beside the bundle that contains this code
 * (`dist/`), or `worker.ts` beside this source file when running under tsx (tests, benchmarks).
 */
function workerScript(): { script: string; eval: boolean } {
  const bundled = join(__dirname, 'crackWorker.js');
  if (existsSync(bundled)) return { script: bundled, eval: false };

  const source = join(__dirname, 'worker.ts');
  if (existsSync(source)) {
    // Loader flags such as `--import tsx` do not reach worker threads on Node 20, so the worker
    // registers tsx itself before loading the TypeScript entry.
    return { script: `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, eval: true };
  }
  throw new Error(`The cracking worker script is missing: neither ${bundled} nor ${source} exists; run 'npm run build'.`);
}

let liveWorkers = 0;

/** Returns how many cracking worker threads exist right now (for tests of clean shutdown). */
export function liveCrackWorkers(): number {
  return liveWorkers;
}

export class WorkerPool {
  private readonly slots: WorkerSlot[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(threads: number, setup: WorkerSetup) {
    const script = workerScript();
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script.script, { workerData: setup, eval: script.eval });
      liveWorkers++;
      const slot: WorkerSlot = { worker, pending: new Map() };
      worker.on('message', (reply: ChunkReply) => this.settle(slot, reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        liveWorkers--;
        if (slot.pending.size > 0) this.fail(new Error(`A cracking worker stopped with exit code ${code}.`));
      });
      this.slots.push(slot);
    }
  }

  /** Chunks sent and not yet replied to, over all workers. */
  get inFlight(): number {
    return this.slots.reduce((sum, slot) => sum + slot.pending.size, 0);
  }

  /** Sends `chunk` to the least busy worker. The chunk's buffer moves to that thread. */
  crack(chunk: Uint8Array): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
    const id = this.nextId++;
    return new Promise<ChunkResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, chunk }, [chunk.buffer as ArrayBuffer]);
    });
  }

  private settle(slot: WorkerSlot, reply: ChunkReply): void {
    const pending = slot.pending.get(reply.id);
    if (!pending) return;
    slot.pending.delete(reply.id);
    if ('error' in reply) pending.reject(new Error(`A cracking worker failed: ${reply.error}`));
    else pending.resolve(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const slot of this.slots) {
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    }
  }

  /** Stops every thread, including ones busy with a chunk, and waits until they are gone. */
  async terminate(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.pending.clear();
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
