/**
 * The frame every subcommand runs in: usage and input errors become one line on stderr and exit
 * code 2, so a command body can simply throw.
 */
import { EXIT_USAGE, UsageError } from './args';
import { errorMessage, InputError } from './analysis';
import type { CliIo } from './io';

/** Runs `body` and turns `UsageError`, `InputError` and unexpected errors into exit code 2. */
export async function runCommand(command: string, io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return reportError(command, io, error);
  }
}

/** Writes one line about `error` to stderr and returns exit code 2. */
export function reportError(command: string | undefined, io: CliIo, error: unknown): number {
  const prefix = command === undefined ? 'jwt-lens' : `jwt-lens ${command}`;
  if (error instanceof UsageError) {
    const helpCommand = error.command ?? command;
    const hint = helpCommand === undefined ? "Run 'jwt-lens --help' for usage." : `Run 'jwt-lens ${helpCommand} --help' for usage.`;
    io.stderr.write(`${prefix}: ${error.message}\n${hint}\n`);
  } else if (error instanceof InputError) {
    io.stderr.write(`${prefix}: ${error.message}\n`);
  } else {
    // A bug, not a user mistake: the stack goes to stderr so it can be reported.
    const detail = error instanceof Error && error.stack !== undefined ? error.stack : errorMessage(error);
    io.stderr.write(`${prefix}: internal error: ${detail}\n`);
  }
  return EXIT_USAGE;
}
