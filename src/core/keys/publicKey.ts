/**
 * Public keys taken out of their containers (SPKI, PKCS#1, PKCS#8, SEC1, X.509, JWK) into one shape:
 * the public JWK to verify with and the canonical DER forms an algorithm-confusion check needs.
 */

import type { JWK } from 'jose';
import { decodeBase64Lenient, encodeBase64Url } from './base64';
import {
  DER_NULL,
  DER_TAG,
  DerError,
  OID,
  bitStringBytes,
  decodeOid,
  encodeBitString,
  encodeElement,
  encodeOid,
  encodeUnsignedInteger,
  expectTag,
  readChildren,
  readSingle,
  unsignedInteger,
} from './der';

export type AsymmetricFamily = 'RSA' | 'EC' | 'OKP';
export type Curve = 'P-256' | 'P-384' | 'P-521' | 'Ed25519';

export interface PublicKeyInfo {
  family: AsymmetricFamily;
  /** The curve of an EC or OKP key. */
  curve?: Curve;
  /** The public key as a JWK holding only its public members (no kid, alg or use). */
  jwk: JWK;
  /** Canonical SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** PKCS#1 RSAPublicKey DER, for RSA keys. */
  pkcs1?: Uint8Array;
}

/** Raised when key material is malformed or of a kind JWT Lens cannot verify with. */
export class KeyError extends Error {
  override readonly name = 'KeyError';
}

const CURVE_BY_OID: Record<string, Curve> = { [OID.p256]: 'P-256', [OID.p384]: 'P-384', [OID.p521]: 'P-521' };
const OID_BY_CURVE: Record<string, string> = { 'P-256': OID.p256, 'P-384': OID.p384, 'P-521': OID.p521 };
const COORDINATE_BYTES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66, Ed25519: 32 };
const UNSUPPORTED_OIDS: Record<string, string> = {
  [OID.secp256k1]: 'secp256k1 (ES256K)',
  [OID.ed448]: 'Ed448',
  [OID.x25519]: 'X25519 (a key-agreement key)',
  [OID.x448]: 'X448 (a key-agreement key)',
};

export function publicKeyFromSpki(der: Uint8Array): PublicKeyInfo {
  return withDerErrors('SubjectPublicKeyInfo', () => {
    const [algorithm, subjectPublicKey] = readChildren(readSingle(der, DER_TAG.sequence));
    const [oidElement, parameters] = readChildren(expectTag(algorithm, DER_TAG.sequence));
    const oid = decodeOid(oidElement);
    const keyBytes = bitStringBytes(expectTag(subjectPublicKey, DER_TAG.bitString));

    if (oid === OID.rsaEncryption || oid === OID.rsassaPss) return publicKeyFromPkcs1(keyBytes);
    if (oid === OID.ecPublicKey) return ecPublicKey(curveOf(parameters), keyBytes);
    if (oid === OID.ed25519) return ed25519PublicKey(keyBytes);
    throw unsupportedAlgorithm(oid);
  });
}

/** Reads a PKCS#1 RSAPublicKey (PEM label `RSA PUBLIC KEY`). */
export function publicKeyFromPkcs1(der: Uint8Array): PublicKeyInfo {
  return withDerErrors('PKCS#1 RSA public key', () => {
    const [modulus, exponent] = readChildren(readSingle(der, DER_TAG.sequence));
    return rsaPublicKey(unsignedInteger(expectTag(modulus, DER_TAG.integer)), unsignedInteger(expectTag(exponent, DER_TAG.integer)));
  });
}

/** Reads the subject public key of an X.509 certificate; the certificate itself is not validated. */
export function publicKeyFromCertificate(der: Uint8Array): PublicKeyInfo {
  const spki = withDerErrors('X.509 certificate', () => {
    const [tbsCertificate] = readChildren(readSingle(der, DER_TAG.sequence));
    const fields = readChildren(expectTag(tbsCertificate, DER_TAG.sequence));
    // RFC 5280 §4.1: [0] version (optional), serial, signature, issuer, validity, subject, subjectPublicKeyInfo.
    const offset = fields[0]?.tag === DER_TAG.context0 ? 1 : 0;
    return expectTag(fields[offset + 5], DER_TAG.sequence).encoded;
  });
  return publicKeyFromSpki(spki);
}

/** Reads the public part of a PKCS#8 `PRIVATE KEY`, a PKCS#1 `RSA PRIVATE KEY` or a SEC1 `EC PRIVATE KEY`. */
export async function publicKeyFromPrivateKey(label: string, der: Uint8Array): Promise<PublicKeyInfo> {
  if (label === 'RSA PRIVATE KEY') return withDerErrors('PKCS#1 RSA private key', () => rsaFromPkcs1PrivateKey(der));
  if (label === 'EC PRIVATE KEY') return ecFromSec1(der, undefined);
  if (label === 'PRIVATE KEY') return publicKeyFromPkcs8(der);
  throw new KeyError(`PEM label "${label}" is not a private key`);
}

async function publicKeyFromPkcs8(der: Uint8Array): Promise<PublicKeyInfo> {
  const { oid, parameters, privateKey, publicKey } = withDerErrors('PKCS#8 private key', () => {
    const fields = readChildren(readSingle(der, DER_TAG.sequence));
    const [oidElement, parameterElement] = readChildren(expectTag(fields[1], DER_TAG.sequence));
    // RFC 5958 §2: a OneAsymmetricKey may carry the public key as [1] after the optional [0] attributes.
    const publicKeyField = fields.slice(3).find((field) => field.tag === 0x81);
    return {
      oid: decodeOid(oidElement),
      parameters: parameterElement,
      privateKey: expectTag(fields[2], DER_TAG.octetString).content,
      publicKey: publicKeyField?.content.subarray(1),
    };
  });

  if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
    return withDerErrors('PKCS#8 RSA private key', () => rsaFromPkcs1PrivateKey(privateKey));
  }
  if (oid === OID.ecPublicKey) return ecFromSec1(privateKey, curveOf(parameters));
  if (oid === OID.ed25519) {
    if (publicKey) return ed25519PublicKey(publicKey);
    return ed25519PublicKey(await derivePublicCoordinate(der, { name: 'Ed25519' }, 'x'));
  }
  throw unsupportedAlgorithm(oid);
}

function rsaFromPkcs1PrivateKey(der: Uint8Array): PublicKeyInfo {
  const [, modulus, exponent] = readChildren(readSingle(der, DER_TAG.sequence));
  return rsaPublicKey(unsignedInteger(expectTag(modulus, DER_TAG.integer)), unsignedInteger(expectTag(exponent, DER_TAG.integer)));
}

async function ecFromSec1(der: Uint8Array, curveFromPkcs8: Curve | undefined): Promise<PublicKeyInfo> {
  const { curve, point } = withDerErrors('SEC1 EC private key', () => {
    const fields = readChildren(readSingle(der, DER_TAG.sequence));
    const curveField = fields.find((field) => field.tag === DER_TAG.context0);
    const publicField = fields.find((field) => field.tag === DER_TAG.context1);
    const namedCurve = curveField ? curveOf(readChildren(curveField)[0]) : curveFromPkcs8;
    if (!namedCurve) throw new KeyError('EC private key does not name its curve');
    return { curve: namedCurve, point: publicField ? bitStringBytes(readChildren(publicField)[0]) : undefined };
  });
  if (point) return ecPublicKey(curve, point);

  // Without the optional public key, let Web Crypto derive it from the private scalar.
  const pkcs8 = encodeElement(
    DER_TAG.sequence,
    encodeUnsignedInteger(Uint8Array.of(0)),
    encodeElement(DER_TAG.sequence, encodeOid(OID.ecPublicKey), encodeOid(OID_BY_CURVE[curve])),
    encodeElement(DER_TAG.octetString, der),
  );
  const x = await derivePublicCoordinate(pkcs8, { name: 'ECDSA', namedCurve: curve }, 'x');
  const y = await derivePublicCoordinate(pkcs8, { name: 'ECDSA', namedCurve: curve }, 'y');
  return ecPublicKey(curve, Uint8Array.of(4, ...x, ...y));
}

async function derivePublicCoordinate(pkcs8: Uint8Array, algorithm: AlgorithmIdentifier | EcKeyImportParams, member: 'x' | 'y'): Promise<Uint8Array> {
  try {
    const key = await crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, algorithm, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', key);
    const value = jwk[member] === undefined ? null : decodeBase64Lenient(jwk[member]);
    if (!value) throw new KeyError('the private key did not yield a public key');
    return value;
  } catch (error) {
    if (error instanceof KeyError) throw error;
    throw new KeyError(`the private key could not be read (${(error as Error).message})`);
  }
}

/** Builds the public key a JWK describes; private members (`d`, `p`, …) are ignored. */
export function publicKeyFromJwk(jwk: Record<string, unknown>): PublicKeyInfo {
  const member = (name: string): Uint8Array => {
    const value = jwk[name];
    const bytes = typeof value === 'string' ? decodeBase64Lenient(value) : null;
    if (!bytes || bytes.length === 0) throw new KeyError(`JWK member "${name}" is missing or not base64url`);
    return bytes;
  };

  switch (jwk.kty) {
    case 'RSA':
      return rsaPublicKey(member('n'), member('e'));
    case 'EC': {
      const curve = jwk.crv;
      if (typeof curve !== 'string' || !OID_BY_CURVE[curve]) throw new KeyError(`JWK curve ${JSON.stringify(curve)} is not supported (use P-256, P-384 or P-521)`);
      return ecPublicKey(curve as Curve, Uint8Array.of(4, ...member('x'), ...member('y')));
    }
    case 'OKP':
      if (jwk.crv !== 'Ed25519') throw new KeyError(`JWK OKP curve ${JSON.stringify(jwk.crv)} is not supported (use Ed25519)`);
      return ed25519PublicKey(member('x'));
    default:
      throw new KeyError(`JWK key type ${JSON.stringify(jwk.kty)} is not an asymmetric key (expected RSA, EC or OKP)`);
  }
}

function rsaPublicKey(modulus: Uint8Array, exponent: Uint8Array): PublicKeyInfo {
  if (modulus.length < 64) throw new KeyError(`RSA modulus is only ${modulus.length * 8} bits`);
  const pkcs1 = encodeElement(DER_TAG.sequence, encodeUnsignedInteger(modulus), encodeUnsignedInteger(exponent));
  const spki = encodeElement(
    DER_TAG.sequence,
    encodeElement(DER_TAG.sequence, encodeOid(OID.rsaEncryption), DER_NULL),
    encodeBitString(pkcs1),
  );
  return { family: 'RSA', jwk: { kty: 'RSA', n: encodeBase64Url(modulus), e: encodeBase64Url(exponent) }, spki, pkcs1 };
}

function ecPublicKey(curve: Curve, point: Uint8Array): PublicKeyInfo {
  const size = COORDINATE_BYTES[curve];
  if (point[0] !== 4) throw new KeyError(`${curve} public key is not an uncompressed point (compressed points are not supported)`);
  if (point.length !== 1 + 2 * size) throw new KeyError(`${curve} public key is ${point.length} bytes, expected ${1 + 2 * size}`);

  const spki = encodeElement(
    DER_TAG.sequence,
    encodeElement(DER_TAG.sequence, encodeOid(OID.ecPublicKey), encodeOid(OID_BY_CURVE[curve])),
    encodeBitString(point),
  );
  const jwk: JWK = {
    kty: 'EC',
    crv: curve,
    x: encodeBase64Url(point.subarray(1, 1 + size)),
    y: encodeBase64Url(point.subarray(1 + size)),
  };
  return { family: 'EC', curve, jwk, spki };
}

function ed25519PublicKey(x: Uint8Array): PublicKeyInfo {
  if (x.length !== 32) throw new KeyError(`Ed25519 public key is ${x.length} bytes, expected 32`);
  const spki = encodeElement(DER_TAG.sequence, encodeElement(DER_TAG.sequence, encodeOid(OID.ed25519)), encodeBitString(x));
  return { family: 'OKP', curve: 'Ed25519', jwk: { kty: 'OKP', crv: 'Ed25519', x: encodeBase64Url(x) }, spki };
}

function curveOf(parameters: ReturnType<typeof readChildren>[number] | undefined): Curve {
  if (!parameters || parameters.tag !== DER_TAG.oid) throw new KeyError('EC key does not name its curve (explicit curve parameters are not supported)');
  const oid = decodeOid(parameters);
  const curve = CURVE_BY_OID[oid];
  if (!curve) throw unsupportedAlgorithm(oid);
  return curve;
}

function unsupportedAlgorithm(oid: string): KeyError {
  const name = UNSUPPORTED_OIDS[oid];
  return new KeyError(name ? `${name} keys are not supported` : `key algorithm OID ${oid} is not supported`);
}

function withDerErrors<T>(container: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerError) throw new KeyError(`${container} is malformed: ${error.message}`);
    throw error;
  }
}
