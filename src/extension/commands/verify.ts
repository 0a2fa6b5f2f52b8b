/**
 * `jwtLens.verifyToken`: verify the token under the cursor (or one passed in) with an HMAC secret, a
 * key file or a JWK Set URL, show the result, and keep the key for this session so diagnostics and
 * hovers show "verified by …". Arguments let callers and tests skip every dialog:
 * `{ token?, uri?, keyFile?, secret?, remember?, jwksUrl? }`.
 */
import * as vscode from 'vscode';
import { decodeToken } from '../../core/decode/decodeToken';
import { KeyFileError, keyMaterialFromBytes } from '../../core/keys/detectKeyMaterial';
import { fetchJwks, jwksUrlProblem } from '../../core/keys/fetchJwks';
import { MAX_KEY_FILE_BYTES } from '../../core/keys/loadKeyFile';
import type { DecodedToken, KeyMaterial, VerificationResult } from '../../core/model';
import { findTokens } from '../../core/scan/findTokens';
import { keyScopeOf } from '../../core/verify/keyScope';
import { verifySignature } from '../../core/verify/verifySignature';
import { COMMANDS } from '../commandIds';
import { redactToken } from '../log';
import { StoredSecrets, storedSecretLabel } from '../panel/storedSecrets';
import type { ExtensionServices } from '../services';

/** The arguments `jwtLens.verifyToken` accepts; with a key source given, no dialog opens. */
export interface VerifyTokenArguments {
  token?: string;
  /** The document the token came from; relative `keyFile` paths resolve against its workspace folder. */
  uri?: string;
  /** A key file path (absolute, or relative to the workspace folder) or a URI string. */
  keyFile?: string;
  /** An HMAC secret as text. */
  secret?: string;
  /** Keep `secret` in SecretStorage for the token's issuer. */
  remember?: boolean;
  jwksUrl?: string;
}

/** The command's result, for callers and tests. */
export interface VerifyTokenOutcome {
  result: VerificationResult;
  /** The label of the key the token was checked with (now also in the session key store). */
  keyLabel: string;
}

const ENTERED_SECRET_LABEL = 'HMAC secret entered in the editor';

export function register(context: vscode.ExtensionContext, services: ExtensionServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.verifyToken, async (argument?: unknown): Promise<VerifyTokenOutcome | undefined> => {
      try {
        return await verifyToken(services, parseArguments(argument));
      } catch (error) {
        services.reportError('could not verify the token', error);
        return undefined;
      }
    }),
  );
}

function parseArguments(argument: unknown): VerifyTokenArguments {
  if (typeof argument === 'string') return { token: argument };
  if (typeof argument !== 'object' || argument === null) return {};
  const record = argument as Record<string, unknown>;
  const text = (name: string): string | undefined => (typeof record[name] === 'string' ? record[name] : undefined);
  return {
    token: text('token'),
    uri: text('uri'),
    keyFile: text('keyFile'),
    secret: text('secret'),
    remember: record.remember === true,
    jwksUrl: text('jwksUrl'),
  };
}

async function verifyToken(services: ExtensionServices, args: VerifyTokenArguments): Promise<VerifyTokenOutcome | undefined> {
  const token = args.token ?? tokenUnderCursor();
  if (token === undefined) {
    void vscode.window.showInformationMessage('JWT Lens: place the cursor on a token, then run Verify Token again.');
    return undefined;
  }
  const decoded = decodeToken(token);
  const documentUri = args.uri === undefined ? vscode.window.activeTextEditor?.document.uri : vscode.Uri.parse(args.uri);

  const key = await chooseKey(services, args, decoded, documentUri);
  if (key === undefined) return undefined;

  const result = await verifySignature(decoded, { keys: [key] });
  // Scoped to this token and its issuer, so the key cannot mark unrelated tokens invalid.
  services.keys.add({ ...key, appliesTo: keyScopeOf(decoded) });
  services.refreshDiagnostics();

  const by = result.verifiedBy === null ? '' : ` by ${result.verifiedBy}`;
  services.log.info(`Verified ${redactToken(token)} with ${key.label}: ${result.status}${by}.`);
  showResult(result);
  return { result, keyLabel: key.label };
}

/** Returns the token that contains the active editor's cursor. */
function tokenUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const offset = editor.document.offsetAt(editor.selection.active);
  const match = findTokens(editor.document.getText()).find((candidate) => candidate.start <= offset && offset <= candidate.end);
  return match?.text;
}

/** Returns the key named in the arguments, else prompts the user for one, or undefined when the user cancels. */
async function chooseKey(services: ExtensionServices, args: VerifyTokenArguments, decoded: DecodedToken, documentUri: vscode.Uri | undefined): Promise<KeyMaterial | undefined> {
  if (args.secret !== undefined) return secretKey(services, args.secret, args.remember === true, decoded);
  if (args.keyFile !== undefined) return readKeyFile(keyFileUri(args.keyFile, documentUri));
  if (args.jwksUrl !== undefined) return fetchKeySet(args.jwksUrl);

  const configuredUrls = vscode.workspace.getConfiguration('jwtLens').get<string[]>('verification.jwksUrls') ?? [];
  const items: Array<vscode.QuickPickItem & { pick: () => Promise<KeyMaterial | undefined> }> = [
    { label: '$(key) HMAC secret…', detail: 'Typed into a password box; kept in SecretStorage only if you choose to.', pick: () => askSecret(services, decoded) },
    { label: '$(file) Key file…', detail: 'PEM (public key, certificate or private key), JWK or JWK Set.', pick: () => askKeyFile(documentUri) },
    { label: '$(globe) JWK Set URL…', detail: 'https, or http to 127.0.0.1 only.', pick: () => askJwksUrl() },
    ...configuredUrls.map((url) => ({ label: `$(globe) ${url}`, detail: 'From the setting jwtLens.verification.jwksUrls.', pick: () => fetchKeySet(url) })),
  ];
  const alg = typeof decoded.header?.alg === 'string' ? decoded.header.alg : 'unknown alg';
  const choice = await vscode.window.showQuickPick(items, { title: `Verify Token (${alg})`, placeHolder: 'Choose the key to verify with' });
  return choice?.pick();
}

async function askSecret(services: ExtensionServices, decoded: DecodedToken): Promise<KeyMaterial | undefined> {
  const secret = await vscode.window.showInputBox({
    title: 'Verify Token: HMAC secret',
    prompt: 'The secret is kept in memory for this session only, unless you choose to remember it.',
    password: true,
    ignoreFocusOut: true,
  });
  if (secret === undefined) return undefined;
  const remember = await vscode.window.showQuickPick(['Use for this session only', 'Remember in SecretStorage for this issuer'], { title: 'Verify Token: remember the secret?' });
  if (remember === undefined) return undefined;
  return secretKey(services, secret, remember.startsWith('Remember'), decoded);
}

async function secretKey(services: ExtensionServices, secret: string, remember: boolean, decoded: DecodedToken): Promise<KeyMaterial> {
  if (!remember) return { label: ENTERED_SECRET_LABEL, kind: 'secret', data: new TextEncoder().encode(secret) };

  const issuer = typeof (decoded.payload as { iss?: unknown } | null)?.iss === 'string' ? (decoded.payload as { iss: string }).iss : null;
  await new StoredSecrets(services.secrets).store(issuer, secret);
  return { label: storedSecretLabel(issuer), kind: 'secret', data: new TextEncoder().encode(secret) };
}

async function askKeyFile(documentUri: vscode.Uri | undefined): Promise<KeyMaterial | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Verify Token: key file',
    canSelectMany: false,
    defaultUri: documentUri === undefined ? undefined : vscode.workspace.getWorkspaceFolder(documentUri)?.uri,
    filters: { 'Key files': ['pem', 'crt', 'cer', 'key', 'pub', 'json', 'jwk', 'jwks'], 'All files': ['*'] },
  });
  return picked?.[0] === undefined ? undefined : readKeyFile(picked[0]);
}

async function askJwksUrl(): Promise<KeyMaterial | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'Verify Token: JWK Set URL',
    prompt: 'The JWK Set is fetched once from this URL. A URL named inside a token (jku, x5u, iss) is never fetched.',
    placeHolder: 'https://issuer.example/.well-known/jwks.json',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Enter the URL of a JWK Set.' : jwksUrlProblem(value.trim())),
  });
  return url === undefined ? undefined : fetchKeySet(url.trim());
}

function keyFileUri(keyFile: string, documentUri: vscode.Uri | undefined): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(keyFile)) return vscode.Uri.parse(keyFile);
  if (keyFile.startsWith('/') || /^[A-Za-z]:[\\/]/.test(keyFile)) return vscode.Uri.file(keyFile);
  const folder = (documentUri === undefined ? undefined : vscode.workspace.getWorkspaceFolder(documentUri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new KeyFileError(`${keyFile} is a relative path, but no workspace folder is open to resolve it against`);
  return vscode.Uri.joinPath(folder.uri, keyFile);
}

/** Reads a key file through the workspace file system, so remote and virtual workspaces work too. */
async function readKeyFile(uri: vscode.Uri): Promise<KeyMaterial> {
  const label = vscode.workspace.asRelativePath(uri, false);
  let size: number;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
  } catch (error) {
    throw new KeyFileError(`Cannot read key file ${label}: ${error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? 'file not found' : String(error)}`);
  }
  if (size > MAX_KEY_FILE_BYTES) throw new KeyFileError(`${label} is ${size} bytes, larger than the 1 MiB a key file may be`);
  return keyMaterialFromBytes(label, await vscode.workspace.fs.readFile(uri));
}

async function fetchKeySet(url: string): Promise<KeyMaterial> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `JWT Lens: fetching ${url}` }, () => fetchJwks(url));
}

function showResult(result: VerificationResult): void {
  if (result.confusionKey !== undefined) {
    void vscode.window.showErrorMessage(`JWT Lens: algorithm confusion: the MAC key is the public key ${result.confusionKey}, so anyone holding it can forge tokens.`);
  } else if (result.status === 'verified' && result.weakSecret !== undefined) {
    void vscode.window.showWarningMessage(`JWT Lens: signature verified by ${result.verifiedBy}, but the secret is a weak one from ${result.weakSecret.source}.`);
  } else if (result.status === 'verified') {
    void vscode.window.showInformationMessage(`JWT Lens: signature verified by ${result.verifiedBy}.`);
  } else if (result.status === 'invalid') {
    void vscode.window.showErrorMessage(`JWT Lens: ${result.reason}`);
  } else {
    void vscode.window.showWarningMessage(`JWT Lens: ${result.reason}`);
  }
}

