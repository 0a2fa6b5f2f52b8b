/**
 * Cracking benchmark: candidates per second of the SIMD kernel alone and of `crackSecret` (one
 * worker thread, then all threads) against a plain `createHmac` loop over the same token and
 * wordlist, for HS256, HS384 and HS512.
 *
 * Usage: npm run bench:crack [-- --wordlist FILE] [-- --lines N] [-- --repeat N]
 * Without --wordlist it writes a deterministic list of N lines (default 1,000,000) to bench/.data/.
 * --repeat N runs each measurement N times and keeps the fastest, which filters out moments when
 * other work held the cores.
 * The token is 250 characters long and signed with a secret that is not in the list, so every
 * candidate is tested. Each rate is given per wall-clock second and per CPU second (user + system
 * time of all threads of this process), which varies less on a machine shared with other work.
 */

import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crackSecret } from '../../src/core/crack/crackSecret';
import type { HmacAlgorithm } from '../../src/core/crack/sha2';
import { parseCrackTarget } from '../../src/core/crack/target';
import { WasmChunkCracker } from '../../src/core/crack/wasmCracker';

const HASH_NAMES = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
const TOKEN_LENGTH = 250;
/** The baseline loop is slow, so it runs over the first lines only; its rate does not depend on the count. */
const BASELINE_LINES = 300_000;

/** Writes `count` candidate lines of 6 to 14 bytes, with no randomness across runs. */
function generateWordlist(path: string, count: number): void {
  const words = ['admin', 'secret', 'password', 'jwt', 'token', 'key', 'dev', 'prod', 'test', 'api'];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(`${words[i % words.length]}${(i * 2654435761) % 1_000_003}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Signs a token of exactly `TOKEN_LENGTH` characters with a secret absent from the list. */
function benchToken(algorithm: HmacAlgorithm): string {
  const secret = 'not in the list: 7f3a9c';
  const header = Buffer.from(JSON.stringify({ alg: algorithm, typ: 'JWT' })).toString('base64url');
  const signatureLength = Buffer.alloc(createHmac(HASH_NAMES[algorithm], '').digest().length).toString('base64url').length;
  let padding = 0;
  for (;;) {
    const claims = { sub: 'user-42', iat: 1767225600, exp: 1767229200, scope: 'x'.repeat(padding) };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    if (header.length + payload.length + signatureLength + 2 >= TOKEN_LENGTH) {
      const signature = createHmac(HASH_NAMES[algorithm], secret).update(`${header}.${payload}`).digest('base64url');
      return `${header}.${payload}.${signature}`;
    }
    padding++;
  }
}

interface Rates {
  /** Candidates per wall-clock second. */
  wall: number;
  /** Candidates per CPU second of all threads. */
  cpu: number;
  tried: number;
}

/** Runs `body`, which tests `tried()` candidates, and measures its wall-clock and CPU time. */
async function measure(body: () => Promise<number> | number): Promise<Rates> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const tried = await body();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { wall: tried / wallSeconds, cpu: tried / cpuSeconds, tried };
}

/** The peer: one `createHmac` per candidate on the main thread, as most JWT crackers in Node do. */
function createHmacLoop(token: string, algorithm: HmacAlgorithm, lines: readonly string[]): number {
  const cut = token.lastIndexOf('.');
  const signingInput = token.slice(0, cut);
  const mac = Buffer.from(token.slice(cut + 1), 'base64url');
  let matches = 0;
  for (const line of lines) {
    if (createHmac(HASH_NAMES[algorithm], line).update(signingInput).digest().equals(mac)) matches++;
  }
  if (matches !== 0) throw new Error('The benchmark secret is in the wordlist.');
  return lines.length;
}

/**
 * Runs the SIMD kernel alone on this thread, without worker start-up or file reading, to show the
 * per-core speed. A first pass over 1 MiB lets V8 finish optimizing the kernel.
 */
function kernelLoop(token: string, bytes: Uint8Array): number {
  const cracker = new WasmChunkCracker(parseCrackTarget(token));
  cracker.crackChunk(bytes.subarray(0, bytes.subarray(0, 1 << 20).lastIndexOf(0x0a) + 1));
  let tried = 0;
  for (let start = 0; start < bytes.length; ) {
    let end = Math.min(start + (1 << 20), bytes.length);
    if (end < bytes.length) end = bytes.subarray(0, end).lastIndexOf(0x0a) + 1;
    tried += cracker.crackChunk(bytes.subarray(start, end)).tried;
    start = end;
  }
  return tried;
}

async function crackAll(token: string, wordlist: string, threads: number): Promise<number> {
  const result = await crackSecret(token, wordlist, { threads });
  if (result.secret !== null) throw new Error('The benchmark secret is in the wordlist.');
  return result.tried;
}

function millions(rate: number): string {
  return `${(rate / 1e6).toFixed(2)} M/s`;
}

function cell(rates: Rates, baseline: Rates): string {
  return `${millions(rates.wall)} (${(rates.wall / baseline.wall).toFixed(1)}x) | ${millions(rates.cpu)} (${(rates.cpu / baseline.cpu).toFixed(1)}x)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { wordlist: { type: 'string' }, lines: { type: 'string' }, repeat: { type: 'string' } } });
  const lineCount = Number(values.lines ?? 1_000_000);
  const repeat = Math.max(1, Number(values.repeat ?? 1));
  const best = async (body: () => Promise<number> | number): Promise<Rates> => {
    let fastest = await measure(body);
    for (let i = 1; i < repeat; i++) {
      const next = await measure(body);
      fastest = { wall: Math.max(fastest.wall, next.wall), cpu: Math.max(fastest.cpu, next.cpu), tried: next.tried };
    }
    return fastest;
  };
  let wordlist = values.wordlist;
  if (wordlist === undefined) {
    const dataDirectory = join(__dirname, '..', '.data');
    mkdirSync(dataDirectory, { recursive: true });
    wordlist = join(dataDirectory, `crack-words-${lineCount}.txt`);
    if (!existsSync(wordlist)) generateWordlist(wordlist, lineCount);
  }
  const bytes = new Uint8Array(readFileSync(wordlist));
  const lines = Buffer.from(bytes).toString('utf8').split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line !== '');
  const baselineLines = lines.slice(0, BASELINE_LINES);
  const threads = availableParallelism();

  process.stdout.write(`CPU: ${cpus()[0]?.model ?? 'unknown'}, ${threads} threads available, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  process.stdout.write(`Wordlist: ${wordlist} (${lines.length} candidates); token: ${TOKEN_LENGTH} characters\n\n`);
  process.stdout.write(`Rates are candidates per second (ratio to the createHmac loop), the best of ${repeat} runs.\n\n`);
  process.stdout.write(
    `| alg | createHmac, wall | createHmac, CPU | kernel, wall | kernel, CPU | 1 thread, wall | 1 thread, CPU | ${threads} threads, wall | ${threads} threads, CPU |\n`,
  );
  process.stdout.write('|---|---|---|---|---|---|---|---|---|\n');

  for (const algorithm of ['HS256', 'HS384', 'HS512'] as const) {
    const token = benchToken(algorithm);
    const baseline = await best(() => createHmacLoop(token, algorithm, baselineLines));
    const kernel = await best(() => kernelLoop(token, bytes));
    const single = await best(() => crackAll(token, wordlist, 1));
    const all = await best(() => crackAll(token, wordlist, threads));
    for (const rates of [kernel, single, all]) {
      if (rates.tried !== lines.length) throw new Error(`Tried ${rates.tried} of ${lines.length} candidates.`);
    }
    const peer = `${millions(baseline.wall)} | ${millions(baseline.cpu)}`;
    process.stdout.write(`| ${algorithm} | ${peer} | ${cell(kernel, baseline)} | ${cell(single, baseline)} | ${cell(all, baseline)} |\n`);
  }
  process.stdout.write(`\nLoad average after the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
