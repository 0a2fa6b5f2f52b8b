/**
 * Scan benchmark: `npm run bench:scan` (or `npx tsx bench/scan/run.ts [--megabytes N]`).
 *
 * (a) In process: `findTokens` against `String.prototype.matchAll` with a naive JWT pattern, on
 *     the same string. (b) Whole program: `jwt-lens scan FILE --format json` against
 *     `rg -o PATTERN FILE`, both writing to /dev/null. Prints MB/s and ratios; the log is
 *     generated once into bench/.data/ and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeToken } from '../../src/core/decode/decodeToken';
import { findTokens } from '../../src/core/scan/findTokens';
import { LineIndex } from '../../src/core/text/lineIndex';
import { generateLog, GENERATOR_VERSION, type LogSummary } from './generateLog';

const ROOT = join(__dirname, '..', '..');
const DATA_DIR = join(ROOT, 'bench', '.data');
const NAIVE_SOURCE = 'eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*';
const ROUNDS = 5;

function parseMegabytes(): number {
  const index = process.argv.indexOf('--megabytes');
  const value = index >= 0 ? Number(process.argv[index + 1]) : 100;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`invalid --megabytes value: ${process.argv[index + 1]} (expected a positive number)`);
  }
  return value;
}

function ensureLog(megabytes: number): { path: string; summary: LogSummary } {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `scan-${megabytes}mb.log`);
  const summaryPath = `${path}.json`;

  if (existsSync(path) && existsSync(summaryPath)) {
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as LogSummary;
    if (summary.version === GENERATOR_VERSION) {
      return { path, summary };
    }
  }

  const started = performance.now();
  const summary = generateLog(path, megabytes * 1_000_000);
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`generated ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { path, summary };
}

function countNaive(text: string): number {
  const matches = text.matchAll(new RegExp(NAIVE_SOURCE, 'g'));
  let count = 0;
  while (!matches.next().done) {
    count++;
  }
  return count;
}

/**
 * Counts the `ey` and `ew` anchors the way `findTokens` locates them, with one `indexOf` per `y`
 * and per `w`. This is the part of `findTokens` that every character of the text costs, so its
 * time is a floor for the scanner's.
 */
function countAnchors(text: string): number {
  let count = 0;
  for (const letter of ['y', 'w']) {
    for (let i = text.indexOf(letter, 1); i >= 0; i = text.indexOf(letter, i + 1)) {
      if (text.charCodeAt(i - 1) === 0x65) count++;
    }
  }
  return count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Timing {
  /** Median wall time in milliseconds. */
  wallMs: number;
  /** Median CPU time (user + system) in milliseconds; steadier than wall time on a busy machine. */
  cpuMs: number;
}

/** Times `run` ROUNDS times and returns the medians with the last result. */
function timeRounds<T>(run: () => T): Timing & { result: T } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let result!: T;
  for (let round = 0; round < ROUNDS; round++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    result = run();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), result };
}

function throughput(bytes: number, ms: number): string {
  return `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
}

/**
 * Runs a command under `/usr/bin/time` with stdout sent to /dev/null. Returns wall and CPU time,
 * or NaN times when the exit code is not in `okCodes`.
 */
function timeCommand(command: string, args: string[], okCodes: number[]): Timing & { status: number | null; stderr: string } {
  const timesPath = join(DATA_DIR, 'time.txt');
  const devNull = openSync('/dev/null', 'w');
  try {
    const child = spawnSync('/usr/bin/time', ['-f', '%e %U %S', '-o', timesPath, command, ...args], {
      cwd: ROOT,
      stdio: ['ignore', devNull, 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const [wall, user, system] = readFileSync(timesPath, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    const ok = okCodes.includes(child.status ?? -1);
    return {
      wallMs: ok ? wall * 1000 : Number.NaN,
      cpuMs: ok ? (user + system) * 1000 : Number.NaN,
      status: child.status,
      stderr: child.stderr?.toString() ?? '',
    };
  } finally {
    closeSync(devNull);
  }
}

function formatTiming(label: string, timing: Timing, bytes: number, extra: string): string {
  const wall = `${timing.wallMs.toFixed(0).padStart(6)} ms wall ${throughput(bytes, timing.wallMs).padStart(10)}`;
  const cpu = `${timing.cpuMs.toFixed(0).padStart(6)} ms CPU ${throughput(bytes, timing.cpuMs).padStart(10)}`;
  return `  ${label.padEnd(30)}${wall}  ${cpu}  ${extra}`;
}

function benchInProcess(text: string, bytes: number, summary: LogSummary): void {
  // Warm both paths up on the whole text so the JIT has optimised them before timing.
  findTokens(text);
  countNaive(text);

  const ours = timeRounds(() => findTokens(text).length);
  const naive = timeRounds(() => countNaive(text));
  const anchors = timeRounds(() => countAnchors(text));

  console.log('\n(a) in process, median of %d rounds', ROUNDS);
  console.log(formatTiming('findTokens', ours, bytes, `${ours.result} tokens`));
  console.log(formatTiming('matchAll naive regex', naive, bytes, `${naive.result} matches`));
  console.log(formatTiming('anchor search alone', anchors, bytes, `${anchors.result} ey/ew anchors`));
  console.log(`  speed ratio findTokens / regex: ${(naive.wallMs / ours.wallMs).toFixed(2)}x wall, ${(naive.cpuMs / ours.cpuMs).toFixed(2)}x CPU (goal >= 0.90x)`);
  console.log(`  planted tokens ${summary.plantedTokens}; naive-only decoys ${summary.naiveOnlyDecoys}; naive expected ${summary.plantedTokens + summary.naiveOnlyDecoys}`);

  // The other per-file steps of the scanner's part in `jwt-lens scan`, for the CLI breakdown.
  const tokens = findTokens(text).map((match) => match.text);
  const lineIndex = timeRounds(() => new LineIndex(text).lineCount);
  const decoding = timeRounds(() => tokens.map((token) => decodeToken(token)).length);
  console.log(formatTiming('new LineIndex', lineIndex, bytes, `${lineIndex.result} lines`));
  console.log(`  decodeToken x ${decoding.result}: ${decoding.wallMs.toFixed(0)} ms wall, ${decoding.cpuMs.toFixed(0)} ms CPU`);
}

function benchCommands(path: string, bytes: number): void {
  console.log('\n(b) whole program, one run each');
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    console.log('  skipped: dist/cli.js is missing; run `npm run build` first.');
    return;
  }

  const ripgrep = timeCommand('rg', ['-o', NAIVE_SOURCE, path], [0]);
  const jwtLens = timeCommand('node', ['bin/jwt-lens.js', 'scan', path, '--format', 'json', '--max-file-size', '2G'], [0, 1]);
  // Floors for any Node program: start-up alone, and start-up plus reading the file as a string.
  const nodeStart = timeCommand('node', ['-e', ''], [0]);
  const nodeRead = timeCommand('node', ['-e', `require('node:fs').readFileSync(${JSON.stringify(path)}, 'latin1')`], [0]);
  const rgCount = spawnSync('rg', ['--count-matches', NAIVE_SOURCE, path]).stdout.toString().trim();

  if (Number.isNaN(jwtLens.wallMs)) {
    console.log(`  jwt-lens scan failed with exit code ${jwtLens.status}: ${jwtLens.stderr.slice(0, 300)}`);
    return;
  }
  console.log(formatTiming('jwt-lens scan --format json', jwtLens, bytes, `exit ${jwtLens.status}`));
  console.log(formatTiming('rg -o (naive pattern)', ripgrep, bytes, `${rgCount} matches`));
  console.log(formatTiming("node -e ''", nodeStart, bytes, 'start-up only'));
  console.log(formatTiming("node readFileSync 'latin1'", nodeRead, bytes, 'start-up and read'));
  console.log(`  time ratio jwt-lens / rg: ${(jwtLens.wallMs / ripgrep.wallMs).toFixed(2)}x wall, ${(jwtLens.cpuMs / ripgrep.cpuMs).toFixed(2)}x CPU (goal <= 3x)`);
}

function main(): void {
  const megabytes = parseMegabytes();
  const { path, summary } = ensureLog(megabytes);
  const text = readFileSync(path, 'latin1');
  const bytes = text.length;

  console.log(`scan benchmark: ${path} (${(bytes / 1e6).toFixed(0)} MB, ${summary.lines} lines)`);
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}`);

  benchInProcess(text, bytes, summary);
  benchCommands(path, bytes);
}

main();
