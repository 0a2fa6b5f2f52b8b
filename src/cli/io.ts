/**
 * The CLI's connection to the outside world. Commands take a `CliIo` instead of touching `process`,
 * so tests run them in-process with fake streams, a fixed working directory and an injected clock.
 */
import { InputError } from './analysis';

/** A writable stream as commands see it. */
export interface CliOutput {
  write(text: string): void;
  /** True when the stream is a terminal, so coloured output is allowed. */
  isTTY: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /**
   * Reads standard input to its end as UTF-8 text. With `maxBytes`, rejects with an `InputError`
   * as soon as more arrives, so `jwt-lens scan < /dev/zero` stops instead of filling the memory.
   */
  readStdin(maxBytes?: number): Promise<string>;
  /** True when standard input is a terminal, so reading it would wait for typing instead of a pipe. */
  stdinIsTTY?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Absolute directory that relative paths resolve against. */
  cwd: string;
  /** The current time in seconds since the epoch. `--now` overrides it. */
  now(): number;
}

/** Creates the `CliIo` of the running process. */
export function createProcessIo(): CliIo {
  // `jwt-lens scan | head` closes the pipe early; stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
    process.exit(process.exitCode ?? 0);
  });

  return {
    stdout: {
      write: (text) => void process.stdout.write(text),
      isTTY: process.stdout.isTTY === true,
    },
    stderr: {
      write: (text) => void process.stderr.write(text),
      isTTY: process.stderr.isTTY === true,
    },
    readStdin: (maxBytes) => readStreamText(process.stdin, maxBytes),
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now() / 1000,
  };
}

/** Reads `stream` to its end as UTF-8 text, rejecting with an `InputError` once it exceeds `maxBytes`. */
export async function readStreamText(stream: AsyncIterable<Buffer | string>, maxBytes = Number.POSITIVE_INFINITY): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += bytes.length;
    if (total > maxBytes) {
      throw new InputError(`standard input is over the limit of ${maxBytes} bytes`);
    }
    chunks.push(bytes);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
