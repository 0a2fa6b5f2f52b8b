/**
 * `jwtLens.generateKeyPair`: generates a key pair or HMAC secret, writes it to a folder (private
 * files 0600, never over existing files without a modal confirmation) and opens a verifier snippet.
 * Arguments let tests skip every dialog: `{ type, size, curve, bits, folder, name, overwrite?, snippet? }`.
 */
import * as vscode from 'vscode';

import {
  generateKeyPair,
  type GenerateKeyPairOptions,
  type GeneratedKey,
  type HmacBits,
  type KeyCurve,
  type KeyPairType,
  type RsaKeySize,
} from '../../core/keygen/generateKeyPair';
import { defaultKeyName, findExistingFiles, planKeyFiles, writeKeyFiles, type KeyFile } from '../../core/keygen/writeKeyFiles';
import {
  renderVerifierSnippet,
  SNIPPET_FILE,
  SNIPPET_LANGUAGES,
  type SnippetLanguage,
} from '../../core/snippets/verifierSnippet';
import type { ExtensionServices } from '../services';

export const GENERATE_KEY_PAIR_COMMAND = 'jwtLens.generateKeyPair';

/** The argument object of `jwtLens.generateKeyPair`. With `type` and `folder` set, no dialog opens. */
export interface GenerateKeyPairArguments {
  type?: KeyPairType;
  size?: RsaKeySize;
  curve?: KeyCurve;
  bits?: HmacBits;
  /** Absolute folder path or URI string to write the files to. */
  folder?: string;
  /** File name prefix; defaults to the type and size, such as `rsa-2048`. */
  name?: string;
  /** Replace existing files (true) or stop (false). Without it, a modal warning asks the user. */
  overwrite?: boolean;
  /** Verifier snippet to open in an untitled editor, or `none`. Without it, a quick pick opens unless `type` is given. */
  snippet?: SnippetLanguage | 'none';
}

/** The command's result: the written files and the key's identity. */
export interface GenerateKeyPairOutcome {
  files: string[];
  algorithm: string;
  kid: string;
  /** The untitled document holding the verifier snippet, when one was opened. */
  snippet?: vscode.TextDocument;
}

export function register(context: vscode.ExtensionContext, services: ExtensionServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(GENERATE_KEY_PAIR_COMMAND, async (argument?: unknown): Promise<GenerateKeyPairOutcome | undefined> => {
      try {
        return await runGenerateKeyPair(services, parseArguments(argument));
      } catch (error) {
        services.reportError('could not generate the key', error);
        return undefined;
      }
    }),
  );
}

/** Runs the command with `args`, asking for whatever they leave out. Other commands call it too. */
export async function runGenerateKeyPair(services: ExtensionServices, args: GenerateKeyPairArguments): Promise<GenerateKeyPairOutcome | undefined> {
  const interactive = args.type === undefined;
  const options = args.type === undefined ? await askKeyOptions() : keyOptionsFrom(args);
  if (options === undefined) return undefined;

  const folder = args.folder === undefined ? await askFolder() : toUri(args.folder);
  if (folder === undefined) return undefined;
  const name = args.name ?? (interactive ? await askName(defaultKeyName(options)) : defaultKeyName(options));
  if (name === undefined) return undefined;

  const key = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `JWT Lens: generating ${describeOptions(options)} key…` },
    () => generateKeyPair(options),
  );
  const files = planKeyFiles(key, folder.fsPath, name);
  const existing = await findExistingFiles(files);
  if (existing.length > 0 && !(await confirmOverwrite(existing, args.overwrite))) return undefined;

  // Only a confirmed replacement overwrites: a file that appears after the check still stops the write.
  await writeKeyFiles(files, { overwrite: existing.length > 0 });
  services.log.info(`Generated ${key.algorithm} key ${key.kid}: ${files.map((file) => file.path).join(', ')}`);

  const outcome: GenerateKeyPairOutcome = { files: files.map((file) => file.path), algorithm: key.algorithm, kid: key.kid };
  const snippet = args.snippet ?? (interactive ? await askSnippet() : 'none');
  if (snippet !== undefined && snippet !== 'none') {
    outcome.snippet = await openSnippet(services, snippet, key, files, folder);
  }
  return outcome;
}

function parseArguments(argument: unknown): GenerateKeyPairArguments {
  if (typeof argument !== 'object' || argument === null) return {};
  const record = argument as Record<string, unknown>;
  const args: GenerateKeyPairArguments = {};

  if (typeof record.type === 'string') args.type = record.type.toUpperCase() as KeyPairType;
  if (typeof record.size === 'number') args.size = record.size as RsaKeySize;
  if (typeof record.curve === 'string') args.curve = record.curve as KeyCurve;
  if (typeof record.bits === 'number') args.bits = record.bits as HmacBits;
  if (typeof record.folder === 'string') args.folder = record.folder;
  if (typeof record.name === 'string') args.name = record.name;
  if (typeof record.overwrite === 'boolean') args.overwrite = record.overwrite;
  if (record.snippet === 'none' || SNIPPET_LANGUAGES.includes(record.snippet as SnippetLanguage)) {
    args.snippet = record.snippet as SnippetLanguage | 'none';
  }
  return args;
}

function keyOptionsFrom(args: GenerateKeyPairArguments): GenerateKeyPairOptions {
  const options: GenerateKeyPairOptions = { type: args.type! };
  if (args.size !== undefined) options.size = args.size;
  if (args.curve !== undefined) options.curve = args.curve;
  if (args.bits !== undefined) options.bits = args.bits;
  return options;
}

async function askKeyOptions(): Promise<GenerateKeyPairOptions | undefined> {
  const items: (vscode.QuickPickItem & { options: GenerateKeyPairOptions })[] = [
    { label: 'EC P-256', description: 'ES256', detail: 'Small, fast and widely supported.', options: { type: 'EC', curve: 'P-256' } },
    { label: 'EC P-384', description: 'ES384', options: { type: 'EC', curve: 'P-384' } },
    { label: 'EC P-521', description: 'ES512', detail: 'Not supported by the Rust jsonwebtoken crate.', options: { type: 'EC', curve: 'P-521' } },
    { label: 'Ed25519', description: 'EdDSA', options: { type: 'OKP', curve: 'Ed25519' } },
    { label: 'RSA 2048', description: 'RS256', detail: 'The most widely accepted key.', options: { type: 'RSA', size: 2048 } },
    { label: 'RSA 3072', description: 'RS256', options: { type: 'RSA', size: 3072 } },
    { label: 'RSA 4096', description: 'RS256', detail: 'Takes a few seconds to generate.', options: { type: 'RSA', size: 4096 } },
    { label: 'HMAC 256-bit secret', description: 'HS256', detail: 'Shared secret: every verifier can also sign.', options: { type: 'HMAC', bits: 256 } },
    { label: 'HMAC 384-bit secret', description: 'HS384', options: { type: 'HMAC', bits: 384 } },
    { label: 'HMAC 512-bit secret', description: 'HS512', options: { type: 'HMAC', bits: 512 } },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Key Pair: key type', placeHolder: 'Key type and size' });
  return picked?.options;
}

async function askFolder(): Promise<vscode.Uri | undefined> {
  const defaultUri = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    title: 'Generate Key Pair: folder for the key files',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Write Keys Here',
    ...(defaultUri === undefined ? {} : { defaultUri }),
  });
  return picked?.[0];
}

function askName(defaultName: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Generate Key Pair: file name prefix',
    value: defaultName,
    prompt: 'Files are named PREFIX.private.pem, PREFIX.public.pem, PREFIX.public.jwk.json and PREFIX.jwks.json.',
    validateInput: (value) => (value.trim() === '' || /[\\/]/.test(value) ? 'Use a plain name with no path separators.' : undefined),
  });
}

async function askSnippet(): Promise<SnippetLanguage | 'none' | undefined> {
  const items: (vscode.QuickPickItem & { language: SnippetLanguage | 'none' })[] = [
    { label: 'TypeScript (jose)', language: 'ts' },
    { label: 'Python (PyJWT)', language: 'python' },
    { label: 'Rust (jsonwebtoken)', language: 'rust' },
    { label: 'No snippet', language: 'none' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Key Pair: open a verifier snippet?' });
  return picked?.language;
}

/** Returns true when `overwrite` or the user, asked with a modal warning, allows replacing `existing`. */
async function confirmOverwrite(existing: readonly string[], overwrite: boolean | undefined): Promise<boolean> {
  if (overwrite !== undefined) return overwrite;

  const names = existing.map((path) => vscode.workspace.asRelativePath(path, false)).join(', ');
  const choice = await vscode.window.showWarningMessage(
    `Replace ${existing.length === 1 ? 'the existing file' : `${existing.length} existing files`}?`,
    { modal: true, detail: `${names} will be deleted and written again. A replaced private key cannot be recovered.` },
    'Replace',
  );
  return choice === 'Replace';
}

async function openSnippet(
  services: ExtensionServices,
  language: SnippetLanguage,
  key: GeneratedKey,
  files: readonly KeyFile[],
  folder: vscode.Uri,
): Promise<vscode.TextDocument | undefined> {
  const keyPath = files.find((file) => file.role === (key.type === 'HMAC' ? 'secret' : 'public-key'))!.path;
  const policy = services.policyFor(folder);
  let content: string;
  try {
    content = renderVerifierSnippet(language, {
      algorithm: key.algorithm,
      keyPath,
      issuer: policy.issuer,
      audience: policy.audience,
      clockToleranceSeconds: policy.clockToleranceSeconds,
    });
  } catch (error) {
    // The key files are already written, so a missing snippet is a warning, not a failed command.
    void vscode.window.showWarningMessage(`JWT Lens: key written, but no snippet: ${(error as Error).message}`);
    return undefined;
  }

  const document = await vscode.workspace.openTextDocument({ language: SNIPPET_FILE[language].languageId, content });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

function describeOptions(options: GenerateKeyPairOptions): string {
  if (options.type === 'RSA') return `RSA ${options.size ?? 2048}`;
  if (options.type === 'HMAC') return `HMAC ${options.bits ?? 256}-bit`;
  return options.curve ?? (options.type === 'EC' ? 'P-256' : 'Ed25519');
}

/** Turns an argument into a URI: a URI string as it is, anything else as a file path. */
export function toUri(pathOrUri: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(pathOrUri) ? vscode.Uri.parse(pathOrUri) : vscode.Uri.file(pathOrUri);
}
