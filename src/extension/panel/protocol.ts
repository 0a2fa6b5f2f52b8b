/**
 * The messages exchanged between the JWT Lens panel's host side and its webview script. Both sides
 * import this file, so it must stay free of `vscode` and Node imports. The host checks every
 * incoming message with `parseWebviewMessage` before acting on it, because a webview is treated as
 * untrusted input like any other.
 */

/** The `viewType` of the panel, also the id the serializer is registered under. */
export const PANEL_VIEW_TYPE = 'jwtLens.panel';

/** Maximum length of a token the panel accepts from the webview, in UTF-16 code units. */
export const MAX_TOKEN_LENGTH = 1_000_000;
/** Maximum length of the header or claims JSON accepted for re-signing, in UTF-16 code units. */
export const MAX_JSON_LENGTH = 1_000_000;
/** Maximum length of an HMAC secret from the password box, in UTF-16 code units. */
export const MAX_SECRET_LENGTH = 65_536;
/** Maximum length of a JWS `alg` name. */
export const MAX_ALG_LENGTH = 32;

/** The content of a segment of a compact token, in order of appearance (RFC 7515 7.1, RFC 7516 7.1). */
export type SegmentRole =
  | 'header'
  | 'payload'
  | 'signature'
  | 'encrypted-key'
  | 'iv'
  | 'ciphertext'
  | 'tag'
  | 'extra';

export interface SegmentView {
  role: SegmentRole;
  text: string;
}

/** One row of the claims table. */
export interface ClaimView {
  name: string;
  /** The value as compact JSON text. */
  value: string;
  /** The claim's meaning, when it is a registered or well-known claim. */
  description: string | null;
  /** For NumericDate claims: the UTC ISO time (or a note when it is not a date) and the relative wording. */
  time: { iso: string; relative: string } | null;
}

export interface FindingView {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface VerificationView {
  status: 'verified' | 'invalid' | 'unverified';
  /** The label of the key that verified the token, never the key itself. */
  verifiedBy: string | null;
  reason: string;
}

/** A key the user can re-sign with, as the webview lists it. Labels only, never key material. */
export interface KeyOptionView {
  /** `secret` is the password box, `key-file` the chosen file, `stored-secret` a SecretStorage entry. */
  source: KeySource;
  label: string;
  /** JWS algorithms that fit this key. */
  algorithms: string[];
}

export type KeySource = 'secret' | 'key-file' | 'stored-secret';

/** Everything the webview shows about one token. */
export interface PanelView {
  token: string;
  kind: 'jws' | 'jwe';
  /** "JWS (signed)", "JWS (unsecured, alg none)" or "JWE (encrypted)", as the hover names the kind. */
  kindLabel: string;
  /** The segments in order; past `MAX_SEGMENTS` the last one contains the rest of the token. */
  segments: SegmentView[];
  /** The number of dot-separated segments of the token. */
  segmentCount: number;
  /** The header as pretty JSON, or its raw text when it is not JSON, or null when it is not text. */
  headerText: string | null;
  /** The payload as pretty JSON, or its raw text, or null for a JWE or non-text bytes. */
  payloadText: string | null;
  /** The first claims of the payload; `payloadText` contains all of them. */
  claims: ClaimView[];
  /** Claims of the payload left out of `claims` because the table has a row limit. */
  omittedClaims: number;
  /** The inner token when the payload is itself a JWT (nested signing or encryption), else null. */
  nestedToken: string | null;
  findings: FindingView[];
  verification: VerificationView;
  /** The editor the token came from, for the "Insert into editor" button; null when it was pasted. */
  source: { label: string } | null;
  /** Key files and stored secrets the host holds for re-signing; the password box is always offered. */
  keys: KeyOptionView[];
  /** Algorithms an HMAC secret from the password box can sign with. */
  secretAlgorithms: string[];
  /** True when the token's `iss` (or the default entry) has a secret in SecretStorage. */
  hasStoredSecret: boolean;
}

/** The state the webview keeps across reloads with `setState`. Never contains a secret. */
export interface PanelState {
  token: string;
  editedHeader?: string;
  editedPayload?: string;
}

// Host to webview.

export type HostMessage =
  | { type: 'render'; view: PanelView }
  | { type: 'verificationResult'; verification: VerificationView; findings: FindingView[]; keyLabel: string | null }
  | { type: 'resignResult'; ok: true; token: string; alg: string; keyLabel: string }
  | { type: 'resignResult'; ok: false; error: string }
  | { type: 'keysChanged'; keys: KeyOptionView[]; hasStoredSecret: boolean }
  | { type: 'notice'; level: 'info' | 'error'; message: string };

// Webview to host.

/** The key a `verify` or `resign` request names. The secret travels only in this message. */
export type KeyChoice =
  | { source: 'secret'; secret: string; remember: boolean }
  | { source: 'key-file'; label: string }
  | { source: 'stored-secret' };

export type TokenTarget = 'copy' | 'insert' | 'panel' | 'document';

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'verify'; key: KeyChoice }
  | { type: 'chooseKeyFile' }
  | { type: 'forgetStoredSecret' }
  | { type: 'resign'; header: string; payload: string; alg: string; key: KeyChoice }
  | { type: 'useToken'; token: string; target: TokenTarget }
  | { type: 'openRuleDocs'; rule: string };

export type ParseResult = { ok: true; message: WebviewMessage } | { ok: false; error: string };

const TOKEN_TARGETS: readonly string[] = ['copy', 'insert', 'panel', 'document'];
const RULE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ALG_PATTERN = /^[A-Za-z0-9_+-]+$/;
/**
 * Characters a token sent back for copying or inserting may contain: base64url, dots, and the `=`,
 * `+` and `/` that lenient issuers emit. Nothing else reaches the editor or the clipboard.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9_\-.=+/]+$/;

/**
 * Checks an incoming webview message: its type tag, the type and size of every field, and that no
 * unknown type slips through. The error names the fault without echoing any field's content.
 */
export function parseWebviewMessage(value: unknown): ParseResult {
  if (!isRecord(value) || typeof value.type !== 'string') {
    return fail('message is not an object with a string type');
  }

  switch (value.type) {
    case 'ready':
    case 'chooseKeyFile':
    case 'forgetStoredSecret':
      return { ok: true, message: { type: value.type } };
    case 'verify': {
      const key = parseKeyChoice(value.key);
      return typeof key === 'string' ? fail(`verify: ${key}`) : { ok: true, message: { type: 'verify', key } };
    }
    case 'resign':
      return parseResign(value);
    case 'useToken':
      if (!isBoundedString(value.token, MAX_TOKEN_LENGTH) || !TOKEN_PATTERN.test(value.token)) {
        return fail('useToken: token is not a token of 1 to 1000000 base64url characters and dots');
      }
      if (typeof value.target !== 'string' || !TOKEN_TARGETS.includes(value.target)) {
        return fail('useToken: target is not copy, insert, panel or document');
      }
      return { ok: true, message: { type: 'useToken', token: value.token, target: value.target as TokenTarget } };
    case 'openRuleDocs':
      if (!isBoundedString(value.rule, 64) || !RULE_ID_PATTERN.test(value.rule)) {
        return fail('openRuleDocs: rule is not a kebab-case rule id');
      }
      return { ok: true, message: { type: 'openRuleDocs', rule: value.rule } };
    default:
      return fail('unknown message type');
  }
}

function parseResign(value: Record<string, unknown>): ParseResult {
  if (!isBoundedString(value.header, MAX_JSON_LENGTH)) return fail('resign: header is not a string within the size limit');
  if (!isBoundedString(value.payload, MAX_JSON_LENGTH)) return fail('resign: payload is not a string within the size limit');
  if (!isBoundedString(value.alg, MAX_ALG_LENGTH) || !ALG_PATTERN.test(value.alg)) {
    return fail('resign: alg is not an algorithm name');
  }

  const key = parseKeyChoice(value.key);
  if (typeof key === 'string') return fail(`resign: ${key}`);
  return { ok: true, message: { type: 'resign', header: value.header, payload: value.payload, alg: value.alg, key } };
}

/** Returns the key choice, or a string naming what is wrong with it. */
function parseKeyChoice(value: unknown): KeyChoice | string {
  if (!isRecord(value)) return 'key is not an object';

  switch (value.source) {
    case 'secret':
      if (!isBoundedString(value.secret, MAX_SECRET_LENGTH) || value.secret.length === 0) {
        return 'key.secret is not a string of 1 to 65536 characters';
      }
      if (typeof value.remember !== 'boolean') return 'key.remember is not a boolean';
      return { source: 'secret', secret: value.secret, remember: value.remember };
    case 'key-file':
      if (!isBoundedString(value.label, 4096)) return 'key.label is not a string';
      return { source: 'key-file', label: value.label };
    case 'stored-secret':
      return { source: 'stored-secret' };
    default:
      return 'key.source is not secret, key-file or stored-secret';
  }
}

/** Checks a webview state restored after a reload; returns null when it is not a valid state. */
export function parsePanelState(value: unknown): PanelState | null {
  if (!isRecord(value) || !isBoundedString(value.token, MAX_TOKEN_LENGTH)) return null;

  const state: PanelState = { token: value.token };
  if (value.editedHeader !== undefined) {
    if (!isBoundedString(value.editedHeader, MAX_JSON_LENGTH)) return null;
    state.editedHeader = value.editedHeader;
  }
  if (value.editedPayload !== undefined) {
    if (!isBoundedString(value.editedPayload, MAX_JSON_LENGTH)) return null;
    state.editedPayload = value.editedPayload;
  }
  return state;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}
