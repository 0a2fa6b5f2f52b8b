import type { DecodedToken, DecodeProblem, TokenKind } from '../model';
import { findTokens } from '../scan/findTokens';
import { decodeBase64Url } from './base64url';
import { findDuplicateMembers } from './duplicateMembers';
import { decodeUtf8, hexByte } from './utf8';

/** Depth of nested tokens decoded below the outer one; deeper ones get a problem instead. */
export const MAX_NESTING_DEPTH = 4;

const JWS_SEGMENT_NAMES = ['header', 'payload', 'signature'] as const;
const JWE_SEGMENT_NAMES = ['protected header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'] as const;

/**
 * Decodes a compact JWS or JWE for display and judging, without verifying anything. Never throws:
 * every defect becomes a `DecodeProblem` and whatever can still be decoded is filled in.
 * A JWE only has its protected header decoded; its payload and signature stay null.
 */
export function decodeToken(raw: string): DecodedToken {
  try {
    return decodeAtDepth(raw, 0);
  } catch (error) {
    // A defect in the decoder itself must not take the caller down with it.
    const token = emptyToken(raw, 'jws', raw.split('.'));
    token.problems.push({ rule: 'malformed-token', message: `Token could not be decoded: ${describeError(error)}.` });
    return token;
  }
}

function emptyToken(raw: string, kind: TokenKind, parts: string[]): DecodedToken {
  return {
    raw,
    kind,
    parts,
    header: null,
    headerText: null,
    payload: null,
    payloadParsed: false,
    payloadText: null,
    payloadBytes: null,
    signature: null,
    problems: [],
  };
}

function decodeAtDepth(raw: string, depth: number): DecodedToken {
  const parts = raw.split('.');
  const kind: TokenKind = parts.length === 5 ? 'jwe' : 'jws';
  const token = emptyToken(raw, kind, parts);

  if (parts.length !== 3 && parts.length !== 5) {
    token.problems.push({
      rule: 'malformed-token',
      message: `Token has ${parts.length} dot-separated segments; a compact JWS has 3 and a compact JWE has 5.`,
    });
    return token;
  }

  decodeHeader(token);
  if (kind === 'jwe') {
    decodeJweSegments(token);
  } else {
    decodeJwsBody(token, depth);
  }
  return token;
}

function decodeHeader(token: DecodedToken): void {
  const name = token.kind === 'jwe' ? JWE_SEGMENT_NAMES[0] : JWS_SEGMENT_NAMES[0];
  const segment = token.parts[0];

  if (segment === '') {
    token.headerText = '';
    token.problems.push({
      rule: 'malformed-token',
      segment: 0,
      message: 'Empty JOSE header: the first segment is empty, but every JWS and JWE needs a JSON object header with at least "alg" (RFC 7515 §4.1.1).',
    });
    return;
  }

  const { bytes, problems } = decodeBase64Url(segment, name);
  addSegmentProblems(token, problems, 0);

  const json = decodeJson(token, bytes, 0, name);
  token.headerText = json.text;
  if (json.displayText !== undefined) {
    token.headerDisplayText = json.displayText;
  }
  if (!json.parsed) {
    return;
  }

  if (isPlainObject(json.value)) {
    token.header = json.value;
  } else {
    token.problems.push({
      rule: 'malformed-token',
      segment: 0,
      message: `JOSE header is ${describeJsonType(json.value)}, not a JSON object (RFC 7515 §4).`,
    });
  }
}

/**
 * Problem messages for empty JWE segments, by segment index. The encrypted key (index 1) is empty
 * with `alg: dir` and `ECDH-ES`, so it has no entry.
 */
const EMPTY_JWE_SEGMENT_PROBLEMS: Readonly<Record<number, string>> = {
  2: 'JWE initialization vector is empty, but every registered enc needs one (RFC 7518 5.2.2.1 and 5.3).',
  3: 'JWE ciphertext is empty, so the token carries no encrypted content (RFC 7516 5.1).',
  4: 'JWE authentication tag is empty, but every registered enc produces one (RFC 7518 5.2.2.1 and 5.3).',
};

function decodeJweSegments(token: DecodedToken): void {
  checkJweEnc(token);
  for (let index = 1; index < 5; index++) {
    const emptyProblem = EMPTY_JWE_SEGMENT_PROBLEMS[index];
    if (token.parts[index] === '' && emptyProblem !== undefined) {
      token.problems.push({ rule: 'malformed-token', segment: index, message: emptyProblem });
      continue;
    }
    const { problems } = decodeBase64Url(token.parts[index], JWE_SEGMENT_NAMES[index]);
    addSegmentProblems(token, problems, index);
  }
}

/** Reports a decoded JWE protected header whose `enc` is missing or "none" (RFC 7516 4.1.2). */
function checkJweEnc(token: DecodedToken): void {
  if (token.header === null) {
    return;
  }
  const enc = token.header['enc'];
  if (enc === undefined) {
    token.problems.push({ rule: 'malformed-token', segment: 0, message: 'JWE protected header has no enc, which RFC 7516 4.1.2 requires; name the content encryption algorithm.' });
  } else if (typeof enc === 'string' && enc.toLowerCase() === 'none') {
    token.problems.push({ rule: 'malformed-token', segment: 0, message: `JWE enc ${JSON.stringify(enc)} is not a content encryption algorithm (RFC 7518 5.1), so the token cannot be decrypted.` });
  }
}

function decodeJwsBody(token: DecodedToken, depth: number): void {
  const signature = decodeBase64Url(token.parts[2], JWS_SEGMENT_NAMES[2]);
  token.signature = signature.bytes;

  decodePayload(token, depth);
  addSegmentProblems(token, signature.problems, 2);
}

function decodePayload(token: DecodedToken, depth: number): void {
  const segment = token.parts[1];
  const name = JWS_SEGMENT_NAMES[1];

  // RFC 7797: with "b64": false the payload is carried as is, not base64url-encoded.
  if (token.header?.['b64'] === false) {
    token.payloadBytes = new TextEncoder().encode(segment);
  } else {
    const { bytes, problems } = decodeBase64Url(segment, name);
    addSegmentProblems(token, problems, 1);
    token.payloadBytes = bytes;
  }

  const text = decodeUtf8(token.payloadBytes);
  if (text.ok && isNestedToken(token.header, text.text)) {
    token.payloadText = text.text;
    decodeNested(token, text.text, depth);
    return;
  }

  const json = decodeJson(token, token.payloadBytes, 1, name);
  token.payloadText = json.text;
  if (json.displayText !== undefined) {
    token.payloadDisplayText = json.displayText;
  }
  if (!json.parsed) {
    return;
  }

  token.payload = json.value;
  token.payloadParsed = true;
  if (!isPlainObject(json.value)) {
    token.problems.push({
      rule: 'claims-not-object',
      segment: 1,
      message: `Claims are ${describeJsonType(json.value)}, not a JSON object; a JWT payload must be a JSON object of claims (RFC 7519 §7.2).`,
    });
  }
}

/**
 * Tells whether the payload is itself a token: the header says so with `cty: "JWT"` (RFC 7519
 * §5.2, compared case-insensitively), or the whole payload is one compact token.
 */
function isNestedToken(header: Record<string, unknown> | null, payloadText: string): boolean {
  const contentType = header?.['cty'];
  const declaresJwt = typeof contentType === 'string' && /^(application\/)?jwt$/i.test(contentType);
  const matches = payloadText.length > 0 && payloadText.charCodeAt(0) !== 0x7b ? findTokens(payloadText) : [];
  const isWholeToken = matches.length === 1 && matches[0].start === 0 && matches[0].end === payloadText.length;

  return isWholeToken || (declaresJwt && payloadText.split('.').length >= 3 && !payloadText.trimStart().startsWith('{'));
}

function decodeNested(token: DecodedToken, payloadText: string, depth: number): void {
  if (depth >= MAX_NESTING_DEPTH) {
    token.problems.push({
      rule: 'malformed-token',
      segment: 1,
      severity: 'warning',
      message: `Payload is a token nested more than ${MAX_NESTING_DEPTH} levels deep; JWT Lens does not decode it further.`,
    });
    return;
  }
  token.nested = decodeAtDepth(payloadText, depth + 1);
}

interface JsonSegment {
  /** The exact UTF-8 text, or null when the bytes are not UTF-8. */
  text: string | null;
  /** The text with invalid bytes escaped as `\xHH`, set only when `text` is null. */
  displayText?: string;
  parsed: boolean;
  value: unknown;
}

/**
 * Decodes a header or payload as strict UTF-8 JSON, adding `invalid-utf8`, `invalid-json` and
 * `duplicate-member` problems. When the bytes are not UTF-8, the JSON is still parsed from a
 * copy in which each invalid byte becomes the four characters `\xHH`. Claims therefore stay
 * checkable, and a string holding a bad byte shows it escaped instead of as U+FFFD.
 */
function decodeJson(token: DecodedToken, bytes: Uint8Array, segment: number, name: string): JsonSegment {
  const label = capitalize(name);
  const utf8 = decodeUtf8(bytes);
  let source: string;
  const result: JsonSegment = { text: null, parsed: false, value: null };

  if (utf8.ok) {
    result.text = utf8.text;
    source = utf8.text;
  } else {
    result.displayText = utf8.escapedText;
    source = utf8.pieces.map((piece) => (typeof piece === 'number' ? `\\${hexByte(piece)}` : piece)).join('');
    token.problems.push({
      rule: 'invalid-utf8',
      segment,
      message: `${label} is not valid UTF-8 (byte 0x${utf8.invalidByte.toString(16).toUpperCase().padStart(2, '0')} at offset ${utf8.invalidOffset}); JWT JSON must be UTF-8 (RFC 7519 §7.2), so the byte is shown as ${hexByte(utf8.invalidByte)}.`,
    });
  }

  if (source.charCodeAt(0) === 0xfeff) {
    token.problems.push({
      rule: 'invalid-json',
      segment,
      message: `${label} starts with a UTF-8 byte order mark, which JSON sent between systems must not carry (RFC 8259 §8.1); many JWT libraries reject it.`,
    });
    source = source.slice(1);
  }

  try {
    result.value = JSON.parse(source);
    result.parsed = true;
  } catch (error) {
    token.problems.push({ rule: 'invalid-json', segment, message: `${label} is not valid JSON: ${describeError(error)}.` });
    return result;
  }

  for (const path of findDuplicateMembers(source)) {
    token.problems.push({
      rule: 'duplicate-member',
      segment,
      message: `${label} has the member "${path}" more than once; JSON.parse keeps the last value but other parsers may keep the first (RFC 7515 §4, RFC 7519 §4).`,
    });
  }
  return result;
}

function addSegmentProblems(token: DecodedToken, problems: Array<Omit<DecodeProblem, 'segment'>>, segment: number): void {
  for (const problem of problems) {
    token.problems.push({ ...problem, segment });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return `a ${typeof value}`;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '');
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
