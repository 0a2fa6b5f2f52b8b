/**
 * Argument parsing shared by the subcommands, on Node's built-in `util.parseArgs`. Every parse or
 * value error becomes a `UsageError`, which the dispatcher prints as one line plus a usage hint and
 * turns into exit code 2.
 */
import { parseArgs } from 'node:util';

/** A mistake in the command line: an unknown flag, a missing or invalid value, an extra argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /** The subcommand whose usage the hint points to, when known. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface OptionDefinition {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
}

export type OptionDefinitions = Record<string, OptionDefinition>;

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface ParsedArgs {
  values: OptionValues;
  positionals: string[];
}

/**
 * Parses `args` strictly against `options`. A lone `-` stays a positional (it means standard input),
 * and `--` ends the options.
 */
export function parseCommandArgs(command: string, args: string[], options: OptionDefinitions): ParsedArgs {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error), command);
  }
}

/** Turns the multi-sentence messages of `util.parseArgs` into one short line. */
function describeParseError(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const code = (error as { code?: string }).code;
  const quoted = /'([^']*)'/.exec(error.message)?.[1];

  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    return `unknown option ${quoted}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    const flag = quoted.split(' ')[0] ?? quoted;
    if (error.message.includes('argument missing')) {
      return `option ${flag} requires a value`;
    }
    if (error.message.includes('ambiguous')) {
      return `option ${flag} requires a value (write ${flag}=VALUE for a value that starts with a dash)`;
    }
    return `option ${flag} does not take a value`;
  }
  return error.message.split('. ')[0] ?? error.message;
}

/** Returns the last value of a string option, or undefined when it is absent. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (Array.isArray(value)) {
    const last = value[value.length - 1];
    return typeof last === 'string' ? last : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * Returns every value of a repeatable option, with comma-separated lists split and blanks dropped,
 * so `--audience a --audience b` and `--audience a,b` mean the same.
 */
export function listOption(values: OptionValues, name: string): string[] {
  return stringItems(values, name)
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Returns every value of a repeatable option, unsplit (for file paths, which may contain commas). */
export function pathsOption(values: OptionValues, name: string): string[] {
  return stringItems(values, name);
}

function stringItems(values: OptionValues, name: string): string[] {
  const raw = values[name];
  if (raw === undefined) {
    return [];
  }
  const items = Array.isArray(raw) ? raw : [raw];
  return items.filter((item): item is string => typeof item === 'string');
}

/** Parses a finite number of seconds, rejecting anything else with a message naming the flag. */
export function secondsOption(command: string, values: OptionValues, name: string, options: { allowNegative: boolean }): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) {
    return undefined;
  }
  const seconds = /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(seconds) || (!options.allowNegative && seconds < 0)) {
    const expected = options.allowNegative ? 'a number of seconds' : 'a non-negative number of seconds';
    throw new UsageError(`invalid value for --${name}: "${text}" (expected ${expected})`, command);
  }
  return seconds;
}

/** Checks that an option's value is one of `choices`; returns it, or `fallback` when absent. */
export function choiceOption<T extends string>(command: string, values: OptionValues, name: string, choices: readonly T[], fallback: T): T {
  const text = stringOption(values, name);
  if (text === undefined) {
    return fallback;
  }
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`invalid value for --${name}: "${text}" (expected ${choices.join(', ')})`, command);
  }
  return text as T;
}
