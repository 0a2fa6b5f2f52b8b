/**
 * `jwtLens.signTestToken`: signs a test token with a key file, a freshly generated key or an HMAC
 * secret, from a claims template the user edits, then inserts, copies or opens it in the panel.
 * Arguments let tests skip every dialog: `{ keyFile?, secret?, alg?, claims?, header?, target }`.
 */
import * as vscode from 'vscode';

import { keyMaterialFromBytes } from '../../core/keys/detectKeyMaterial';
import { MAX_KEY_FILE_BYTES } from '../../core/keys/loadKeyFile';
import type { KeyMaterial } from '../../core/model';
import { buildClaimsTemplate } from '../../core/sign/claimsTemplate';
import { resolveSigningKey, type SigningKey } from '../../core/sign/signingKey';
import { signToken } from '../../core/sign/signToken';
import { redactToken } from '../log';
import { StoredSecrets, storedSecretLabel } from '../panel/storedSecrets';
import type { ExtensionServices } from '../services';
import { runGenerateKeyPair } from './keygen';

export const SIGN_TEST_TOKEN_COMMAND = 'jwtLens.signTestToken';
const OPEN_PANEL_COMMAND = 'jwtLens.openPanel';

export type SignTarget = 'insert' | 'copy' | 'panel' | 'return';

/** The argument object of `jwtLens.signTestToken`. With a key, `claims` and `target`, no dialog opens. */
export interface SignTestTokenArguments {
  /** A key file path (absolute, or relative to the first workspace folder) or a URI string. */
  keyFile?: string;
  /** An HMAC secret as text. */
  secret?: string;
  alg?: string;
  /** The claims, used as they are; without them the user edits the claims template. */
  claims?: Record<string, unknown>;
  /** The JOSE header without `alg`; defaults to `typ: "JWT"` and the key's `kid`, if any. */
  header?: Record<string, unknown>;
  /** Destination of the token, which the command also returns. Without it, a quick pick opens. */
  target?: SignTarget;
}

export function register(context: vscode.ExtensionContext, services: ExtensionServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SIGN_TEST_TOKEN_COMMAND, async (argument?: unknown): Promise<string | undefined> => {
      try {
        return await signTestToken(services, parseArguments(argument));
      } catch (error) {
        services.reportError('could not sign the test token', error);
        return undefined;
      }
    }),
  );
}

async function signTestToken(services: ExtensionServices, args: SignTestTokenArguments): Promise<string | undefined> {
  const documentUri = vscode.window.activeTextEditor?.document.uri;
  const key = await chooseKey(services, args, documentUri);
  if (key === undefined) return undefined;

  const signingKey = await resolveSigningKey(key);
  const alg = args.alg ?? (await chooseAlgorithm(signingKey));
  if (alg === undefined) return undefined;

  const claims = args.claims ?? (await editClaims(services, documentUri));
  if (claims === undefined) return undefined;

  const header = args.header ?? { typ: 'JWT', ...(signingKey.kid === undefined ? {} : { kid: signingKey.kid }) };
  const token = await signToken({ header, payload: claims, key, alg });
  services.log.info(`Signed a ${alg} test token with ${key.label}: ${redactToken(token)}`);

  const target = args.target ?? (await chooseTarget());
  if (target === undefined) return token;
  await deliver(token, target);
  return token;
}

function parseArguments(argument: unknown): SignTestTokenArguments {
  if (typeof argument !== 'object' || argument === null) return {};
  const record = argument as Record<string, unknown>;
  const args: SignTestTokenArguments = {};
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

  if (typeof record.keyFile === 'string') args.keyFile = record.keyFile;
  if (typeof record.secret === 'string') args.secret = record.secret;
  if (typeof record.alg === 'string') args.alg = record.alg;
  if (isObject(record.claims)) args.claims = record.claims;
  if (isObject(record.header)) args.header = record.header;
  if (['insert', 'copy', 'panel', 'return'].includes(record.target as string)) args.target = record.target as SignTarget;
  return args;
}

async function chooseKey(services: ExtensionServices, args: SignTestTokenArguments, documentUri: vscode.Uri | undefined): Promise<KeyMaterial | undefined> {
  if (args.secret !== undefined) return { label: 'HMAC secret', kind: 'secret', data: args.secret };
  if (args.keyFile !== undefined) return readSigningKeyFile(resolveKeyFile(args.keyFile));

  const items: (vscode.QuickPickItem & { pick: () => Promise<KeyMaterial | undefined> })[] = [
    { label: '$(file) Private key file…', detail: 'PKCS#8 PEM, JWK or JWK Set with a private key, or an oct JWK.', pick: askKeyFile },
    { label: '$(add) Generate a new key…', detail: 'Runs Generate Key Pair, then signs with the new key.', pick: () => generateKey(services) },
    ...(await storedSecretItems(services, documentUri)),
    { label: '$(lock) HMAC secret…', detail: 'Typed into a password box and not stored.', pick: askSecret },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Sign Test Token: signing key' });
  return picked?.pick();
}

/** Quick-pick entries for the HMAC secrets in SecretStorage for the policy's issuers or no issuer. */
async function storedSecretItems(
  services: ExtensionServices,
  documentUri: vscode.Uri | undefined,
): Promise<(vscode.QuickPickItem & { pick: () => Promise<KeyMaterial | undefined> })[]> {
  const stored = new StoredSecrets(services.secrets);
  const issuers: (string | null)[] = [...services.policyFor(documentUri).issuer, null];
  const items = [];
  for (const issuer of issuers) {
    const material = await stored.get(issuer);
    if (material === undefined) continue;
    items.push({ label: `$(key) ${storedSecretLabel(issuer)}`, detail: 'From SecretStorage.', pick: () => Promise.resolve(material) });
  }
  return items;
}

async function askKeyFile(): Promise<KeyMaterial | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Sign Test Token: private key file', canSelectMany: false, openLabel: 'Sign With This Key' });
  return picked?.[0] === undefined ? undefined : readSigningKeyFile(picked[0]);
}

async function askSecret(): Promise<KeyMaterial | undefined> {
  const secret = await vscode.window.showInputBox({
    title: 'Sign Test Token: HMAC secret',
    password: true,
    prompt: 'The secret is used for this token only and is never stored or logged.',
    validateInput: (value) => (value === '' ? 'Enter the secret.' : undefined),
  });
  return secret === undefined ? undefined : { label: 'HMAC secret', kind: 'secret', data: secret };
}

async function generateKey(services: ExtensionServices): Promise<KeyMaterial | undefined> {
  const outcome = await runGenerateKeyPair(services, { snippet: 'none' });
  const signingFile = outcome?.files.find((path) => path.endsWith('.private.pem') || path.endsWith('.secret.jwk.json'));
  return signingFile === undefined ? undefined : readSigningKeyFile(vscode.Uri.file(signingFile));
}

async function chooseAlgorithm(key: SigningKey): Promise<string | undefined> {
  if (key.algorithms.length === 1) return key.algorithms[0];
  const picked = await vscode.window.showQuickPick([...key.algorithms], {
    title: 'Sign Test Token: algorithm',
    placeHolder: `Algorithms that fit the ${key.label} key`,
  });
  return picked;
}

/** Shows the claims template as one line of JSON in an input box that accepts only a JSON object. */
async function editClaims(services: ExtensionServices, documentUri: vscode.Uri | undefined): Promise<Record<string, unknown> | undefined> {
  const template = buildClaimsTemplate({
    now: services.now(),
    lifetimeSeconds: services.settings.get('sign.defaultLifetime', documentUri),
    policy: services.policyFor(documentUri),
  });
  const text = await vscode.window.showInputBox({
    title: 'Sign Test Token: claims (JSON)',
    value: JSON.stringify(template),
    prompt: 'Edit the claims. iat, nbf and exp are seconds since the epoch; the lifetime comes from jwtLens.sign.defaultLifetime.',
    validateInput: (value) => claimsError(value),
  });
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
}

/** Returns why `text` is not a JSON object of claims, or undefined when it is one. */
export function claimsError(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `Invalid JSON: ${(error as Error).message}`;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'The claims must be a JSON object.';
}

async function chooseTarget(): Promise<SignTarget | undefined> {
  const items: (vscode.QuickPickItem & { target: SignTarget })[] = [];
  if (vscode.window.activeTextEditor !== undefined) items.push({ label: '$(insert) Insert at the cursor', target: 'insert' });
  items.push({ label: '$(copy) Copy to the clipboard', target: 'copy' }, { label: '$(preview) Open in the JWT Lens panel', target: 'panel' });
  const picked = await vscode.window.showQuickPick(items, { title: 'Sign Test Token: the token is ready' });
  return picked?.target;
}

async function deliver(token: string, target: SignTarget): Promise<void> {
  switch (target) {
    case 'insert': {
      const editor = vscode.window.activeTextEditor;
      if (editor === undefined) throw new Error('No editor is active to insert the token into; use copy instead.');
      await editor.edit((edit) => {
        for (const selection of editor.selections) edit.replace(selection, token);
      });
      return;
    }
    case 'copy':
      await vscode.env.clipboard.writeText(token);
      void vscode.window.showInformationMessage('JWT Lens: test token copied to the clipboard.');
      return;
    case 'panel':
      await vscode.commands.executeCommand(OPEN_PANEL_COMMAND, { token });
      return;
    case 'return':
      return;
  }
}

/** Resolves a key file argument: a URI string, an absolute path, or a path relative to the first workspace folder. */
export function resolveKeyFile(path: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) return vscode.Uri.parse(path);
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return vscode.Uri.file(path);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error(`Key file ${path} is relative, but no workspace folder is open; give an absolute path.`);
  return vscode.Uri.joinPath(folder.uri, path);
}

/** Reads a key file of at most 1 MiB and detects whether it is PEM, JWK, JWKS or a raw secret. */
export async function readSigningKeyFile(uri: vscode.Uri): Promise<KeyMaterial> {
  const label = vscode.workspace.asRelativePath(uri, false);
  const size = (await vscode.workspace.fs.stat(uri)).size;
  if (size > MAX_KEY_FILE_BYTES) throw new Error(`${label} is ${size} bytes, larger than the 1 MiB a key file may be.`);
  return keyMaterialFromBytes(label, await vscode.workspace.fs.readFile(uri));
}
