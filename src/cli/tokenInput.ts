/** Input handling and the command frame shared by `decode` and `check`: one argument or standard input holding tokens. */
import { analyzeText, analyzeToken } from '../core/analyze';
import type { AnalyzeOptions } from '../core/model';
import { LineIndex, rangeOf } from '../core/text/lineIndex';
import { ANALYSIS_OPTIONS, InputError, loadAnalysisSettings } from './analysis';
import { EXIT_OK, parseCommandArgs, UsageError } from './args';
import { runCommand } from './command';
import type { CliIo } from './io';
import { writeRunReport, type TextFormatter } from './output';
import type { FileReport } from './report';

/** Runs `decode` or `check`: they differ only in their usage text and how text output looks. */
export async function runTokenCommand(command: string, usage: string, formatText: TextFormatter, args: string[], io: CliIo): Promise<number> {
  return runCommand(command, io, async () => {
    const { values, positionals } = parseCommandArgs(command, args, ANALYSIS_OPTIONS);
    if (values['help'] === true) {
      io.stdout.write(usage);
      return EXIT_OK;
    }

    const settings = await loadAnalysisSettings(command, values, io);
    const input = await readTokenInput(command, positionals, io);
    const file = await analyzeTokenInput(input.path, input.text, settings.analyzeOptions);
    return await writeRunReport({ files: [file], skipped: [], errors: [] }, settings, io, formatText);
  });
}

/** The `path` shown for a token given as a command-line argument. */
export const ARGUMENT_PATH = '<argument>';
/** The `path` shown for standard input. */
export const STDIN_PATH = '-';

/** Standard input larger than this is rejected: no token comes near it, and `/dev/zero` never ends. */
export const MAX_TOKEN_INPUT_BYTES = 10 * 1024 * 1024;

/** Reads the token text from the single positional argument, or from stdin when it is absent or `-`. */
export async function readTokenInput(command: string, positionals: readonly string[], io: CliIo): Promise<{ path: string; text: string }> {
  if (positionals.length > 1) {
    throw new UsageError(`expected one token, got ${positionals.length} arguments (use 'jwt-lens scan' for several inputs)`, command);
  }
  const argument = positionals[0];
  if (argument !== undefined && argument !== STDIN_PATH) {
    return { path: ARGUMENT_PATH, text: argument };
  }

  if (argument === undefined && io.stdinIsTTY === true) {
    throw new UsageError('no token given: pass a token as an argument or pipe one into standard input', command);
  }
  const text = await io.readStdin(MAX_TOKEN_INPUT_BYTES);
  return { path: STDIN_PATH, text };
}

/** Dot-separated runs of base64 and base64url characters: text that can only be one token. */
const BARE_TOKEN = /^[A-Za-z0-9_\-+/=]*(?:\.[A-Za-z0-9_\-+/=]*){2,}$/;

/**
 * Tells whether `trimmed` consists only of token characters with at least two dots. Such input is
 * judged whole: the scanner would cut a standard-base64 signature at its first `/` (taken for a URL
 * path), and the dropped part would then go unreported.
 */
export function isBareToken(trimmed: string): boolean {
  return BARE_TOKEN.test(trimmed);
}

/**
 * Analyses every token in `text`. When the text is one bare token, or the scanner finds none, the
 * whole trimmed text is analysed as one token, so a malformed token still gets a finding (such as
 * `malformed-token`) instead of a silent pass.
 */
export async function analyzeTokenInput(path: string, text: string, options: AnalyzeOptions): Promise<FileReport> {
  const trimmed = text.trim();
  if (trimmed === '') {
    const source = path === STDIN_PATH ? 'standard input is empty' : 'the token argument is empty';
    throw new InputError(`no token given: ${source}`);
  }

  const tokens = isBareToken(trimmed) ? [] : await analyzeText(text, options);
  if (tokens.length > 0) {
    return { path, absolutePath: null, tokens };
  }

  // analyzeToken positions the trimmed text from 0; shift it to where it sits in the input.
  const report = await analyzeToken(trimmed, options);
  const start = text.indexOf(trimmed);
  const end = start + trimmed.length;
  const range = rangeOf(new LineIndex(text), start, end);
  return { path, absolutePath: null, tokens: [{ ...report, match: { ...report.match, start, end }, range }] };
}
