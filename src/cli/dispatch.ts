/**
 * The `jwt-lens` command table and dispatcher. Every subcommand is listed here, so a missing
 * module fails the build instead of leaving a silent gap.
 */
import packageJson from '../../package.json';
import { EXIT_OK, EXIT_USAGE, UsageError } from './args';
import { reportError } from './command';
import * as attacks from './commands/attacks';
import * as check from './commands/check';
import * as crack from './commands/crack';
import * as decode from './commands/decode';
import * as keygen from './commands/keygen';
import * as scan from './commands/scan';
import * as sign from './commands/sign';
import * as verify from './commands/verify';
import type { CliIo } from './io';

export interface CommandModule {
  run(args: string[], io: CliIo): Promise<number>;
}

interface CommandEntry {
  module: CommandModule;
  summary: string;
}

export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  decode: { module: decode, summary: 'Decode a token: header, claims with readable times, findings.' },
  check: { module: check, summary: 'Check a token against the policy; exit 1 on findings (for scripts and CI).' },
  scan: { module: scan, summary: 'Find and check every token in files, folders, globs or stdin.' },
  verify: { module: verify, summary: 'Verify a token signature with a key file, JWKS or secret.' },
  crack: { module: crack, summary: 'Test an HMAC token against a wordlist of weak secrets.' },
  keygen: { module: keygen, summary: 'Generate a key pair or HMAC secret for testing.' },
  sign: { module: sign, summary: 'Sign a test token with a key and chosen claims.' },
  attacks: { module: attacks, summary: 'Generate negative test tokens (alg none, confusion, tampered claims).' },
};

export const VERSION: string = packageJson.version;

export function formatMainUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const commands = Object.entries(COMMANDS)
    .map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`)
    .join('\n');
  return `Usage: jwt-lens COMMAND [options]

Finds, decodes and checks JSON Web Tokens locally. Tokens never leave the machine.

Commands:
${commands}

Options:
  -h, --help     Show this help, or 'jwt-lens help COMMAND' for one command.
  -v, --version  Show the version.

Exit codes: 0 success, 1 a finding reached --fail-on (decode, check, scan), 2 usage or input error.
`;
}

/** Runs the `jwt-lens` command line `argv` (without the node and script paths); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // A leading `--` ends npx's own options (`npx jwt-lens -- --version`), so it is skipped here.
  const [first, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;

  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout.write(formatMainUsage());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    return runHelp(rest, io);
  }

  const entry = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (entry === undefined) {
    const problem = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    return reportError(undefined, io, new UsageError(problem));
  }
  try {
    return await entry.module.run(rest, io);
  } catch (error) {
    return reportError(first, io, error);
  }
}

async function runHelp(args: readonly string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (name === undefined) {
    io.stdout.write(formatMainUsage());
    return EXIT_OK;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    return reportError(undefined, io, new UsageError(`unknown command "${name}"`));
  }
  return entry.module.run(['--help'], io);
}
