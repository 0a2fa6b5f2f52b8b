/**
 * Worker thread entry of the cracker (bundled to `dist/crackWorker.js`). It sets up one chunk
 * cracker for the token in `workerData` and replies to each chunk request in order.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { NodeChunkCracker, type ChunkCracker } from './nodeCracker';
import type { ChunkReply, ChunkRequest, WorkerSetup } from './protocol';
import { WasmChunkCracker } from './wasmCracker';

function createCracker(setup: WorkerSetup): ChunkCracker {
  if (setup.engine === 'node') return new NodeChunkCracker(setup.target);
  return setup.kernel ? new WasmChunkCracker(setup.target, setup.kernel) : new WasmChunkCracker(setup.target);
}

if (parentPort) {
  const port = parentPort;
  const cracker = createCracker(workerData as WorkerSetup);

  port.on('message', (request: ChunkRequest) => {
    let reply: ChunkReply;
    try {
      reply = { id: request.id, ...cracker.crackChunk(request.chunk) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
}
