/** `jwt-lens sign`: signs a test token with a key file or HMAC secret and prints it. */
import { resolve } from 'node:path';

import { base64url } from 'jose';

import { KeyFileError, loadKeyFile, loadSecretFile } from '../../core/keys/loadKeyFile';
import { readRegularFile } from '../../core/keys/readRegularFile';
import type { KeyMaterial, Policy } from '../../core/model';
import { hashBitsOf } from '../../core/sign/algorithms';
import { buildClaimsTemplate } from '../../core/sign/claimsTemplate';
import { defaultSignLifetime } from '../../core/sign/defaults';
import { resolveSigningKey, SigningKeyError } from '../../core/sign/signingKey';
import { signToken } from '../../core/sign/signToken';
import { parseTimeSpec } from '../../core/sign/timeSpec';
import { InputError, errorMessage, findPolicyFile, loadPolicy, POLICY_FILE_NAME } from '../analysis';
import {
  EXIT_OK,
  UsageError,
  choiceOption,
  listOption,
  parseCommandArgs,
  secondsOption,
  stringOption,
  type OptionDefinitions,
  type OptionValues,
} from '../args';
import { runCommand } from '../command';
import type { CliIo } from '../io';
import { MAX_TOKEN_INPUT_BYTES } from '../tokenInput';

export const SIGN_USAGE = `Usage: jwt-lens sign (--key FILE | --secret-file FILE) [options]

Signs a test token and prints it. The claims start from a template: iss and aud from the policy
(when it sets them), sub "test-user", iat and nbf now, exp now + the jwtLens.sign.defaultLifetime
setting's default, and a random jti. --claims replaces or adds claims, then the claim flags
override single claims.

Options:
  --key FILE             Private key: PKCS#8 PEM, JWK or JWK Set (the key with --kid, else the
                         first private one). An oct JWK is an HMAC secret.
  --secret-file FILE     HMAC secret: the file's bytes, one final newline dropped.
  --secret-encoding ENC  How --secret-file is read: utf8 (default, the bytes as they are) or
                         base64url (decode the text first, as keygen's NAME.secret.base64url.txt).
  --alg ALG              JWS algorithm (default: the one that fits the key: RS256, ES256/384/512,
                         EdDSA or HS256). An algorithm that does not fit the key is an error.
  --claims JSON|@FILE    Claims as a JSON object, or @FILE to read it from a file.
  --sub VALUE            Subject (sub).
  --iss VALUE            Issuer (iss).
  --aud VALUE            Audience (aud). Repeatable or comma-separated; several make an array.
  --exp TIME             Expiry: +30m, +2h, +7d, -1h (units s, m, h, d, w), seconds since the
                         epoch, or none to leave exp out.
  --nbf TIME             Not before, in the same forms as --exp.
  --header LIST          Extra header members as name=value pairs, e.g. kid=k1,typ=at+jwt.
  --kid VALUE            Key id header (default: the JWK's kid, if any).
  --typ VALUE            Type header (default JWT).
  --cty VALUE            Content type header.
  --x5t VALUE            X.509 SHA-1 thumbprint header.
  --now SECONDS          Sign as if the time were SECONDS since the epoch (default: the system clock).
  --policy FILE          Policy file for iss and aud (default: ${POLICY_FILE_NAME} in the working
                         directory or the nearest parent directory that has one).
  -h, --help             Show this help.

Exit codes: 0 signed, 2 usage or input error.
`;

const SIGN_OPTIONS: OptionDefinitions = {
  key: { type: 'string' },
  'secret-file': { type: 'string' },
  'secret-encoding': { type: 'string' },
  alg: { type: 'string' },
  claims: { type: 'string' },
  sub: { type: 'string' },
  iss: { type: 'string' },
  aud: { type: 'string', multiple: true },
  exp: { type: 'string' },
  nbf: { type: 'string' },
  header: { type: 'string', multiple: true },
  kid: { type: 'string' },
  typ: { type: 'string' },
  cty: { type: 'string' },
  x5t: { type: 'string' },
  now: { type: 'string' },
  policy: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export async function run(args: string[], io: CliIo): Promise<number> {
  return runCommand('sign', io, async () => {
    const { values, positionals } = parseCommandArgs('sign', args, SIGN_OPTIONS);
    if (values['help'] === true) {
      io.stdout.write(SIGN_USAGE);
      return EXIT_OK;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'sign');

    const now = secondsOption('sign', values, 'now', { allowNegative: false }) ?? io.now();
    const key = await loadSigningMaterial(values, io);
    const policy = await loadSigningPolicy(values, io);
    const payload = await buildPayload(values, io, now, policy);
    const header = await buildHeader(values, key);

    try {
      const alg = stringOption(values, 'alg');
      const token = await signToken({ header, payload, key, ...(alg === undefined ? {} : { alg }) });
      warnShortSecret(key, alg ?? 'HS256', io);
      io.stdout.write(`${token}\n`);
    } catch (error) {
      if (error instanceof SigningKeyError) throw new InputError(error.message);
      throw error;
    }
    return EXIT_OK;
  });
}

/**
 * Warns on stderr when an HMAC secret is shorter than the hash output, which RFC 7518 §3.2 forbids.
 * The token is still printed, because a deliberately weak test token is a legitimate request.
 */
function warnShortSecret(key: KeyMaterial, alg: string, io: CliIo): void {
  if (key.kind !== 'secret' || !alg.startsWith('HS')) return;
  const length = typeof key.data === 'string' ? new TextEncoder().encode(key.data).length : key.data.length;
  const required = hashBitsOf(alg) / 8;
  if (length >= required) return;
  io.stderr.write(
    `jwt-lens sign: warning: the HMAC secret in ${key.label} is ${length} bytes, shorter than the ${required} bytes RFC 7518 §3.2 requires for ${alg}; strict verifiers reject such keys.\n`,
  );
}

/** Loads `--key` or `--secret-file`; exactly one of them must be given. */
export async function loadSigningMaterial(values: OptionValues, io: CliIo, command = 'sign'): Promise<KeyMaterial> {
  const keyPath = stringOption(values, 'key');
  const secretPath = stringOption(values, 'secret-file');
  if ((keyPath === undefined) === (secretPath === undefined)) {
    throw new UsageError('pass exactly one of --key FILE and --secret-file FILE', command);
  }
  const encoding = choiceOption(command, values, 'secret-encoding', ['utf8', 'base64url'] as const, 'utf8');
  if (keyPath !== undefined && stringOption(values, 'secret-encoding') !== undefined) {
    throw new UsageError('--secret-encoding applies only to --secret-file', command);
  }

  try {
    if (keyPath !== undefined) return await loadKeyFile(resolve(io.cwd, keyPath));

    const material = await loadSecretFile(resolve(io.cwd, secretPath!));
    if (encoding === 'utf8') return material;
    return { ...material, data: decodeBase64UrlSecret(secretPath!, material.data) };
  } catch (error) {
    if (error instanceof KeyFileError) throw new InputError(error.message);
    if (error instanceof Error && 'code' in error) throw new InputError(`cannot read ${keyPath ?? secretPath}: ${errorMessage(error)}`);
    throw error;
  }
}

function decodeBase64UrlSecret(path: string, data: string | Uint8Array): Uint8Array {
  const text = (typeof data === 'string' ? data : new TextDecoder().decode(data)).trim();
  if (!/^[A-Za-z0-9_-]+$/.test(text)) {
    throw new InputError(`${path} is not base64url text; drop --secret-encoding base64url to use its bytes as they are`);
  }
  return base64url.decode(text);
}

/** Loads `--policy FILE`, else the nearest `.jwtlens.json`, else the package.json defaults. */
export async function loadSigningPolicy(values: OptionValues, io: CliIo): Promise<Policy> {
  const explicit = stringOption(values, 'policy');
  const path = explicit === undefined ? await findPolicyFile(io.cwd) : resolve(io.cwd, explicit);
  return loadPolicy(path);
}

async function buildPayload(values: OptionValues, io: CliIo, now: number, policy: Policy): Promise<Record<string, unknown>> {
  const payload = buildClaimsTemplate({ now, lifetimeSeconds: defaultSignLifetime(), policy });
  Object.assign(payload, await readClaims(values, io));

  const sub = stringOption(values, 'sub');
  if (sub !== undefined) payload.sub = sub;
  const iss = stringOption(values, 'iss');
  if (iss !== undefined) payload.iss = iss;
  const audiences = listOption(values, 'aud');
  if (audiences.length === 1) payload.aud = audiences[0];
  else if (audiences.length > 1) payload.aud = audiences;

  for (const claim of ['exp', 'nbf'] as const) {
    const text = stringOption(values, claim);
    if (text === undefined) continue;
    if (text === 'none') {
      delete payload[claim];
      continue;
    }
    try {
      payload[claim] = parseTimeSpec(text, now);
    } catch (error) {
      throw new UsageError(`--${claim}: ${(error as Error).message}`, 'sign');
    }
  }
  return payload;
}

async function readClaims(values: OptionValues, io: CliIo): Promise<Record<string, unknown>> {
  const option = stringOption(values, 'claims');
  if (option === undefined) return {};

  let text = option;
  let source = '--claims';
  if (option.startsWith('@')) {
    source = option.slice(1);
    try {
      // A FIFO or device is rejected before reading, and claims over the token input limit could
      // not make a token that the other commands read.
      const bytes = await readRegularFile(resolve(io.cwd, source), MAX_TOKEN_INPUT_BYTES);
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    } catch (error) {
      throw new InputError(`cannot read claims file ${source}: ${errorMessage(error)}`);
    }
  }

  let claims: unknown;
  try {
    claims = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source} is not valid JSON: ${errorMessage(error)}`);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new InputError(`${source} must be a JSON object of claims`);
  }
  return claims as Record<string, unknown>;
}

async function buildHeader(values: OptionValues, key: KeyMaterial): Promise<Record<string, unknown>> {
  const header: Record<string, unknown> = { typ: 'JWT' };

  for (const pair of listOption(values, 'header')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new UsageError(`--header: "${pair}" is not name=value`, 'sign');
    const name = pair.slice(0, separator).trim();
    if (name === 'alg') throw new UsageError('--header: set the algorithm with --alg, not alg=', 'sign');
    header[name] = pair.slice(separator + 1).trim();
  }
  for (const name of ['kid', 'typ', 'cty', 'x5t'] as const) {
    const value = stringOption(values, name);
    if (value !== undefined) header[name] = value;
  }

  if (header.kid === undefined && (key.kind === 'jwk' || key.kind === 'jwks')) {
    try {
      const kid = (await resolveSigningKey(key)).kid;
      if (kid !== undefined) header.kid = kid;
    } catch (error) {
      if (error instanceof SigningKeyError) throw new InputError(error.message);
      throw error;
    }
  }
  return header;
}
