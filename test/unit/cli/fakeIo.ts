/** An in-memory `CliIo` for running CLI commands in-process. */
import type { CliIo } from '../../../src/cli/io';

export interface FakeIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

export interface FakeIoOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Whether stdout claims to be a terminal (default false, like a pipe). */
  isTTY?: boolean;
  /** Whether stdin claims to be a terminal (default false). */
  stdinIsTTY?: boolean;
  now?: number;
}

/** The cases' evaluation time: 2026-01-01T00:00:00Z. */
export const CASE_CLOCK = 1767225600;

export function createFakeIo(options: FakeIoOptions = {}): FakeIo {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text) => void (stdout += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    stdinIsTTY: options.stdinIsTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => options.now ?? CASE_CLOCK,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}
