/**
 * The flags that decode, check and scan share, and how they become the engine's `AnalyzeOptions`:
 * the policy (file, then flags), the clock, keys, the secret file and the wordlist.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { AnalyzeOptions, KeyMaterial, Policy } from '../core/model';
import { defaultPolicy, didYouMean, knownAlgorithms, mergePolicy, parsePolicyFile } from '../core/policy';
import { loadKeyFile } from '../core/keys/loadKeyFile';
import { parseKeyMaterial } from '../core/keys/parseKeyMaterial';
import { readRegularFile } from '../core/keys/readRegularFile';
import {
  choiceOption,
  listOption,
  pathsOption,
  secondsOption,
  stringOption,
  UsageError,
  type OptionDefinitions,
  type OptionValues,
} from './args';
import type { CliIo } from './io';
import { FAIL_ON_LEVELS, type FailOn } from './report';

/** A file named by a flag that cannot be read or parsed. Exit code 2, without the usage hint. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The name of the policy file looked up from the working directory towards the root. */
export const POLICY_FILE_NAME = '.jwtlens.json';

export const ANALYSIS_OPTIONS: OptionDefinitions = {
  format: { type: 'string' },
  policy: { type: 'string' },
  now: { type: 'string' },
  leeway: { type: 'string' },
  key: { type: 'string', multiple: true },
  'secret-file': { type: 'string', multiple: true },
  wordlist: { type: 'string', multiple: true },
  audience: { type: 'string', multiple: true },
  issuer: { type: 'string', multiple: true },
  'allowed-algs': { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Help lines for `ANALYSIS_OPTIONS`, shared by the three commands' usage texts. */
export const ANALYSIS_OPTIONS_HELP = `Options:
  --format text|json|sarif  Output format (default text). json and sarif print one document.
  --fail-on LEVEL           Exit 1 when a finding reaches LEVEL: error (default), warning, info or none.
  --policy FILE             Policy file for every input (default: the ${POLICY_FILE_NAME} nearest each
                            scanned file, or nearest the working directory for a token or stdin).
  --now SECONDS             Evaluate time claims at this time, in seconds since the epoch
                            (default: the system clock).
  --leeway SECONDS          Clock skew tolerated by exp, nbf and iat checks (overrides the policy).
  --key FILE                Verify with this key file (PEM, JWK or JWKS). Repeatable.
  --secret-file FILE        Verify HMAC tokens with the secret in FILE. Repeatable.
  --wordlist FILE           Also test these weak secrets, one per line, after the built-in list.
  --audience VALUE          Accepted audience (aud). Repeatable or comma-separated.
  --issuer VALUE            Accepted issuer (iss). Repeatable or comma-separated.
  --allowed-algs LIST       Accepted JWS alg values, e.g. RS256,ES256. Repeatable or comma-separated.
  --no-color                Plain text output (also when NO_COLOR is set or stdout is not a terminal).
  -h, --help                Show this help.`;

export interface AnalysisSettings {
  /** Options with the policy from `--policy`, else from the `.jwtlens.json` nearest the working directory. */
  analyzeOptions: AnalyzeOptions;
  /**
   * Returns the options for a file in `directory`: with `--policy`, the same as `analyzeOptions`,
   * else with the policy of the `.jwtlens.json` nearest that directory.
   */
  optionsForDirectory(directory: string): Promise<AnalyzeOptions>;
  format: OutputFormat;
  failOn: FailOn;
  noColor: boolean;
}

/** Reads every shared flag, loads the files they name and builds the analysis options. */
export async function loadAnalysisSettings(command: string, values: OptionValues, io: CliIo): Promise<AnalysisSettings> {
  const format = choiceOption(command, values, 'format', OUTPUT_FORMATS, 'text');
  const failOn = choiceOption(command, values, 'fail-on', FAIL_ON_LEVELS, 'error');
  const now = secondsOption(command, values, 'now', { allowNegative: true }) ?? io.now();
  const leeway = secondsOption(command, values, 'leeway', { allowNegative: false });
  const explicitPolicy = stringOption(values, 'policy');
  checkAlgorithmNames(command, values);

  const policies = new PolicyCache((policy) => applyPolicyFlags(policy, values, leeway));
  const policyPath = explicitPolicy === undefined ? await findPolicyFile(io.cwd) : resolve(io.cwd, explicitPolicy);
  const policy = await policies.load(policyPath);

  const keys = await loadKeys(values, io);
  const wordlist = await loadWordlists(pathsOption(values, 'wordlist'), io);

  const analyzeOptions: AnalyzeOptions = { policy, now };
  if (keys.length > 0) {
    analyzeOptions.keys = keys;
  }
  if (wordlist.length > 0) {
    analyzeOptions.wordlist = wordlist;
    analyzeOptions.wordlistLabel = pathsOption(values, 'wordlist').join(', ');
  }

  const optionsForDirectory = async (directory: string): Promise<AnalyzeOptions> => {
    if (explicitPolicy !== undefined) {
      return analyzeOptions;
    }
    const nearest = await policies.load(await findPolicyFile(directory));
    return nearest === policy ? analyzeOptions : { ...analyzeOptions, policy: nearest };
  };
  return { analyzeOptions, optionsForDirectory, format, failOn, noColor: values['no-color'] === true };
}

/** Loads each policy file once, so a scan of many files in one folder parses its policy once. */
class PolicyCache {
  private readonly loaded = new Map<string, Promise<Policy>>();

  constructor(private readonly applyFlags: (policy: Policy) => void) {}

  /** Returns the policy of the file at `path` (or the defaults when `path` is undefined), with the flags applied. */
  load(path: string | undefined): Promise<Policy> {
    const key = path ?? '';
    let policy = this.loaded.get(key);
    if (policy === undefined) {
      policy = loadPolicy(path).then((loadedPolicy) => {
        this.applyFlags(loadedPolicy);
        return loadedPolicy;
      });
      this.loaded.set(key, policy);
    }
    return policy;
  }
}

/** Applies `--leeway`, `--audience`, `--issuer` and `--allowed-algs`, which win over any policy file. */
function applyPolicyFlags(policy: Policy, values: OptionValues, leeway: number | undefined): void {
  if (leeway !== undefined) {
    policy.clockToleranceSeconds = leeway;
  }
  const audience = listOption(values, 'audience');
  if (audience.length > 0) {
    policy.audience = audience;
  }
  const issuer = listOption(values, 'issuer');
  if (issuer.length > 0) {
    policy.issuer = issuer;
  }
  const algorithms = listOption(values, 'allowed-algs');
  if (algorithms.length > 0) {
    policy.allowedAlgorithms = algorithms;
  }
}

/** Rejects an `--allowed-algs` value that names no JWS algorithm, with the closest known name. */
function checkAlgorithmNames(command: string, values: OptionValues): void {
  const known = [...knownAlgorithms(), 'none'];
  for (const algorithm of listOption(values, 'allowed-algs')) {
    if (!known.includes(algorithm)) {
      throw new UsageError(`invalid value for --allowed-algs: unknown algorithm "${algorithm}"${didYouMean(algorithm, known)}`, command);
    }
  }
}

/** Loads the policy file at `path` over the defaults from package.json (the defaults alone when `path` is undefined). */
export async function loadPolicy(path: string | undefined): Promise<Policy> {
  if (path === undefined) {
    return defaultPolicy();
  }

  const text = await readText(path, 'policy file');
  const parsed = parsePolicyFile(text);
  if (parsed.errors.length > 0 || parsed.policy === undefined) {
    const reasons = parsed.errors.length > 0 ? parsed.errors.join('; ') : 'no policy found';
    throw new InputError(`invalid policy file ${path}: ${reasons}`);
  }
  return mergePolicy(defaultPolicy(), parsed.policy);
}

/** Returns the path of the nearest `.jwtlens.json` in `directory` or a parent, or undefined. */
export async function findPolicyFile(directory: string): Promise<string | undefined> {
  let current = resolve(directory);
  for (;;) {
    const candidate = join(current, POLICY_FILE_NAME);
    try {
      if ((await stat(candidate)).isFile()) {
        return candidate;
      }
    } catch (error) {
      if (!isMissingFile(error)) {
        // An unreadable policy must not be skipped silently: loading it reports the error.
        return candidate;
      }
    }
    const parent = dirname(current);
    if (parent === current) {
      return undefined;
    }
    current = parent;
  }
}

async function loadKeys(values: OptionValues, io: CliIo): Promise<KeyMaterial[]> {
  const keys: KeyMaterial[] = [];
  for (const path of pathsOption(values, 'key')) {
    const absolute = resolve(io.cwd, path);
    let key: KeyMaterial;
    try {
      key = await loadKeyFile(absolute);
    } catch (error) {
      throw new InputError(`cannot load key file ${path}: ${errorMessage(error)}`);
    }
    // Labels show the path as the user typed it, which is shorter and does not reveal the home folder.
    const material = { ...key, label: key.label.split(absolute).join(path) };
    await requireUsableKey(material, `key file ${path}`);
    keys.push(material);
  }

  for (const path of pathsOption(values, 'secret-file')) keys.push(...(await secretFileKeys(path, io)));
  return keys;
}

/**
 * Reads a `--secret-file` into HMAC keys: its exact bytes and, when it ends with a newline, the bytes
 * without it. Editors and `echo` end files with a newline that is rarely part of the secret. The
 * exact bytes come first and win when both verify.
 */
export async function secretFileKeys(path: string, io: CliIo, label = `HMAC secret from ${path}`): Promise<KeyMaterial[]> {
  const bytes = await readBytes(resolve(io.cwd, path), 'secret file');
  const keys: KeyMaterial[] = [{ label, kind: 'secret', data: bytes }];
  const trimmed = withoutFinalNewline(bytes);
  if (trimmed.length !== bytes.length) {
    keys.push({ label: `${label} (without its final newline)`, kind: 'secret', data: trimmed });
  }
  return keys;
}

/**
 * Rejects key material from which no verification key can be read (a malformed PEM, an empty JWK
 * Set), because verification would otherwise be skipped without a finding and the run would pass.
 */
export async function requireUsableKey(material: KeyMaterial, description: string): Promise<void> {
  const parsed = await parseKeyMaterial(material);
  if (parsed.keys.length === 0) {
    const reasons = parsed.errors.length > 0 ? parsed.errors.join('; ') : 'it contains no key';
    throw new InputError(`no usable key in ${description}: ${reasons}`);
  }
}

function withoutFinalNewline(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) {
    end -= 1;
    if (end > 0 && bytes[end - 1] === 0x0d) {
      end -= 1;
    }
  }
  return bytes.subarray(0, end);
}

/** Reads wordlists: one candidate per line, `\r\n` or `\n`, empty lines dropped. */
async function loadWordlists(paths: readonly string[], io: CliIo): Promise<string[]> {
  const words: string[] = [];
  for (const path of paths) {
    const text = await readText(resolve(io.cwd, path), 'wordlist');
    for (const line of text.split(/\r?\n/)) {
      if (line !== '') {
        words.push(line);
      }
    }
  }
  return words;
}

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readRegularFile(path);
  } catch (error) {
    throw new InputError(`cannot read ${what} ${path}: ${errorMessage(error)}`);
  }
}

async function readText(path: string, what: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await readBytes(path, what));
}

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Describes a file system error in a few words ("file not found", "permission denied"), without its stack. */
export function errorMessage(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENAMETOOLONG':
      return 'path too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
