/** `jwt-lens verify [TOKEN|-]`: checks a token's signature with key files, HMAC secrets or a JWK Set URL. */
import { resolve } from 'node:path';
import { decodeToken } from '../../core/decode/decodeToken';
import { FetchJwksError, fetchJwks } from '../../core/keys/fetchJwks';
import { KeyFileError, loadKeyFile } from '../../core/keys/loadKeyFile';
import { readRegularFile } from '../../core/keys/readRegularFile';
import type { KeyMaterial, VerificationResult } from '../../core/model';
import { maskSecret } from '../../core/rules/algorithm/key';
import { findTokens } from '../../core/scan/findTokens';
import { verifySignature } from '../../core/verify/verifySignature';
import { InputError, errorMessage, requireUsableKey, secretFileKeys } from '../analysis';
import { EXIT_FINDINGS, EXIT_OK, UsageError, choiceOption, parseCommandArgs, pathsOption, type OptionDefinitions } from '../args';
import { runCommand } from '../command';
import { createPalette, escapeControlCharacters, shouldColor, type Palette } from '../format/color';
import type { CliIo } from '../io';
import { isBareToken, readTokenInput } from '../tokenInput';

export const VERIFY_USAGE = `Usage: jwt-lens verify [TOKEN|-] (--key FILE | --secret-file FILE | --jwks-url URL)... [options]

Verifies a token's signature and names the key that verified it. Also reports an HS* token whose
MAC was made with one of the public keys given (algorithm confusion) or with a weak secret from the
built-in list or --wordlist. Without TOKEN, or with -, reads standard input. A key the token carries
or points to (jwk, jku, x5c, x5u) is never used or fetched.

Options:
  --key FILE          Key file: PEM (public key, certificate or private key), JWK or JWK Set.
                      Repeatable.
  --secret-file FILE  HMAC secret, the file's bytes; when the file ends with a newline (LF or
                      CRLF), the bytes without it are tried too. Repeatable.
  --jwks-url URL      Fetch a JWK Set from this https URL (http only to loopback), 5 s time-out,
                      512 KiB limit, redirects only within the same origin. Repeatable.
  --wordlist FILE     Also test these weak secrets, one per line, after the built-in list.
  --format text|json  Output format (default text).
  --no-color          Plain text output (also when NO_COLOR is set or stdout is not a terminal).
  -h, --help          Show this help.

Exit codes: 0 verified, 1 not verified or invalid, 2 usage or input error.
`;

const VERIFY_OPTIONS: OptionDefinitions = {
  key: { type: 'string', multiple: true },
  'secret-file': { type: 'string', multiple: true },
  'jwks-url': { type: 'string', multiple: true },
  wordlist: { type: 'string', multiple: true },
  format: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const FORMATS = ['text', 'json'] as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  return runCommand('verify', io, async () => {
    const { values, positionals } = parseCommandArgs('verify', args, VERIFY_OPTIONS);
    if (values['help'] === true) {
      io.stdout.write(VERIFY_USAGE);
      return EXIT_OK;
    }
    const format = choiceOption('verify', values, 'format', FORMATS, 'text');
    const keyPaths = pathsOption(values, 'key');
    const secretPaths = pathsOption(values, 'secret-file');
    const jwksUrls = pathsOption(values, 'jwks-url');
    if (keyPaths.length + secretPaths.length + jwksUrls.length === 0) {
      throw new UsageError('no key given: pass --key FILE, --secret-file FILE or --jwks-url URL', 'verify');
    }

    const input = await readTokenInput('verify', positionals, io);
    const token = singleToken(input.text);
    const keys = await loadKeys(keyPaths, secretPaths, jwksUrls, io);
    const wordlists = await loadWordlists(pathsOption(values, 'wordlist'), io);

    const decoded = decodeToken(token);
    const result = await verifySignature(decoded, { keys, ...wordlists });
    const alg = typeof decoded.header?.alg === 'string' ? decoded.header.alg : null;

    if (format === 'json') io.stdout.write(`${JSON.stringify(jsonReport(alg, result), null, 2)}\n`);
    else io.stdout.write(formatText(alg, result, createPalette(shouldColor(io, values['no-color'] === true))));
    // A person at a terminal may read "Verified" as "valid"; scripts get the bare result.
    if (format !== 'json' && io.stderr.isTTY === true) {
      io.stderr.write("Only the signature was checked: run 'jwt-lens check' with the same key for expiry, audience and the policy.\n");
    }
    return result.status === 'verified' ? EXIT_OK : EXIT_FINDINGS;
  });
}

/** Returns the one token in the input; text with no token-shaped string is passed on whole, so the decoder names its defect. */
function singleToken(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError('no token given: the input is empty');
  if (isBareToken(trimmed)) return trimmed;
  const matches = findTokens(trimmed);
  if (matches.length > 1) throw new InputError(`the input contains ${matches.length} tokens, but verify takes one (use 'jwt-lens scan --key' for several)`);
  return matches[0]?.text ?? trimmed;
}

async function loadKeys(keyPaths: string[], secretPaths: string[], jwksUrls: string[], io: CliIo): Promise<KeyMaterial[]> {
  const keys: KeyMaterial[] = [];
  try {
    for (const path of keyPaths) keys.push({ ...(await loadKeyFile(resolve(io.cwd, path))), label: path });
    for (const path of secretPaths) keys.push(...(await secretFileKeys(path, io, path)));
    for (const url of jwksUrls) keys.push(await fetchJwks(url));
    for (const key of keys) await requireUsableKey(key, key.kind === 'jwks' && jwksUrls.includes(key.label) ? `JWK Set ${key.label}` : `key file ${key.label}`);
  } catch (error) {
    if (error instanceof KeyFileError || error instanceof FetchJwksError) throw new InputError(error.message);
    throw error;
  }
  return keys;
}

async function loadWordlists(paths: string[], io: CliIo): Promise<{ wordlist?: string[]; wordlistLabel?: string }> {
  if (paths.length === 0) return {};
  const wordlist: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await readRegularFile(resolve(io.cwd, path)));
    } catch (error) {
      throw new InputError(`cannot read wordlist ${path}: ${errorMessage(error)}`);
    }
    // A loop, not push(...lines): spreading a wordlist of a few hundred thousand lines overflows the stack.
    for (const line of text.split(/\r?\n/)) {
      if (line !== '') wordlist.push(line);
    }
  }
  return { wordlist, wordlistLabel: paths.length === 1 ? `wordlist ${paths[0]}` : `wordlists ${paths.join(', ')}` };
}

const STATUS_TEXT: Record<VerificationResult['status'], string> = { verified: 'Verified', invalid: 'Invalid signature', unverified: 'Not verified' };

function formatText(alg: string | null, result: VerificationResult, palette: Palette): string {
  const statusColor = {
    verified: (text: string) => palette.green(text),
    invalid: (text: string) => palette.red(text),
    unverified: (text: string) => palette.yellow(text),
  };
  const color = statusColor[result.status];
  const by = result.verifiedBy === null ? '' : ` by ${escapeControlCharacters(result.verifiedBy)}`;
  const lines = [`${palette.bold(color(STATUS_TEXT[result.status]))}${alg === null ? '' : ` (${escapeControlCharacters(alg)})`}${by}`, escapeControlCharacters(result.reason)];

  if (result.confusionKey !== undefined) {
    lines.push(palette.red(`Algorithm confusion: the MAC key is the public key ${escapeControlCharacters(result.confusionKey)}, so anyone holding it can forge tokens.`));
  }
  if (result.weakSecret !== undefined) {
    lines.push(palette.red(`Weak secret: ${escapeControlCharacters(maskSecret(result.weakSecret.secret))} from ${escapeControlCharacters(result.weakSecret.source)}.`));
  }
  return `${lines.join('\n')}\n`;
}

/** Builds the JSON document: the verification result with a weak secret masked, as in every other output. */
function jsonReport(alg: string | null, result: VerificationResult): Record<string, unknown> {
  const { weakSecret, ...rest } = result;
  const report: Record<string, unknown> = { alg, ...rest };
  if (weakSecret !== undefined) report.weakSecret = { source: weakSecret.source, masked: maskSecret(weakSecret.secret) };
  return report;
}
