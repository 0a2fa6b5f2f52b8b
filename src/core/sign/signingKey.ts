/**
 * Turns the key material a user hands over (an HMAC secret, a PEM file, a JWK or a JWKS) into a
 * signing key, and works out which JWS algorithms fit it. Uses only `jose` and Web Crypto.
 */

import { base64url, importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';

import type { KeyMaterial } from '../model';
import {
  ED25519_ALGORITHMS,
  EC_ALGORITHM_BY_CURVE,
  HMAC_ALGORITHMS,
  RSA_ALGORITHMS,
  type KeyType,
} from './algorithms';

export type SigningKeyErrorCode =
  | 'key-invalid'
  | 'key-not-private'
  | 'key-unsupported'
  | 'alg-mismatch';

/** Raised when key material cannot sign, or cannot sign with the requested algorithm. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';

  constructor(
    readonly code: SigningKeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A signing key whose type is known, ready to import for any algorithm that fits it. */
export interface SigningKey {
  /** The key's label from the `KeyMaterial`, for messages. */
  label: string;
  keyType: KeyType;
  /** The algorithms the key fits, the one to use by default first. */
  algorithms: readonly string[];
  /** The `kid` of the JWK the key came from, if it has one. */
  kid?: string;
  /** Imports the key for `algorithm`, which must be one of `algorithms`. */
  importFor(algorithm: string): Promise<CryptoKey | Uint8Array>;
}

/**
 * Resolves key material into a signing key. Rejects public keys, encrypted or non-PKCS#8 PEM
 * private keys, and JWKs of key types JWS signing does not use. `kid` picks a key out of a JWKS.
 */
export async function resolveSigningKey(material: KeyMaterial, options: { kid?: string } = {}): Promise<SigningKey> {
  switch (material.kind) {
    case 'secret':
      return secretSigningKey(material.label, toBytes(material.data));
    case 'pem':
      return pemSigningKey(material.label, toText(material.data));
    case 'jwk':
      return jwkSigningKey(material.label, parseJson(material.label, toText(material.data)) as JWK);
    case 'jwks':
      return jwksSigningKey(material.label, parseJson(material.label, toText(material.data)), options.kid);
  }
}

/** Checks that `algorithm` fits the key and imports the key for it. */
export async function importSigningKeyFor(key: SigningKey, algorithm: string): Promise<CryptoKey | Uint8Array> {
  if (!key.algorithms.includes(algorithm)) {
    throw new SigningKeyError(
      'alg-mismatch',
      `Algorithm ${algorithm} does not fit the ${describeKeyType(key.keyType)} in ${key.label}; use ${key.algorithms.join(', ')}.`,
    );
  }
  return key.importFor(algorithm);
}

/** Names a key type for messages ("RSA private key", "HMAC secret"). */
export function describeKeyType(keyType: KeyType): string {
  if (keyType === 'oct') return 'HMAC secret';
  if (keyType === 'OKP') return 'Ed25519 private key';
  return `${keyType} private key`;
}

function secretSigningKey(label: string, secret: Uint8Array): SigningKey {
  // Web Crypto rejects a zero-length HMAC key, and an empty secret is never a real key.
  if (secret.length === 0) {
    throw new SigningKeyError('key-invalid', `The HMAC secret in ${label} is empty.`);
  }
  return {
    label,
    keyType: 'oct',
    algorithms: HMAC_ALGORITHMS,
    importFor: () => Promise.resolve(secret),
  };
}

async function pemSigningKey(label: string, text: string): Promise<SigningKey> {
  // A file may bundle a certificate chain with its key, so the private key wins wherever it sits.
  const blocks = findPemBlocks(text);
  const block = blocks.find((candidate) => candidate.label.endsWith('PRIVATE KEY')) ?? blocks[0];
  if (block === undefined) {
    throw new SigningKeyError('key-invalid', `${label} contains no PEM block (-----BEGIN PRIVATE KEY-----).`);
  }

  switch (block.label) {
    case 'PRIVATE KEY':
      return pkcs8SigningKey(label, block.text);
    case 'ENCRYPTED PRIVATE KEY':
      throw new SigningKeyError(
        'key-unsupported',
        `The private key in ${label} is encrypted; decrypt it first (openssl pkcs8 -in FILE -out PLAIN.pem).`,
      );
    case 'RSA PRIVATE KEY':
    case 'EC PRIVATE KEY':
      throw new SigningKeyError(
        'key-unsupported',
        `${label} contains a "${block.label}" block (PKCS#1 or SEC1); convert it to PKCS#8 with openssl pkcs8 -topk8 -nocrypt -in FILE -out KEY.pem.`,
      );
    case 'PUBLIC KEY':
    case 'RSA PUBLIC KEY':
    case 'CERTIFICATE':
      throw new SigningKeyError(
        'key-not-private',
        `${label} contains a "${block.label}" block; signing needs the private key (-----BEGIN PRIVATE KEY-----).`,
      );
    default:
      throw new SigningKeyError('key-unsupported', `${label} contains a "${block.label}" PEM block, not a private key.`);
  }
}

/**
 * Works out a PKCS#8 key's type by importing it for one algorithm per family, because Web Crypto
 * refuses a key whose algorithm or curve does not match. RSA-PSS keys (OID id-RSASSA-PSS) import
 * only for PS*.
 */
async function pkcs8SigningKey(label: string, pem: string): Promise<SigningKey> {
  const probes: { probe: string; keyType: KeyType; algorithms: readonly string[] }[] = [
    { probe: 'RS256', keyType: 'RSA', algorithms: RSA_ALGORITHMS },
    { probe: 'PS256', keyType: 'RSA', algorithms: RSA_ALGORITHMS.filter((alg) => alg.startsWith('PS')) },
    ...Object.values(EC_ALGORITHM_BY_CURVE).map((alg) => ({ probe: alg, keyType: 'EC' as const, algorithms: [alg] })),
    { probe: 'EdDSA', keyType: 'OKP', algorithms: ED25519_ALGORITHMS },
  ];

  for (const { probe, keyType, algorithms } of probes) {
    try {
      await importPKCS8(pem, probe);
    } catch {
      continue;
    }
    return {
      label,
      keyType,
      algorithms,
      importFor: (algorithm) => importPKCS8(pem, algorithm, { extractable: true }),
    };
  }

  throw new SigningKeyError(
    'key-unsupported',
    `The private key in ${label} is not an RSA (2048 bits or more), P-256, P-384, P-521 or Ed25519 key.`,
  );
}

function jwkSigningKey(label: string, jwk: JWK, kidHint?: string): SigningKey {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk) || typeof jwk.kty !== 'string') {
    throw new SigningKeyError('key-invalid', `${label} is not a JWK: it has no "kty" member.`);
  }

  const algorithms = jwkAlgorithms(label, jwk);
  const kid = typeof jwk.kid === 'string' ? jwk.kid : kidHint;
  const keyType = jwk.kty as KeyType;

  if (keyType === 'oct') {
    const secret = decodeOctKey(label, jwk);
    return { label, keyType, algorithms, ...(kid === undefined ? {} : { kid }), importFor: () => Promise.resolve(secret) };
  }

  if (typeof jwk.d !== 'string') {
    throw new SigningKeyError('key-not-private', `The ${jwk.kty} JWK in ${label} is a public key; signing needs one with "d".`);
  }
  return {
    label,
    keyType,
    algorithms,
    ...(kid === undefined ? {} : { kid }),
    importFor: async (algorithm) => (await importJWK({ ...jwk, alg: algorithm }, algorithm, { extractable: true })),
  };
}

/** Returns the algorithms a JWK fits: its `alg` member when it has one (RFC 7517 §4.4), else its family's. */
function jwkAlgorithms(label: string, jwk: JWK): readonly string[] {
  let family: readonly string[];
  if (jwk.kty === 'oct') family = HMAC_ALGORITHMS;
  else if (jwk.kty === 'RSA') family = RSA_ALGORITHMS;
  else if (jwk.kty === 'EC' && typeof jwk.crv === 'string' && jwk.crv in EC_ALGORITHM_BY_CURVE) {
    family = [EC_ALGORITHM_BY_CURVE[jwk.crv]];
  } else if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') family = ED25519_ALGORITHMS;
  else {
    const curve = typeof jwk.crv === 'string' ? ` on curve ${jwk.crv}` : '';
    throw new SigningKeyError('key-unsupported', `${label} contains an ${jwk.kty} JWK${curve}, which JWT Lens cannot sign with.`);
  }

  if (typeof jwk.alg !== 'string') return family;
  if (!family.includes(jwk.alg)) {
    throw new SigningKeyError('alg-mismatch', `The JWK in ${label} declares alg ${jwk.alg}, which does not fit an ${jwk.kty} key.`);
  }
  return [jwk.alg];
}

function decodeOctKey(label: string, jwk: JWK): Uint8Array {
  if (typeof jwk.k !== 'string' || jwk.k.length === 0) {
    throw new SigningKeyError('key-invalid', `The oct JWK in ${label} has no "k" member.`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(jwk.k)) {
    throw new SigningKeyError('key-invalid', `The "k" member of the oct JWK in ${label} is not base64url.`);
  }
  return base64url.decode(jwk.k);
}

function jwksSigningKey(label: string, value: unknown, kid: string | undefined): SigningKey {
  const keys: unknown = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) {
    throw new SigningKeyError('key-invalid', `${label} is not a JWKS: it has no "keys" array.`);
  }

  const signing = (keys as unknown[]).filter((key): key is JWK => {
    if (typeof key !== 'object' || key === null) return false;
    const jwk = key as JWK;
    return typeof jwk.d === 'string' || jwk.kty === 'oct';
  });
  const chosen = kid === undefined ? signing[0] : signing.find((key) => key.kid === kid);
  if (chosen === undefined) {
    const which = kid === undefined ? 'no private key' : `no private key with kid "${kid}"`;
    throw new SigningKeyError('key-not-private', `The JWKS in ${label} contains ${which}; signing needs a private JWK.`);
  }
  return jwkSigningKey(label, chosen);
}

/** Returns the complete `-----BEGIN X-----` … `-----END X-----` blocks of `text`, in order. */
function findPemBlocks(text: string): { label: string; text: string }[] {
  const blocks: { label: string; text: string }[] = [];
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', from);
    if (begin < 0) return blocks;
    const labelEnd = text.indexOf('-----', begin + 11);
    if (labelEnd < 0) return blocks;

    const label = text.slice(begin + 11, labelEnd);
    const endMarker = `-----END ${label}-----`;
    const end = text.indexOf(endMarker, labelEnd);
    if (end < 0) return blocks;
    blocks.push({ label, text: text.slice(begin, end + endMarker.length) });
    from = end + endMarker.length;
  }
}

function parseJson(label: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SigningKeyError('key-invalid', `${label} is not valid JSON: ${(error as Error).message}.`);
  }
}

function toText(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}
