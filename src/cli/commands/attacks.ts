/** `jwt-lens attacks`: writes the negative test set of a valid token, the tokens a verifier must reject. */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';

import { generateNegativeTests, NegativeTestError, type NegativeTestSet } from '../../core/attacks/negativeTests';
import { SigningKeyError } from '../../core/sign/signingKey';
import { InputError, errorMessage } from '../analysis';
import { EXIT_OK, UsageError, parseCommandArgs, secondsOption, stringOption, type OptionDefinitions } from '../args';
import { runCommand } from '../command';
import type { CliIo } from '../io';
import { readTokenInput } from '../tokenInput';
import { loadSigningMaterial } from './sign';

export const ATTACKS_USAGE = `Usage: jwt-lens attacks [TOKEN|-] (--key FILE | --secret-file FILE) [--out FILE]

Builds, from one valid token and its key, the tokens a correct verifier must reject: alg none in
four spellings, empty and stripped signatures, HS/RS key confusion with the public key's PEM, an
embedded jwk, jku and x5u pointing at a closed loopback port, a kid path traversal with an empty
MAC key, a psychic ECDSA signature (ES* only), expired, not yet valid, wrong issuer, wrong audience
and a signature from another key. Prints the set as JSON (format: docs/attacks.md). Nothing is sent
anywhere. With a public key only, the cases that need re-signing are listed as skipped.

Options:
  --token TOKEN          The valid token (or give it as the argument, or on standard input).
  --key FILE             The key that verifies it: PKCS#8 private key, public key PEM, JWK or JWKS.
  --secret-file FILE     HMAC secret: the file's bytes, one final newline dropped.
  --secret-encoding ENC  utf8 (default) or base64url, as for 'jwt-lens sign'.
  --out FILE             Write the JSON to FILE instead of stdout (never over an existing file
                         unless --force).
  --force                Replace an existing --out file.
  --now SECONDS          Clock for the expired and not-yet-valid cases (default: the system clock).
  -h, --help             Show this help.

Exit codes: 0 written, 2 usage or input error (including a token the key does not verify).
`;

const ATTACKS_OPTIONS: OptionDefinitions = {
  token: { type: 'string' },
  key: { type: 'string' },
  'secret-file': { type: 'string' },
  'secret-encoding': { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  now: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export async function run(args: string[], io: CliIo): Promise<number> {
  return runCommand('attacks', io, async () => {
    const { values, positionals } = parseCommandArgs('attacks', args, ATTACKS_OPTIONS);
    if (values['help'] === true) {
      io.stdout.write(ATTACKS_USAGE);
      return EXIT_OK;
    }

    const tokenOption = stringOption(values, 'token');
    if (tokenOption !== undefined && positionals.length > 0) {
      throw new UsageError('give the token either with --token or as an argument, not both', 'attacks');
    }
    const token = tokenOption ?? (await readTokenInput('attacks', positionals, io)).text.trim();
    if (token === '') throw new UsageError('no token given: pass --token TOKEN, an argument or standard input', 'attacks');

    const key = await loadSigningMaterial(values, io, 'attacks');
    const now = secondsOption('attacks', values, 'now', { allowNegative: false }) ?? io.now();

    let set: NegativeTestSet;
    try {
      set = await generateNegativeTests({ token, key, now });
    } catch (error) {
      if (error instanceof NegativeTestError || error instanceof SigningKeyError) throw new InputError(error.message);
      throw error;
    }

    const json = `${JSON.stringify(set, null, 2)}\n`;
    const out = stringOption(values, 'out');
    if (out === undefined) {
      io.stdout.write(json);
      return EXIT_OK;
    }

    await writeOutput(resolve(io.cwd, out), json, values['force'] === true);
    io.stderr.write(formatSummary(set, out));
    return EXIT_OK;
  });
}

async function writeOutput(path: string, json: string, force: boolean): Promise<void> {
  try {
    const handle = await open(path, force ? 'w' : 'wx', 0o644);
    try {
      await handle.writeFile(json, 'utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new InputError(`Not overwriting existing file ${path}; pass --force to replace it.`);
    }
    throw new InputError(`cannot write ${path}: ${errorMessage(error)}`);
  }
}

function formatSummary(set: NegativeTestSet, out: string): string {
  const lines = [`Wrote ${set.cases.length} negative test tokens for ${set.source.alg} to ${out}.`];
  for (const skipped of set.skipped) lines.push(`  skipped ${skipped.id}: ${skipped.reason}`);
  return `${lines.join('\n')}\n`;
}
