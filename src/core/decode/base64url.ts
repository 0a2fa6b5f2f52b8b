import type { DecodeProblem } from '../model';

/** A problem found in one segment; `decodeToken` adds the segment index. */
export type SegmentProblem = Omit<DecodeProblem, 'segment'>;

export interface DecodedSegment {
  /** The decoded bytes. Also filled for standard-base64 or padded input, so the UI can show it. */
  bytes: Uint8Array;
  problems: SegmentProblem[];
}

/** Sextet values of the base64url alphabet; -1 marks any other character. */
const URL_SAFE_SEXTETS = buildTable('-', '_');
/** Sextet values of `+` and `/`, which only standard base64 uses. */
const STANDARD_SEXTETS = buildTable('+', '/');

function buildTable(char62: string, char63: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  const alphabet = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789${char62}${char63}`;
  for (let i = 0; i < alphabet.length; i++) {
    table[alphabet.charCodeAt(i)] = i;
  }
  return table;
}

function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0x21 && code <= 0x7e ? `'${char}'` : hex;
}

/**
 * Decodes one segment of a compact JWS or JWE strictly as base64url without padding (RFC 7515
 * section 2, RFC 4648 section 5), and reports every deviation instead of throwing:
 *
 * - `=` padding: `non-canonical-base64url` (warning), because strict verifiers reject it.
 * - `+` or `/` (the standard base64 alphabet): `invalid-base64url` (error); still decoded.
 * - Set bits in the unused low bits of the last character: `non-canonical-base64url` (warning),
 *   because a second spelling of the same bytes lets a lenient verifier accept an altered token.
 * - Any other character, or a length of 1 mod 4: `invalid-base64url` (error); the decodable part
 *   is still returned.
 *
 * `name` is the segment's name used in messages, such as "payload".
 */
export function decodeBase64Url(segment: string, name = 'segment'): DecodedSegment {
  const problems: SegmentProblem[] = [];
  const label = capitalize(name);

  let contentEnd = segment.length;
  while (contentEnd > 0 && segment.charCodeAt(contentEnd - 1) === 0x3d) {
    contentEnd--;
  }
  const padding = segment.length - contentEnd;

  const sextets = new Uint8Array(contentEnd);
  let sextetCount = 0;
  let standardChar: string | null = null;
  let illegalChar: string | null = null;
  let illegalCount = 0;

  for (let i = 0; i < contentEnd; i++) {
    const code = segment.charCodeAt(i);
    let value = code < 128 ? URL_SAFE_SEXTETS[code] : -1;
    if (value < 0 && code < 128 && STANDARD_SEXTETS[code] >= 0) {
      value = STANDARD_SEXTETS[code]!;
      standardChar ??= segment.charAt(i);
    }
    if (value < 0) {
      const codePoint = segment.codePointAt(i)!;
      illegalChar ??= String.fromCodePoint(codePoint);
      illegalCount++;
      if (codePoint > 0xffff) {
        i++;
      }
      continue;
    }
    sextets[sextetCount++] = value;
  }

  if (illegalChar !== null) {
    const found =
      illegalCount === 1
        ? `${describeCharacter(illegalChar)}, which is not a base64url character`
        : `${illegalCount} characters that are not base64url, the first being ${describeCharacter(illegalChar)}`;
    problems.push({
      rule: 'invalid-base64url',
      message: `${label} contains ${found}; only A-Z, a-z, 0-9, '-' and '_' are allowed.`,
    });
  }
  if (standardChar !== null) {
    problems.push({
      rule: 'invalid-base64url',
      message: `${label} uses the standard base64 alphabet ('${standardChar}'), not base64url ('-' and '_' replace '+' and '/' per RFC 7515 §2); most verifiers reject it.`,
    });
  }
  if (padding > 0) {
    problems.push({
      rule: 'non-canonical-base64url',
      severity: 'warning',
      message: `${label} ends in '${'='.repeat(padding)}' padding; JWS base64url omits padding (RFC 7515 §2), so strict verifiers reject the token.`,
    });
  }

  const remainder = sextetCount % 4;
  if (remainder === 1) {
    problems.push({
      rule: 'invalid-base64url',
      message: `${label} has ${sextetCount} base64url characters; a length of 1 more than a multiple of 4 cannot encode whole bytes, so its last character is ignored.`,
    });
  } else if (padding > 0 && (padding > 2 || (sextetCount + padding) % 4 !== 0)) {
    problems.push({
      rule: 'invalid-base64url',
      message: `${label} has ${padding} '=' characters, which does not match its length of ${sextetCount} characters.`,
    });
  }

  const bytes = packSextets(sextets, sextetCount);

  if (remainder === 2 || remainder === 3) {
    const unusedBits = remainder === 2 ? 4 : 2;
    const lastSextet = sextets[sextetCount - 1];
    if ((lastSextet & ((1 << unusedBits) - 1)) !== 0) {
      problems.push({
        rule: 'non-canonical-base64url',
        severity: 'warning',
        message: `${label} ends in a character with its ${unusedBits} unused low bits set; it decodes to the same bytes as the canonical spelling, so lenient verifiers accept a second spelling of the token.`,
      });
    }
  }

  return { bytes, problems };
}

function packSextets(sextets: Uint8Array, count: number): Uint8Array {
  const usable = count - (count % 4 === 1 ? 1 : 0);
  const bytes = new Uint8Array(Math.floor((usable * 6) / 8));
  let bits = 0;
  let bitCount = 0;
  let byteIndex = 0;

  for (let i = 0; i < usable; i++) {
    bits = ((bits << 6) | sextets[i]) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes[byteIndex++] = (bits >> bitCount) & 0xff;
    }
  }
  return bytes;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
