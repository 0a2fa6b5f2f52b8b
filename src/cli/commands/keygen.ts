/** `jwt-lens keygen`: generates a key pair or HMAC secret and writes it to files, never over existing ones. */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

import {
  generateKeyPair,
  type GenerateKeyPairOptions,
  type GeneratedKey,
  type HmacBits,
  type RsaKeySize,
} from '../../core/keygen/generateKeyPair';
import { defaultKeyName, KeyFileExistsError, planKeyFiles, writeKeyFiles, type KeyFile } from '../../core/keygen/writeKeyFiles';
import type { Policy } from '../../core/model';
import { renderVerifierSnippet, SNIPPET_LANGUAGES, type SnippetLanguage } from '../../core/snippets/verifierSnippet';
import { InputError } from '../analysis';
import { EXIT_OK, UsageError, choiceOption, parseCommandArgs, stringOption, type OptionDefinitions } from '../args';
import { runCommand } from '../command';
import type { CliIo } from '../io';
import { loadSigningPolicy } from './sign';

export const KEYGEN_USAGE = `Usage: jwt-lens keygen --type rsa|ec|okp|hmac --out DIR [options]

Generates a signing key for tests and writes it to DIR. A key pair gives NAME.private.pem (PKCS#8,
mode 0600), NAME.public.pem (SPKI), NAME.public.jwk.json and NAME.jwks.json (mode 0644); an HMAC
secret gives NAME.secret.base64url.txt and NAME.secret.jwk.json (both 0600). The kid is the key's
RFC 7638 thumbprint. Existing files are never replaced without --force.

Options:
  --type TYPE        rsa (RS256), ec (ES256/ES384/ES512 by curve), okp (EdDSA) or hmac (HS*).
  --size BITS        RSA modulus length: 2048 (default), 3072 or 4096.
  --curve CURVE      EC curve: P-256 (default), P-384 or P-521. okp: Ed25519 (the default).
  --bits BITS        HMAC secret length: 256 (default, HS256), 384 (HS384) or 512 (HS512).
  --out DIR          Folder to write the files to.
  --name NAME        File name prefix (default: the type and size, such as rsa-2048).
  --force            Replace existing files of the same names.
  --snippet LANG     Print a verifier for the key to stdout: ts (jose), python (PyJWT) or
                     rust (jsonwebtoken), with iss, aud and clock tolerance from the policy
                     (placeholders when it sets none). The file list then goes to stderr.
  --policy FILE      Policy file for the snippet (default: .jwtlens.json in the working
                     directory or the nearest parent directory that has one).
  -h, --help         Show this help.

The HMAC key is the decoded bytes of the base64url text, not the text itself. Sign with it using
'jwt-lens sign --key NAME.secret.jwk.json'.

Exit codes: 0 written, 2 usage or input error (including files that already exist).
`;

const KEYGEN_OPTIONS: OptionDefinitions = {
  type: { type: 'string' },
  size: { type: 'string' },
  curve: { type: 'string' },
  bits: { type: 'string' },
  out: { type: 'string' },
  name: { type: 'string' },
  force: { type: 'boolean' },
  snippet: { type: 'string' },
  policy: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const TYPES = ['rsa', 'ec', 'okp', 'hmac'] as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  return runCommand('keygen', io, async () => {
    const { values, positionals } = parseCommandArgs('keygen', args, KEYGEN_OPTIONS);
    if (values['help'] === true) {
      io.stdout.write(KEYGEN_USAGE);
      return EXIT_OK;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'keygen');

    const options = keyOptions(values);
    const out = stringOption(values, 'out');
    if (out === undefined) throw new UsageError('missing --out DIR: the folder to write the key files to', 'keygen');
    const snippet = stringOption(values, 'snippet') === undefined ? undefined : choiceOption('keygen', values, 'snippet', SNIPPET_LANGUAGES, 'ts');
    const name = stringOption(values, 'name') ?? defaultKeyName(options);

    const key = await generateKeyPair(options);
    let files: KeyFile[];
    try {
      files = planKeyFiles(key, resolve(io.cwd, out), name);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message, 'keygen');
      throw error;
    }
    // Rendered before writing, so an algorithm the snippet language cannot verify writes nothing.
    const snippetText = snippet === undefined ? undefined : snippetFor(snippet, key, files, await loadSigningPolicy(values, io));

    try {
      // A folder created here holds private keys, so only its owner may list it.
      await mkdir(resolve(io.cwd, out), { recursive: true, mode: 0o700 });
      await writeKeyFiles(files, { overwrite: values['force'] === true });
    } catch (error) {
      if (error instanceof KeyFileExistsError) throw new InputError(error.message);
      if (isFileSystemError(error)) throw new InputError(`cannot write key files to ${out}: ${error.message}`);
      throw error;
    }

    const summary = formatSummary(key, files);
    if (snippetText === undefined) {
      io.stdout.write(summary);
      return EXIT_OK;
    }
    io.stderr.write(summary);
    io.stdout.write(snippetText);
    return EXIT_OK;
  });
}

function keyOptions(values: Parameters<typeof stringOption>[0]): GenerateKeyPairOptions {
  const typeName = stringOption(values, 'type');
  if (typeName === undefined) throw new UsageError('missing --type: use rsa, ec, okp or hmac', 'keygen');
  const type = choiceOption('keygen', values, 'type', TYPES, 'rsa');

  const size = stringOption(values, 'size');
  const curve = stringOption(values, 'curve');
  const bits = stringOption(values, 'bits');
  const reject = (flag: string) => {
    throw new UsageError(`--${flag} does not apply to --type ${type}`, 'keygen');
  };

  switch (type) {
    case 'rsa':
      if (curve !== undefined) reject('curve');
      if (bits !== undefined) reject('bits');
      return { type: 'RSA', size: Number(choiceOption('keygen', values, 'size', ['2048', '3072', '4096'], '2048')) as RsaKeySize };
    case 'ec':
      if (size !== undefined) reject('size');
      if (bits !== undefined) reject('bits');
      return { type: 'EC', curve: choiceOption('keygen', values, 'curve', ['P-256', 'P-384', 'P-521'] as const, 'P-256') };
    case 'okp':
      if (size !== undefined) reject('size');
      if (bits !== undefined) reject('bits');
      return { type: 'OKP', curve: choiceOption('keygen', values, 'curve', ['Ed25519'] as const, 'Ed25519') };
    case 'hmac':
      if (size !== undefined) reject('size');
      if (curve !== undefined) reject('curve');
      return { type: 'HMAC', bits: Number(choiceOption('keygen', values, 'bits', ['256', '384', '512'], '256')) as HmacBits };
  }
}

function formatSummary(key: GeneratedKey, files: readonly KeyFile[]): string {
  const lines = [`Generated ${key.type === 'HMAC' ? 'HMAC secret' : `${key.type} key pair`} for ${key.algorithm} (kid ${key.kid}):`];
  for (const file of files) lines.push(`  ${file.mode.toString(8).padStart(4, '0')}  ${file.path}`);
  if (key.type === 'HMAC') {
    lines.push('Verifiers must base64url-decode the secret text to get the key bytes, or load the JWK.');
  }
  return `${lines.join('\n')}\n`;
}

function snippetFor(language: SnippetLanguage, key: GeneratedKey, files: readonly KeyFile[], policy: Policy): string {
  const role = key.type === 'HMAC' ? 'secret' : 'public-key';
  const keyPath = files.find((file) => file.role === role)!.path;
  try {
    return renderVerifierSnippet(language, {
      algorithm: key.algorithm,
      keyPath,
      issuer: policy.issuer,
      audience: policy.audience,
      clockToleranceSeconds: policy.clockToleranceSeconds,
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message, 'keygen');
    throw error;
  }
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
