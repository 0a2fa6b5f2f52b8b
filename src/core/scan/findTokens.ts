import type { TokenMatch } from '../model';
import { SEXTET as SHARED_SEXTET, startsLikeJsonObject } from './jsonObjectStart';

/**
 * Character classes of the scanner. A "run" is a maximal stretch of classes 1 to 4. Every token
 * lies inside one run, and each run that contains an anchor is judged once.
 */
const OTHER = 0;
/** `A-Z a-z 0-9 - _`: the base64url alphabet. */
const URL_SAFE = 1;
/** `+` and `/`: standard base64 only. */
const STANDARD = 2;
const PAD = 3;
const DOT = 4;

/** Indexed by UTF-16 code unit, so the hot loops need no range check. */
const CHAR_CLASS: Uint8Array = buildClassTable();

/** A module-local binding: an imported binding may compile to a getter call in the hot loop. */
const SEXTET: Int8Array = SHARED_SEXTET;

function buildClassTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const urlSafe = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  for (let i = 0; i < urlSafe.length; i++) {
    table[urlSafe.charCodeAt(i)] = URL_SAFE;
  }
  table['+'.charCodeAt(0)] = STANDARD;
  table['/'.charCodeAt(0)] = STANDARD;
  table['='.charCodeAt(0)] = PAD;
  table['.'.charCodeAt(0)] = DOT;
  return table;
}

function classOf(code: number): number {
  return CHAR_CLASS[code];
}

/** Padding beyond two `=` is never valid base64, so a segment carrying more is not a token. */
const MAX_PADDING = 2;

/**
 * Finds every compact JWS (3 segments) and compact JWE (5 segments) in `text`, in order.
 *
 * Rules, in the order the scanner applies them:
 * - A token starts at a boundary. That is the start of its run (a maximal stretch of base64
 *   characters, `=` and `.`), a place just after `=`, `+` or `/` inside the run (`token=eyJ…`,
 *   `Bearer+eyJ…`, `https://host/path/eyJ…`), or the end of a `%XX` or `\n`-style escape before
 *   the run. A token never starts right after a base64url character or `.`, so `eyJ` in the
 *   middle of a longer base64url word is not a token.
 * - Its first segment must decode to the start of a JSON object with members (see
 *   `startsLikeJsonObject`). An empty header (`.eyJ….`) is accepted when the payload passes that
 *   test, so the decoder can report "empty JOSE header".
 * - The token runs to the end of its run, so a run with 4 or more dot-separated parts
 *   (`a.b.c.d`, `com.example.Foo`) is not a token. Trailing dots are punctuation when the rest is
 *   a complete token (`a.b.c.` ends a sentence). Otherwise one trailing dot is kept as the empty
 *   signature of an unsecured JWS (`a.b.`).
 * - `=` may only pad the end of a segment, at most twice. `+` and `/` stay inside the token, so a
 *   standard-base64 token is found whole. When only the last segment has a `/`, the token is cut
 *   there because the rest is a URL path after a base64url token, unless a `+` follows the `/`.
 *
 * Runs in time linear in `text.length`. Runs are located from the anchors `ey` and `ew`, which
 * start every base64 JSON object whose `{` is the first byte (`{"`, `{ `, `{\n`, `{\r`). They are
 * found with `indexOf('y')` and `indexOf('w')`, which the engine runs as a native byte search, so
 * text without anchors costs no JavaScript work. Each run is then walked a constant number of times.
 * Anchors inside words (`key`, `new`) and inside longer base64 strings are skipped.
 *
 * NOTE: a run is judged only when a segment in it starts with `ey` or `ew`. A header with 1 or 2
 * (mod 3) whitespace bytes before its `{` starts with neither, so such a token is found only when
 * its payload does (any payload that is a JSON object starting with `{`).
 */
export function findTokens(text: string): TokenMatch[] {
  const matches: TokenMatch[] = [];
  // Everything before `judgedUpTo` belongs to runs that were already judged.
  let judgedUpTo = 0;
  let nextY = text.indexOf('y', 1);
  let nextW = text.indexOf('w', 1);

  while (nextY >= 0 || nextW >= 0) {
    let anchor: number;
    if (nextW < 0 || (nextY >= 0 && nextY < nextW)) {
      anchor = nextY;
      nextY = text.indexOf('y', Math.max(anchor + 1, judgedUpTo));
    } else {
      anchor = nextW;
      nextW = text.indexOf('w', Math.max(anchor + 1, judgedUpTo));
    }

    const start = anchor - 1;
    if (start < judgedUpTo || text.charCodeAt(start) !== 0x65 || !isSegmentStart(text, start)) {
      continue;
    }
    judgedUpTo = judgeRun(text, start, matches);
    if (nextY >= 0 && nextY < judgedUpTo) {
      nextY = text.indexOf('y', judgedUpTo);
    }
    if (nextW >= 0 && nextW < judgedUpTo) {
      nextW = text.indexOf('w', judgedUpTo);
    }
  }
  return matches;
}

/**
 * Tells whether `position` can start a header or payload segment: it follows a character outside
 * the base64url alphabet (a separator, `.`, `=`, `+`, `/`), or a `%XX` or `\n`-style escape.
 * This skips anchors inside words such as `key` and inside longer base64 strings.
 */
function isSegmentStart(text: string, position: number): boolean {
  if (position === 0 || CHAR_CLASS[text.charCodeAt(position - 1)] !== URL_SAFE) {
    return true;
  }
  const isPercentEscape = position >= 3 && text.charCodeAt(position - 3) === 0x25;
  const isBackslashEscape = position >= 2 && text.charCodeAt(position - 2) === 0x5c;
  return isPercentEscape || isBackslashEscape;
}

/**
 * Judges the run that contains `position` and appends its token, if any, to `matches`. Returns
 * the offset where the run ends.
 */
function judgeRun(text: string, position: number, matches: TokenMatch[]): number {
  const length = text.length;
  let dotCount = 0;
  let hasSeparator = false;

  let runEnd = position;
  while (runEnd < length) {
    const kind = CHAR_CLASS[text.charCodeAt(runEnd)];
    if (kind === OTHER) {
      break;
    }
    if (kind === DOT) {
      dotCount++;
    } else if (kind !== URL_SAFE) {
      hasSeparator = true;
    }
    runEnd++;
  }

  let runStart = position;
  while (runStart > 0) {
    const kind = CHAR_CLASS[text.charCodeAt(runStart - 1)];
    if (kind === OTHER) {
      break;
    }
    if (kind === DOT) {
      dotCount++;
    } else if (kind !== URL_SAFE) {
      hasSeparator = true;
    }
    runStart--;
  }

  // Every token has at least two dots.
  if (dotCount < 2 || !hasHeaderCandidate(text, runStart, runEnd, hasSeparator)) {
    return runEnd;
  }

  const match = matchRun(text, runStart, runEnd, hasSeparator);
  if (match) {
    matches.push(match);
  }
  return runEnd;
}

/**
 * Tells cheaply whether any place a header could start in the run (its start, the character
 * after a leading dot, or after `=`, `+`, `/`) decodes to a first byte of `{`, JSON whitespace or
 * a BOM. Most runs with dots (hostnames, IPs, dotted names) fail here before any allocation.
 */
function hasHeaderCandidate(text: string, runStart: number, runEnd: number, hasSeparator: boolean): boolean {
  if (couldStartJson(text, runStart, runEnd) || couldStartJson(text, runStart + 1, runEnd)) {
    return true;
  }
  // Escapes before the run (`%20`, `\n`) shift the header start by at most two characters.
  if (runStart > 0 && classOf(text.charCodeAt(runStart - 1)) === OTHER && couldStartJson(text, runStart + 2, runEnd)) {
    return true;
  }
  if (!hasSeparator) {
    return false;
  }
  for (let i = runStart; i < runEnd; i++) {
    const kind = classOf(text.charCodeAt(i));
    if ((kind === STANDARD || kind === PAD) && couldStartJson(text, i + 1, runEnd)) {
      return true;
    }
  }
  return false;
}

/** Tells whether the two base64 characters at `position` encode a byte that can open a JSON text. */
function couldStartJson(text: string, position: number, end: number): boolean {
  if (position + 1 >= end) {
    return false;
  }
  // Both characters lie inside the run, so they are ASCII.
  const high = SEXTET[text.charCodeAt(position)];
  const low = SEXTET[text.charCodeAt(position + 1)];
  if (high < 0 || low < 0) {
    return false;
  }
  const byte = (high << 2) | (low >> 4);
  return byte === 0x7b || byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0xef;
}

/** The dot positions of one run, and where the candidate token ends. */
interface RunLayout {
  text: string;
  /**
   * True when the run contains `+`, `/` or `=`. Without them, every segment is valid base64url
   * and the per-segment checks for padding and the standard alphabet are skipped.
   */
  hasSeparator: boolean;
  runStart: number;
  /** Positions of the dots that separate segments, ascending. */
  dots: number[];
  /** Number of entries of `dots` that lie inside the candidate token. */
  dotCount: number;
  tokenEnd: number;
}

function matchRun(text: string, runStart: number, runEnd: number, hasSeparator: boolean): TokenMatch | null {
  const dots: number[] = [];
  for (let i = runStart; i < runEnd; i++) {
    if (text.charCodeAt(i) === 0x2e) {
      dots.push(i);
    }
  }

  let contentEnd = runEnd;
  while (contentEnd > runStart && text.charCodeAt(contentEnd - 1) === 0x2e) {
    contentEnd--;
  }
  const trailingDots = runEnd - contentEnd;

  const withoutTrailing = matchShapes({ text, hasSeparator, runStart, dots, dotCount: dots.length - trailingDots, tokenEnd: contentEnd });
  if (withoutTrailing || trailingDots === 0) {
    return withoutTrailing;
  }
  return matchShapes({ text, hasSeparator, runStart, dots, dotCount: dots.length - trailingDots + 1, tokenEnd: contentEnd + 1 });
}

function matchShapes(layout: RunLayout): TokenMatch | null {
  const segmentCount = layout.dotCount + 1;
  if (segmentCount >= 5) {
    const jwe = matchShape(layout, 5);
    if (jwe) {
      return jwe;
    }
  }
  if (segmentCount >= 3) {
    return matchShape(layout, 3);
  }
  return null;
}

function segmentStart(layout: RunLayout, index: number): number {
  return index === 0 ? layout.runStart : layout.dots[index - 1] + 1;
}

function segmentEnd(layout: RunLayout, index: number): number {
  return index === layout.dotCount ? layout.tokenEnd : layout.dots[index];
}

function segmentLength(layout: RunLayout, index: number): number {
  return segmentEnd(layout, index) - segmentStart(layout, index);
}

/** Tries to read the last `shapeSegments` segments of the run as one token. */
function matchShape(layout: RunLayout, shapeSegments: 3 | 5): TokenMatch | null {
  const { text } = layout;
  const first = layout.dotCount + 1 - shapeSegments;
  const last = layout.dotCount;

  let middleHasStandard = false;
  if (layout.hasSeparator) {
    for (let index = first + 1; index < last; index++) {
      const shape = inspectSegment(text, segmentStart(layout, index), segmentEnd(layout, index));
      if (!shape.valid) {
        return null;
      }
      middleHasStandard ||= shape.hasStandard;
    }
  }

  const headerStart = findHeaderStart(layout, first, shapeSegments);
  if (headerStart < 0) {
    return null;
  }
  const lastStart = segmentStart(layout, last);
  let lastEnd = segmentEnd(layout, last);
  if (layout.hasSeparator) {
    const headerHasStandard = containsStandard(text, headerStart, segmentEnd(layout, first));
    if (!middleHasStandard && !headerHasStandard) {
      lastEnd = cutAtUrlPath(text, lastStart, lastEnd);
    }
    if (!inspectSegment(text, lastStart, lastEnd).valid) {
      return null;
    }
  }

  if (!hasRequiredSegments(layout, first, lastEnd - lastStart, shapeSegments)) {
    return null;
  }

  return {
    text: text.slice(headerStart, lastEnd),
    start: headerStart,
    end: lastEnd,
    kind: shapeSegments === 5 ? 'jwe' : 'jws',
    segments: shapeSegments,
  };
}

/**
 * Returns where a base64url token's last segment ends when a URL path follows it: at its first `/`,
 * unless a `+` comes after that `/`. A URL path rarely contains `+`, but a standard-base64
 * signature often does, so such a segment is kept whole. Looks only between `start` and `end`,
 * so the scan stays linear.
 */
function cutAtUrlPath(text: string, start: number, end: number): number {
  let slash = -1;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2f && slash < 0) {
      slash = i;
    } else if (code === 0x2b && slash >= 0) {
      return end;
    }
  }
  return slash < 0 ? end : slash;
}

/**
 * Minimum length of a JWS payload that does not look like a JSON object with members. A shorter
 * payload must decode to a whole JSON value such as `{}` (`e30`), because short non-JSON payloads
 * are far more often file extensions after a base64 blob (`….js.map`) than real tokens.
 */
const MIN_OPAQUE_PAYLOAD_LENGTH = 16;

/**
 * Checks which segments may be empty and whether a JWS payload is plausible. A JWS needs a
 * payload or a signature (an empty payload is a detached-content JWS, an empty signature an
 * unsecured JWS). A JWE may omit only its encrypted key (`alg: dir`).
 */
function hasRequiredSegments(layout: RunLayout, first: number, lastLength: number, shapeSegments: 3 | 5): boolean {
  if (shapeSegments === 5) {
    return segmentLength(layout, first + 2) > 0 && segmentLength(layout, first + 3) > 0 && lastLength > 0;
  }

  const payloadLength = segmentLength(layout, first + 1);
  if (payloadLength === 0) {
    return lastLength > 0;
  }
  const payloadStart = segmentStart(layout, first + 1);
  const payloadEnd = payloadStart + payloadLength;
  return (
    payloadLength >= MIN_OPAQUE_PAYLOAD_LENGTH ||
    startsLikeJsonObject(layout.text, payloadStart, payloadEnd) ||
    isShortJson(layout.text, payloadStart, payloadEnd)
  );
}

/** Tells whether a short base64 segment decodes to an ASCII JSON text such as `{}` or `[1]`. */
function isShortJson(text: string, start: number, end: number): boolean {
  let decoded = '';
  let bits = 0;
  let bitCount = 0;

  for (let i = start; i < end; i++) {
    const sextet = SEXTET[text.charCodeAt(i)];
    if (sextet < 0) {
      // Only trailing padding is left, because the segment passed `inspectSegment`.
      break;
    }
    bits = ((bits << 6) | sextet) & 0xfff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      const byte = (bits >> bitCount) & 0xff;
      if (byte >= 0x80) {
        return false;
      }
      decoded += String.fromCharCode(byte);
    }
  }

  try {
    JSON.parse(decoded);
    return true;
  } catch {
    return false;
  }
}

interface SegmentShape {
  /** True when `=` appears only as trailing padding of at most two characters. */
  valid: boolean;
  hasStandard: boolean;
}

function inspectSegment(text: string, start: number, end: number): SegmentShape {
  let hasStandard = false;
  let padding = 0;

  for (let i = start; i < end; i++) {
    const kind = classOf(text.charCodeAt(i));
    if (kind === PAD) {
      padding++;
    } else if (padding > 0) {
      return { valid: false, hasStandard };
    } else if (kind === STANDARD) {
      hasStandard = true;
    }
  }
  return { valid: padding <= MAX_PADDING, hasStandard };
}

function containsStandard(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (classOf(text.charCodeAt(i)) === STANDARD) {
      return true;
    }
  }
  return false;
}

/**
 * Returns where the token's header starts inside segment `first`, or -1. Candidates are tried
 * left to right, so the longest header that looks like JSON wins.
 */
function findHeaderStart(layout: RunLayout, first: number, shapeSegments: 3 | 5): number {
  const { text } = layout;
  const start = segmentStart(layout, first);
  const end = segmentEnd(layout, first);

  if (first === 0 && start === end) {
    // An empty header: only a JWS whose payload looks like JSON is worth reporting.
    const payloadEnd = segmentEnd(layout, 1);
    return shapeSegments === 3 && startsLikeJsonObject(text, start + 1, payloadEnd) ? start : -1;
  }

  // The header may carry padding, but `=` before that makes the text before it a prefix such
  // as `token=`, so candidates must start after the last inner `=`.
  let paddingStart = end;
  while (paddingStart > start && text.charCodeAt(paddingStart - 1) === 0x3d) {
    paddingStart--;
  }
  if (end - paddingStart > MAX_PADDING) {
    return -1;
  }

  let lastInnerPad = start - 1;
  if (layout.hasSeparator) {
    for (let i = start; i < paddingStart; i++) {
      if (text.charCodeAt(i) === 0x3d) {
        lastInnerPad = i;
      }
    }
  }
  if (first === 0) {
    if (isHeaderCandidate(text, start, lastInnerPad, paddingStart)) {
      return start;
    }
    const escaped = startAfterEscape(text, start, paddingStart);
    if (escaped > start && isHeaderCandidate(text, escaped, lastInnerPad, paddingStart)) {
      return escaped;
    }
  }

  if (!layout.hasSeparator) {
    return -1;
  }
  for (let i = Math.max(start, lastInnerPad); i < paddingStart; i++) {
    const kind = classOf(text.charCodeAt(i));
    if ((kind === STANDARD || kind === PAD) && isHeaderCandidate(text, i + 1, lastInnerPad, paddingStart)) {
      return i + 1;
    }
  }
  return -1;
}

function isHeaderCandidate(text: string, position: number, lastInnerPad: number, paddingStart: number): boolean {
  return position > lastInnerPad && position < paddingStart && startsLikeJsonObject(text, position, paddingStart);
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * Skips a `%XX` percent-escape or a `\n`-style string escape that ends right before the run, as in
 * `Bearer%20eyJ…` or `"…\neyJ…"`. Returns `start` when there is none.
 */
function startAfterEscape(text: string, start: number, end: number): number {
  if (start === 0) {
    return start;
  }
  const before = text.charCodeAt(start - 1);

  if (before === 0x25 && start + 2 < end && isHexDigit(text.charCodeAt(start)) && isHexDigit(text.charCodeAt(start + 1))) {
    return start + 2;
  }
  if (before === 0x5c && start + 1 < end && 'nrtbf'.includes(text.charAt(start))) {
    return start + 1;
  }
  return start;
}
