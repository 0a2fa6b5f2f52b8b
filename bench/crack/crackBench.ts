/**
 * Cracking benchmark: candidates per second of `crackSecret` (one thread, then all threads) against
 * a plain `createHmac` loop over the same token and wordlist, for HS256, HS384 and HS512.
 *
 * Usage: npm run bench:crack [-- --wordlist FILE] [-- --lines N]
 * Without --wordlist it writes a deterministic list of N lines (default 1,000,000) to bench/.data/.
 * The token is 250 characters long and signed with a secret that is not in the list, so every
 * candidate is tested.
 */

import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crackSecret } from '../../src/core/crack/crackSecret';
import type { HmacAlgorithm } from '../../src/core/crack/sha2';

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

/** The peer: one `createHmac` per candidate on the main thread, as most JWT crackers in Node do. */
function createHmacRate(token: string, algorithm: HmacAlgorithm, lines: readonly string[]): number {
  const cut = token.lastIndexOf('.');
  const signingInput = token.slice(0, cut);
  const mac = Buffer.from(token.slice(cut + 1), 'base64url');
  const started = performance.now();
  let matches = 0;
  for (const line of lines) {
    if (createHmac(HASH_NAMES[algorithm], line).update(signingInput).digest().equals(mac)) matches++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (matches !== 0) throw new Error('The benchmark secret is in the wordlist.');
  return lines.length / seconds;
}

async function crackRate(token: string, wordlist: string, threads: number): Promise<{ rate: number; tried: number }> {
  const started = performance.now();
  const result = await crackSecret(token, wordlist, { threads });
  const seconds = (performance.now() - started) / 1000;
  if (result.secret !== null) throw new Error('The benchmark secret is in the wordlist.');
  return { rate: result.tried / seconds, tried: result.tried };
}

function millions(rate: number): string {
  return `${(rate / 1e6).toFixed(2)} M/s`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { wordlist: { type: 'string' }, lines: { type: 'string' } } });
  const lineCount = Number(values.lines ?? 1_000_000);
  let wordlist = values.wordlist;
  if (wordlist === undefined) {
    const dataDirectory = join(__dirname, '..', '.data');
    mkdirSync(dataDirectory, { recursive: true });
    wordlist = join(dataDirectory, `crack-words-${lineCount}.txt`);
    if (!existsSync(wordlist)) generateWordlist(wordlist, lineCount);
  }
  const lines = readFileSync(wordlist, 'utf8').split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line !== '');
  const baselineLines = lines.slice(0, BASELINE_LINES);
  const threads = availableParallelism();

  process.stdout.write(`CPU: ${cpus()[0]?.model ?? 'unknown'}, ${threads} threads available, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  process.stdout.write(`Wordlist: ${wordlist} (${lines.length} candidates); token: ${TOKEN_LENGTH} characters\n\n`);
  process.stdout.write('| alg | createHmac loop | crackSecret, 1 thread | ratio | crackSecret, all threads | ratio |\n');
  process.stdout.write('|---|---|---|---|---|---|\n');

  for (const algorithm of ['HS256', 'HS384', 'HS512'] as const) {
    const token = benchToken(algorithm);
    const baseline = createHmacRate(token, algorithm, baselineLines);
    const single = await crackRate(token, wordlist, 1);
    const all = await crackRate(token, wordlist, threads);
    if (single.tried !== lines.length || all.tried !== lines.length) {
      throw new Error(`Tried ${single.tried} and ${all.tried} of ${lines.length} candidates.`);
    }
    process.stdout.write(
      `| ${algorithm} | ${millions(baseline)} | ${millions(single.rate)} | ${(single.rate / baseline).toFixed(1)}x | ` +
        `${millions(all.rate)} (${threads}) | ${(all.rate / baseline).toFixed(1)}x |\n`,
    );
  }
  process.stdout.write(`\nLoad average after the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
