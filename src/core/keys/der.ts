/**
 * A minimal DER reader and writer (ITU-T X.690), enough to take apart and rebuild the key containers
 * JWT Lens reads: SubjectPublicKeyInfo, PKCS#1, PKCS#8, SEC1 and X.509 certificates. Browser-safe.
 */

export const DER_TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  context0: 0xa0,
  context1: 0xa1,
} as const;

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  secp256k1: '1.3.132.0.10',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  x25519: '1.3.101.110',
  x448: '1.3.101.111',
} as const;

/** Raised when bytes are not the DER structure the caller expected. */
export class DerError extends Error {
  override readonly name = 'DerError';
}

/** One tag-length-value element. */
export interface DerElement {
  tag: number;
  /** The value bytes, without tag and length. */
  content: Uint8Array;
  /** The whole element: tag, length and value. */
  encoded: Uint8Array;
}

/** Reads the element that starts at `offset`. Rejects indefinite and over-long lengths. */
export function readElement(bytes: Uint8Array, offset = 0): DerElement {
  if (offset + 2 > bytes.length) throw new DerError('DER element is truncated');
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('DER high-tag-number form is not supported');

  let length = bytes[offset + 1];
  let headerLength = 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    if (lengthBytes === 0) throw new DerError('DER indefinite length is not allowed');
    if (lengthBytes > 4) throw new DerError('DER length field is too long');
    if (offset + 2 + lengthBytes > bytes.length) throw new DerError('DER length field is truncated');
    length = 0;
    for (let i = 0; i < lengthBytes; i++) length = length * 256 + bytes[offset + 2 + i];
    headerLength += lengthBytes;
  }

  const end = offset + headerLength + length;
  if (end > bytes.length) throw new DerError('DER element is longer than its container');
  return {
    tag,
    content: bytes.subarray(offset + headerLength, end),
    encoded: bytes.subarray(offset, end),
  };
}

/** Reads a whole buffer that must hold exactly one element of the given tag. */
export function readSingle(bytes: Uint8Array, tag: number): DerElement {
  const element = readElement(bytes);
  if (element.encoded.length !== bytes.length) throw new DerError('unexpected bytes after the DER element');
  expectTag(element, tag);
  return element;
}

/** Splits a constructed element's content into its child elements. */
export function readChildren(element: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < element.content.length) {
    const child = readElement(element.content, offset);
    children.push(child);
    offset += child.encoded.length;
  }
  return children;
}

export function expectTag(element: DerElement | undefined, tag: number): DerElement {
  if (!element) throw new DerError(`missing DER element (expected tag 0x${tag.toString(16)})`);
  if (element.tag !== tag) {
    throw new DerError(`unexpected DER tag 0x${element.tag.toString(16)} (expected 0x${tag.toString(16)})`);
  }
  return element;
}

export function decodeOid(element: DerElement): string {
  expectTag(element, DER_TAG.oid);
  const bytes = element.content;
  if (bytes.length === 0) throw new DerError('empty OBJECT IDENTIFIER');

  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** Returns a BIT STRING's bits as bytes; key containers always use whole bytes (0 unused bits). */
export function bitStringBytes(element: DerElement): Uint8Array {
  expectTag(element, DER_TAG.bitString);
  if (element.content[0] !== 0) throw new DerError('BIT STRING with unused bits is not a key');
  return element.content.subarray(1);
}

/** Returns an unsigned INTEGER's magnitude without the sign-padding zero byte. */
export function unsignedInteger(element: DerElement): Uint8Array {
  expectTag(element, DER_TAG.integer);
  let start = 0;
  while (start < element.content.length - 1 && element.content[start] === 0) start++;
  return element.content.subarray(start);
}

export function encodeElement(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const length = contents.reduce((sum, part) => sum + part.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) {
    lengthBytes.push(length);
  } else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }

  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let offset = 1 + lengthBytes.length;
  for (const part of contents) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function encodeOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map(Number);
  const values = [arcs[0] * 40 + arcs[1], ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    const group: number[] = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) group.unshift(0x80 | (rest & 0x7f));
    bytes.push(...group);
  }
  return encodeElement(DER_TAG.oid, Uint8Array.from(bytes));
}

/** Encodes an unsigned big-endian magnitude as a DER INTEGER (adds a zero byte when the high bit is set). */
export function encodeUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const padded = trimmed[0] & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed;
  return encodeElement(DER_TAG.integer, padded);
}

export function encodeBitString(bytes: Uint8Array): Uint8Array {
  return encodeElement(DER_TAG.bitString, Uint8Array.of(0), bytes);
}

export const DER_NULL = Uint8Array.of(DER_TAG.null, 0);
