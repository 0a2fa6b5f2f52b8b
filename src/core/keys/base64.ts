/** Base64 helpers for key containers and signatures, with no dependency on Node's Buffer. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Character code to 6-bit value for both alphabets; -1 marks anything else. */
const DECODE_TABLE = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[URL_ALPHABET.charCodeAt(i)] = i;
  }
  return table;
})();

/**
 * Decodes base64 or base64url leniently: either alphabet, `=` padding at the end, ASCII whitespace
 * (PEM line breaks) and set trailing bits are all accepted, because a verifier must check the bytes a
 * lenient issuer meant and leave encoding complaints to the decoder. Returns null for any other
 * character, padding inside the text, or a length no encoder produces (4n + 1 characters).
 */
export function decodeBase64Lenient(text: string): Uint8Array | null {
  const values: number[] = [];
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code === 0x3d) {
      padding++;
      continue;
    }
    const value = code < 128 ? DECODE_TABLE[code] : -1;
    if (value < 0 || padding > 0) return null;
    values.push(value);
  }
  if (values.length % 4 === 1 || padding > 2) return null;

  const out = new Uint8Array(Math.floor((values.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const value of values) {
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as padded standard base64 (RFC 4648 §4), the PEM body alphabet. */
export function encodeBase64(bytes: Uint8Array): string {
  return encode(bytes, ALPHABET, true);
}

/** Encodes bytes as unpadded base64url (RFC 4648 §5), the JOSE alphabet. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_ALPHABET, false);
}

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (pad ? '=' : '');
  }
  return out;
}
