/**
 * Tells whether a base64 segment's first bytes look like the start of a JSON object with members,
 * without decoding the whole segment. Both alphabets (base64url and standard base64) are accepted
 * here because the scanner also finds `+`/`/` tokens so the decoder can explain them.
 */

/** Sextet value of each ASCII code in either base64 alphabet, or -1. */
export const SEXTET: Int8Array = buildSextetTable();

function buildSextetTable(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

  for (let i = 0; i < alphabet.length; i++) {
    table[alphabet.charCodeAt(i)] = i;
  }
  table['-'.charCodeAt(0)] = 62;
  table['+'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  table['/'.charCodeAt(0)] = 63;
  return table;
}

/**
 * Upper bound on the characters examined, which keeps each test constant-time. 128 characters
 * decode to 96 bytes. That leaves room for a BOM and some indentation before the `{`, and enough
 * text after it to tell JSON from a word that happens to start with `eyJ`.
 */
const MAX_PREFIX_CHARS = 128;

const BOM = [0xef, 0xbb, 0xbf];

const enum State {
  /** Before `{`: a BOM (only at the very start) and JSON whitespace are skipped. */
  BeforeBrace,
  /** After `{`: whitespace is skipped and the next byte must open a member name. */
  AfterBrace,
  /** After the first `"`: the bytes must be UTF-8 text without control characters. */
  InText,
}

function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** Returns how many continuation bytes follow a UTF-8 lead byte, or -1 when `byte` cannot start a character. */
function continuationCount(byte: number): number {
  if (byte < 0x80) {
    return 0;
  }
  if (byte >= 0xc2 && byte <= 0xdf) {
    return 1;
  }
  if (byte >= 0xe0 && byte <= 0xef) {
    return 2;
  }
  if (byte >= 0xf0 && byte <= 0xf4) {
    return 3;
  }
  return -1;
}

/**
 * Returns true when `text[start, end)` decodes to the start of a JSON object that has at least one
 * member: optional BOM and whitespace, `{`, optional whitespace and `"`. The bytes after it, as far
 * as the first 128 characters reach, must be UTF-8 text without control characters. The accepted first
 * characters therefore follow from decoding (`eyJ`, `eyA`, `ewo`, `ew0`, `ICB7`, `77u/`, ...)
 * rather than from a fixed list. An empty object `{}` is rejected because short words such as
 * `e30` would otherwise match, and the UTF-8 check rejects words such as `eyJohn`.
 */
export function startsLikeJsonObject(text: string, start: number, end: number): boolean {
  const limit = Math.min(end, start + MAX_PREFIX_CHARS);
  let state = State.BeforeBrace;
  let bits = 0;
  let bitCount = 0;
  let byteIndex = 0;
  let bomLength = 0;
  let pendingContinuations = 0;

  for (let i = start; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) {
      // Trailing padding ends the data.
      break;
    }
    const sextet = code < 128 ? SEXTET[code] : -1;
    if (sextet < 0) {
      return false;
    }

    bits = ((bits << 6) | sextet) & 0xfff;
    bitCount += 6;
    if (bitCount < 8) {
      continue;
    }
    bitCount -= 8;
    const byte = (bits >> bitCount) & 0xff;
    const position = byteIndex++;

    if (state === State.InText) {
      if (pendingContinuations > 0) {
        if ((byte & 0xc0) !== 0x80) {
          return false;
        }
        pendingContinuations--;
        continue;
      }
      if (byte < 0x20 && !isJsonWhitespace(byte)) {
        return false;
      }
      pendingContinuations = continuationCount(byte);
      if (pendingContinuations < 0) {
        return false;
      }
    } else if (state === State.BeforeBrace) {
      if (position === bomLength && position < BOM.length && byte === BOM[position]) {
        bomLength++;
        continue;
      }
      if (bomLength > 0 && bomLength < BOM.length) {
        return false;
      }
      if (byte === 0x7b) {
        state = State.AfterBrace;
      } else if (!isJsonWhitespace(byte)) {
        return false;
      }
    } else if (byte === 0x22) {
      state = State.InText;
    } else if (!isJsonWhitespace(byte)) {
      return false;
    }
  }
  return state === State.InText;
}
