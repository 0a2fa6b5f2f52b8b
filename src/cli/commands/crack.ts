/** `jwt-lens crack --wordlist FILE [TOKEN|-]`: finds a weak HMAC secret by trying a wordlist. */

import { resolve } from 'node:path';
import { CrackError, crackSecret } from '../../core/crack/crackSecret';
import { InputError } from '../analysis';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseCommandArgs, stringOption, type OptionDefinitions } from '../args';
import { runCommand } from '../command';
import type { CliIo } from '../io';
import { readTokenInput } from '../tokenInput';

export const CRACK_USAGE = `Usage: jwt-lens crack --wordlist FILE [--threads N] [TOKEN|-]

Tries every line of FILE as the HMAC secret of an HS256, HS384 or HS512 token, on all cores.
Prints the secret alone on standard output when one matches. Without TOKEN, or with -, reads the
token from standard input. Lines may end in LF or CRLF; an empty line tries the empty secret.

Options:
  --wordlist FILE  Candidate secrets, one a line (UTF-8). Required.
  --threads N      Worker threads (default: the number of available CPUs).
  -h, --help       Show this help.

Progress goes to standard error when it is a terminal. Ctrl-C stops the search (exit code 130).

Exit codes: 0 secret found, 1 no line matched, 2 usage or input error.
`;

const CRACK_OPTIONS: OptionDefinitions = {
  wordlist: { type: 'string' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The shell's exit code for a command stopped by SIGINT (128 + 2). */
const EXIT_INTERRUPTED = 130;

const PROGRESS_INTERVAL_MS = 200;

export async function run(args: string[], io: CliIo): Promise<number> {
  return runCommand('crack', io, async () => {
    const { values, positionals } = parseCommandArgs('crack', args, CRACK_OPTIONS);
    if (values['help'] === true) {
      io.stdout.write(CRACK_USAGE);
      return EXIT_OK;
    }
    const wordlistOption = stringOption(values, 'wordlist');
    if (wordlistOption === undefined) {
      throw new UsageError('no wordlist given: pass --wordlist FILE', 'crack');
    }
    const threads = parseThreads(stringOption(values, 'threads'));
    const wordlist = resolve(io.cwd, wordlistOption);
    const token = (await readTokenInput('crack', positionals, io)).text.trim();
    if (token === '') throw new InputError('no token given: pass TOKEN or pipe it to standard input');

    return crack(token, wordlist, wordlistOption, threads, io);
  });
}

function parseThreads(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const threads = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(threads) || threads < 1) {
    throw new UsageError(`invalid value for --threads: "${text}" (expected a positive whole number)`, 'crack');
  }
  return threads;
}

async function crack(token: string, wordlist: string, wordlistLabel: string, threads: number | undefined, io: CliIo): Promise<number> {
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  const progress = io.stderr.isTTY ? createProgressLine(io) : undefined;
  let tried = 0;

  try {
    const result = await crackSecret(token, wordlist, {
      threads,
      signal: controller.signal,
      onProgress: (count, total) => {
        tried = count;
        progress?.update(count, total);
      },
    });
    progress?.clear();

    if (result.secret === null) {
      io.stderr.write(`No secret found: none of the ${result.tried} candidates in ${wordlistLabel} produces the token's signature.\n`);
      return EXIT_FINDINGS;
    }
    io.stdout.write(`${result.secret}\n`);
    if (result.secretBytes && !Buffer.from(result.secret, 'utf8').equals(result.secretBytes)) {
      // Standard output carries text, so bytes that are not UTF-8 print as U+FFFD; the hex is exact.
      io.stderr.write(`The secret is not valid UTF-8; its exact bytes in hex are ${Buffer.from(result.secretBytes).toString('hex')}.\n`);
    }
    return EXIT_OK;
  } catch (error) {
    progress?.clear();
    if (controller.signal.aborted) {
      io.stderr.write(`Cancelled after ${tried} candidates.\n`);
      return EXIT_INTERRUPTED;
    }
    if (error instanceof CrackError) throw new InputError(error.message);
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}

interface ProgressLine {
  update(tried: number, total: number): void;
  clear(): void;
}

/** Creates a self-overwriting status line on stderr, redrawn at most every `PROGRESS_INTERVAL_MS`. */
function createProgressLine(io: CliIo): ProgressLine {
  const started = performance.now();
  let lastDrawn = 0;
  let drawn = false;

  return {
    update(tried, total) {
      const now = performance.now();
      if (now - lastDrawn < PROGRESS_INTERVAL_MS) return;
      lastDrawn = now;
      drawn = true;
      const percent = total > 0 ? Math.min(100, Math.floor((tried / total) * 100)) : 0;
      const rate = tried / Math.max((now - started) / 1000, 0.001);
      io.stderr.write(`\r\x1b[KTried ${formatCount(tried)} of ~${formatCount(total)} candidates (${percent}%), ${formatCount(rate)}/s`);
    },
    clear() {
      if (drawn) io.stderr.write('\r\x1b[K');
    },
  };
}

function formatCount(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value));
}
