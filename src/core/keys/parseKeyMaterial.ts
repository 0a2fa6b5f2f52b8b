/** Turns user-supplied key material (a secret, PEM, JWK or JWK Set) into keys a verifier can try. */

import type { KeyMaterial } from '../model';
import { decodeBase64Lenient } from './base64';
import { type ConfusionEncoding, type KeySource, confusionEncodings } from './confusionEncodings';
import { describeJsonError } from './jsonError';
import { PemError, readPemBlocks } from './pem';
import {
  KeyError,
  type PublicKeyInfo,
  publicKeyFromCertificate,
  publicKeyFromJwk,
  publicKeyFromPkcs1,
  publicKeyFromPrivateKey,
  publicKeyFromSpki,
} from './publicKey';

/** One key ready for verification. A private key contributes only its public part. */
export interface VerificationKey {
  /** The material's label, plus the `kid` (or position) when the key comes from a JWK Set. */
  label: string;
  /** The `kid` of a JWK, when it has one. */
  kid?: string;
  /** The `alg` a JWK restricts itself to, when it names one. */
  alg?: string;
  /** The JWK `use`, when present; a key marked `enc` is never used to verify. */
  use?: string;
  /** The JWK `key_ops`, when present; a key whose list lacks `verify` is never used to verify. */
  keyOps?: string[];
  /** True when the key came from a JWK Set, so `kid` selects among its keys. */
  fromSet: boolean;
  /** The HMAC key bytes of a symmetric key. */
  secret?: Uint8Array;
  /** The public key of an asymmetric key. */
  publicKey?: PublicKeyInfo;
  /** The spellings of a public key an algorithm-confusion forgery might have used as an HMAC key. */
  confusionEncodings: ConfusionEncoding[];
}

export interface ParsedKeyMaterial {
  keys: VerificationKey[];
  /** One sentence per part of the material that could not be read, naming the material. */
  errors: string[];
}

const encoder = new TextEncoder();
const cache = new WeakMap<KeyMaterial, Promise<ParsedKeyMaterial>>();

/** Parses key material once per object; later calls with the same object reuse the result. */
export function parseKeyMaterial(material: KeyMaterial): Promise<ParsedKeyMaterial> {
  let parsed = cache.get(material);
  if (!parsed) {
    parsed = parseUncached(material);
    cache.set(material, parsed);
  }
  return parsed;
}

async function parseUncached(material: KeyMaterial): Promise<ParsedKeyMaterial> {
  const { label, kind, data } = material;
  if (kind === 'secret') {
    const secret = typeof data === 'string' ? encoder.encode(data) : data;
    return { keys: [{ label, fromSet: false, secret, confusionEncodings: [] }], errors: [] };
  }

  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  try {
    if (kind === 'pem') return await parsePem(label, text);
    return parseJson(label, text);
  } catch (error) {
    if (error instanceof KeyError || error instanceof PemError) return { keys: [], errors: [`${label}: ${error.message}`] };
    throw error;
  }
}

async function parsePem(label: string, text: string): Promise<ParsedKeyMaterial> {
  const keys: VerificationKey[] = [];
  const errors: string[] = [];
  const blocks = readPemBlocks(text);
  if (blocks.length === 0) return { keys, errors: [`${label}: no PEM block (-----BEGIN …-----) found`] };

  for (const block of blocks) {
    try {
      const publicKey = await readPemBlock(block.label, block.der, block.encrypted);
      if (!publicKey) continue;
      const source: KeySource = { fileText: text, pemBlockText: block.text };
      keys.push({ label, fromSet: false, publicKey, confusionEncodings: confusionEncodings(publicKey, source) });
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
      errors.push(`${label}: ${block.label}: ${error.message}`);
    }
  }

  if (keys.length > 1) keys.forEach((key, index) => (key.label = `${label} (key ${index + 1})`));
  return { keys, errors };
}

/** Returns the block's public key, or null for a block that holds no key (such as EC PARAMETERS). */
async function readPemBlock(pemLabel: string, der: Uint8Array, encrypted: boolean): Promise<PublicKeyInfo | null> {
  if (encrypted || pemLabel === 'ENCRYPTED PRIVATE KEY') {
    throw new KeyError('encrypted private keys are not supported; give the public key instead');
  }
  switch (pemLabel) {
    case 'PUBLIC KEY':
      return publicKeyFromSpki(der);
    case 'RSA PUBLIC KEY':
      return publicKeyFromPkcs1(der);
    case 'CERTIFICATE':
    case 'TRUSTED CERTIFICATE':
      return publicKeyFromCertificate(der);
    case 'PRIVATE KEY':
    case 'RSA PRIVATE KEY':
    case 'EC PRIVATE KEY':
      return publicKeyFromPrivateKey(pemLabel, der);
    case 'EC PARAMETERS':
      return null;
    default:
      throw new KeyError(`PEM block type "${pemLabel}" is not a key`);
  }
}

function parseJson(label: string, text: string): ParsedKeyMaterial {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new KeyError(`not valid JSON (${describeJsonError(error)})`);
  }
  if (!isObject(value)) throw new KeyError('JSON is not an object, so it is neither a JWK nor a JWK Set');

  if (Array.isArray(value.keys)) return parseJwkSet(label, text, value.keys);
  if (typeof value.kty === 'string') return { keys: [readJwk(label, value, { fileText: text, jwkMember: value }, false)], errors: [] };
  throw new KeyError('JSON has neither "kty" (a JWK) nor a "keys" array (a JWK Set)');
}

function parseJwkSet(label: string, text: string, members: unknown[]): ParsedKeyMaterial {
  const keys: VerificationKey[] = [];
  const errors: string[] = [];
  if (members.length === 0) errors.push(`${label}: the JWK Set has no keys`);

  members.forEach((member, index) => {
    const kid = isObject(member) && typeof member.kid === 'string' ? member.kid : undefined;
    const memberLabel = kid === undefined ? `${label} (key ${index + 1})` : `${label} (kid ${kid})`;
    try {
      if (!isObject(member)) throw new KeyError('is not a JSON object');
      keys.push(readJwk(memberLabel, member, { fileText: text, jwkMember: member }, true));
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
      errors.push(`${memberLabel}: ${error.message}`);
    }
  });
  return { keys, errors };
}

function readJwk(label: string, jwk: Record<string, unknown>, source: KeySource, fromSet: boolean): VerificationKey {
  const key: VerificationKey = { label, fromSet, confusionEncodings: [] };
  if (typeof jwk.kid === 'string') key.kid = jwk.kid;
  if (typeof jwk.alg === 'string') key.alg = jwk.alg;
  if (typeof jwk.use === 'string') key.use = jwk.use;
  if (Array.isArray(jwk.key_ops)) key.keyOps = jwk.key_ops.filter((operation): operation is string => typeof operation === 'string');

  if (jwk.kty === 'oct') {
    const secret = typeof jwk.k === 'string' ? decodeBase64Lenient(jwk.k) : null;
    if (!secret) throw new KeyError('JWK member "k" is missing or not base64url');
    key.secret = secret;
    return key;
  }

  key.publicKey = publicKeyFromJwk(jwk);
  key.confusionEncodings = confusionEncodings(key.publicKey, source);
  return key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
