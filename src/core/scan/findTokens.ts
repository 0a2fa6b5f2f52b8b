import type { TokenMatch } from '../model';
import { startsLikeJsonObject } from './jsonObjectStart';

/**
 * Character classes of the scanner. A "run" is a maximal stretch of classes 1 to 4; every token
 * lies inside one run, so the text is cut into runs first and each run is judged once.
 */
const OTHER = 0;
/** `A-Z a-z 0-9 - _`: the base64url alphabet. */
const URL_SAFE = 1;
/** `+` and `/`: standard base64 only. */
const STANDARD = 2;
const PAD = 3;
const DOT = 4;

const CHAR_CLASS: Uint8Array = buildClassTable();

function buildClassTable(): Uint8Array {
  const table = new Uint8Array(128);
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
  return code < 128 ? CHAR_CLASS[code]! : OTHER;
}

/** Padding beyond two `=` is never valid base64, so a segment carrying more is not a token. */
const MAX_PADDING = 2;

/**
 * Finds every compact JWS (3 segments) and compact JWE (5 segments) in `text`, in order.
 *
 * Rules, in the order the scanner applies them:
 * - A token starts at a boundary: the start of its run, or just after `=`, `+` or `/` inside the
 *   run (`token=eyJ…`, `Bearer+eyJ…`, `https://host/path/eyJ…`), or after a `%XX` or `\n`-style
 *   escape that precedes the run. A token never starts right after a base64url character or `.`,
 *   so `eyJ` in the middle of a longer base64url word is not a token.
 * - Its first segment must decode to the start of a JSON object with members (see
 *   `startsLikeJsonObject`). An empty header (`.eyJ….`) is accepted when the payload passes that
 *   test, so the decoder can report "empty JOSE header".
 * - The token runs to the end of its run: a run with 4 or more dot-separated parts before its end
 *   (`a.b.c.d`, `com.example.Foo`) is not a token. Trailing dots are read as punctuation when the
 *   rest is a complete token (`a.b.c.` ends a sentence), otherwise one trailing dot is kept as the
 *   empty signature of an unsecured JWS (`a.b.`).
 * - `=` may only pad the end of a segment, at most twice. `+` and `/` are kept inside the token so
 *   a standard-base64 token is found whole; when only the last segment has a `/`, the token is cut
 *   there, because that is a URL path continuing after a base64url token.
 *
 * Runs in time linear in `text.length`: runs are found with `indexOf('.')`, and each run is walked
 * a constant number of times.
 */
export function findTokens(text: string): TokenMatch[] {
  const matches: TokenMatch[] = [];
  const length = text.length;
  let searchFrom = 0;

  for (;;) {
    const dot = text.indexOf('.', searchFrom);
    if (dot < 0) {
      break;
    }

    let runEnd = dot + 1;
    let dotCount = 1;
    while (runEnd < length) {
      const kind = classOf(text.charCodeAt(runEnd));
      if (kind === OTHER) {
        break;
      }
      if (kind === DOT) {
        dotCount++;
      }
      runEnd++;
    }
    searchFrom = runEnd + 1;

    // Every token has at least two dots; most dots in prose and logs stand alone in their run.
    if (dotCount < 2) {
      continue;
    }

    let runStart = dot;
    while (runStart > 0 && classOf(text.charCodeAt(runStart - 1)) !== OTHER) {
      runStart--;
    }

    const match = matchRun(text, runStart, runEnd);
    if (match) {
      matches.push(match);
    }
  }
  return matches;
}

/** The dot positions of one run, and where the candidate token ends. */
interface RunLayout {
  text: string;
  runStart: number;
  /** Positions of the dots that separate segments, ascending. */
  dots: number[];
  /** Number of entries of `dots` that lie inside the candidate token. */
  dotCount: number;
  tokenEnd: number;
}

function matchRun(text: string, runStart: number, runEnd: number): TokenMatch | null {
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

  const withoutTrailing = matchShapes({ text, runStart, dots, dotCount: dots.length - trailingDots, tokenEnd: contentEnd });
  if (withoutTrailing || trailingDots === 0) {
    return withoutTrailing;
  }
  return matchShapes({ text, runStart, dots, dotCount: dots.length - trailingDots + 1, tokenEnd: contentEnd + 1 });
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
  return index === 0 ? layout.runStart : layout.dots[index - 1]! + 1;
}

function segmentEnd(layout: RunLayout, index: number): number {
  return index === layout.dotCount ? layout.tokenEnd : layout.dots[index]!;
}

/** Tries to read the last `shapeSegments` segments of the run as one token. */
function matchShape(layout: RunLayout, shapeSegments: 3 | 5): TokenMatch | null {
  const { text } = layout;
  const first = layout.dotCount + 1 - shapeSegments;
  const last = layout.dotCount;

  let middleHasStandard = false;
  for (let index = first + 1; index < last; index++) {
    const shape = inspectSegment(text, segmentStart(layout, index), segmentEnd(layout, index));
    if (!shape.valid) {
      return null;
    }
    middleHasStandard ||= shape.hasStandard;
  }

  const headerStart = findHeaderStart(layout, first, shapeSegments);
  if (headerStart < 0) {
    return null;
  }
  const headerHasStandard = containsStandard(text, headerStart, segmentEnd(layout, first));

  const lastStart = segmentStart(layout, last);
  let lastEnd = segmentEnd(layout, last);
  if (!middleHasStandard && !headerHasStandard) {
    const slash = text.indexOf('/', lastStart);
    if (slash >= 0 && slash < lastEnd) {
      lastEnd = slash;
    }
  }
  const lastShape = inspectSegment(text, lastStart, lastEnd);
  if (!lastShape.valid) {
    return null;
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
 * Minimum length of a JWS payload that does not look like a JSON object. Shorter non-JSON
 * payloads are far more often file extensions after a base64 blob (`….js.map`) than real tokens.
 */
const MIN_OPAQUE_PAYLOAD_LENGTH = 16;

/**
 * Checks which segments may be empty and whether a JWS payload is plausible. A JWS needs a
 * payload or a signature (an empty payload is a detached-content JWS, an empty signature an
 * unsecured JWS). A JWE may omit only its encrypted key (`alg: dir`).
 */
function hasRequiredSegments(layout: RunLayout, first: number, lastLength: number, shapeSegments: 3 | 5): boolean {
  const lengthOf = (index: number): number => segmentEnd(layout, index) - segmentStart(layout, index);

  if (shapeSegments === 5) {
    return lengthOf(first + 2) > 0 && lengthOf(first + 3) > 0 && lastLength > 0;
  }

  const payloadLength = lengthOf(first + 1);
  if (payloadLength === 0) {
    return lastLength > 0;
  }
  const payloadStart = segmentStart(layout, first + 1);
  return payloadLength >= MIN_OPAQUE_PAYLOAD_LENGTH || startsLikeJsonObject(layout.text, payloadStart, payloadStart + payloadLength);
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
  for (let i = start; i < paddingStart; i++) {
    if (text.charCodeAt(i) === 0x3d) {
      lastInnerPad = i;
    }
  }
  const isCandidate = (position: number): boolean =>
    position > lastInnerPad && position < paddingStart && startsLikeJsonObject(text, position, paddingStart);

  if (first === 0) {
    if (isCandidate(start)) {
      return start;
    }
    const escaped = startAfterEscape(text, start, paddingStart);
    if (escaped > start && isCandidate(escaped)) {
      return escaped;
    }
  }

  for (let i = Math.max(start, lastInnerPad); i < paddingStart; i++) {
    const kind = classOf(text.charCodeAt(i));
    if ((kind === STANDARD || kind === PAD) && isCandidate(i + 1)) {
      return i + 1;
    }
  }
  return -1;
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
