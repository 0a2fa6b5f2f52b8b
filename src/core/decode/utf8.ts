/** Strict UTF-8 decoding with a lossless fallback for display. */

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type Utf8Result =
  | { ok: true; text: string }
  | {
      ok: false;
      /** Offset of the first byte that is not part of a valid UTF-8 sequence. */
      invalidOffset: number;
      invalidByte: number;
      /** The bytes as text, with each byte of an invalid sequence written as `\xHH`. */
      escapedText: string;
      /** The valid stretches as strings and the invalid bytes as numbers, in order. */
      pieces: Array<string | number>;
    };

/**
 * Decodes `bytes` as UTF-8 without replacing anything: a byte order mark is kept as U+FEFF so the
 * caller can report it, and invalid input yields an escaped form instead of U+FFFD characters.
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    return escapeInvalidUtf8(bytes);
  }
}

export function hexByte(byte: number): string {
  return `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Returns the length of the valid UTF-8 sequence at `offset`, or 0 when it is invalid. */
function sequenceLength(bytes: Uint8Array, offset: number): number {
  const first = bytes[offset];
  if (first < 0x80) {
    return 1;
  }

  let length: number;
  let minimum: number;
  if (first >= 0xc2 && first <= 0xdf) {
    length = 2;
    minimum = 0x80;
  } else if (first >= 0xe0 && first <= 0xef) {
    length = 3;
    minimum = 0x800;
  } else if (first >= 0xf0 && first <= 0xf4) {
    length = 4;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (offset + length > bytes.length) {
    return 0;
  }

  let codePoint = first & (0xff >> (length + 1));
  for (let i = 1; i < length; i++) {
    const next = bytes[offset + i];
    if ((next & 0xc0) !== 0x80) {
      return 0;
    }
    codePoint = (codePoint << 6) | (next & 0x3f);
  }

  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  return codePoint < minimum || codePoint > 0x10ffff || isSurrogate ? 0 : length;
}

function escapeInvalidUtf8(bytes: Uint8Array): Utf8Result {
  const pieces: Array<string | number> = [];
  let invalidOffset = -1;
  let runStart = 0;
  let offset = 0;

  while (offset < bytes.length) {
    const length = sequenceLength(bytes, offset);
    if (length > 0) {
      offset += length;
      continue;
    }
    if (invalidOffset < 0) {
      invalidOffset = offset;
    }
    pieces.push(strictDecoder.decode(bytes.subarray(runStart, offset)), bytes[offset]);
    offset++;
    runStart = offset;
  }
  pieces.push(strictDecoder.decode(bytes.subarray(runStart)));

  // The fatal decoder failed, so the scan above found at least one invalid byte.
  const firstInvalid = Math.max(invalidOffset, 0);
  const escapedText = pieces.map((piece) => (typeof piece === 'number' ? hexByte(piece) : piece)).join('');
  return { ok: false, invalidOffset: firstInvalid, invalidByte: bytes[firstInvalid] ?? 0, escapedText, pieces };
}
