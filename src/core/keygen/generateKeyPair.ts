/** Generates signing keys in every form a verifier may want: PEM, JWK and a JWKS keyed by thumbprint. */

import {
  base64url,
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair as generateJoseKeyPair,
  type JWK,
} from 'jose';

import { EC_ALGORITHM_BY_CURVE } from '../sign/algorithms';

export type KeyPairType = 'RSA' | 'EC' | 'OKP' | 'HMAC';
export type RsaKeySize = 2048 | 3072 | 4096;
export type KeyCurve = 'P-256' | 'P-384' | 'P-521' | 'Ed25519';
export type HmacBits = 256 | 384 | 512;

export interface GenerateKeyPairOptions {
  type: KeyPairType;
  /** RSA modulus length in bits; 2048 when not given. */
  size?: RsaKeySize;
  /** EC curve (P-256 when not given) or OKP curve (only Ed25519). */
  curve?: KeyCurve;
  /** HMAC secret length in bits, which also picks HS256, HS384 or HS512; 256 when not given. */
  bits?: HmacBits;
  /** Fills the HMAC secret; defaults to Web Crypto's `getRandomValues`. */
  randomBytes?: (length: number) => Uint8Array;
}

/** An RSA, EC or Ed25519 key pair. */
export interface AsymmetricKeyPair {
  type: 'RSA' | 'EC' | 'OKP';
  /** The JWS algorithm the key is meant for (RS256, ES256, ES384, ES512 or EdDSA). */
  algorithm: string;
  /** The RFC 7638 JWK thumbprint (SHA-256, base64url), used as `kid`. */
  kid: string;
  /** PKCS#8 PEM of the private key, with a final newline. */
  privateKeyPem: string;
  /** SPKI PEM of the public key, with a final newline. */
  publicKeyPem: string;
  /** The public JWK with `kid`, `alg` and `use: "sig"`. */
  publicJwk: JWK;
  /** A JWKS holding `publicJwk`, ready to publish. */
  jwks: { keys: JWK[] };
}

/**
 * A random HMAC secret. The key is the bytes in `secret`. `secretBase64url` and the JWK's `k` are
 * their base64url text, which a verifier must decode to bytes rather than use as the key itself.
 */
export interface HmacKey {
  type: 'HMAC';
  /** HS256, HS384 or HS512, by secret length. */
  algorithm: string;
  /** The RFC 7638 thumbprint of the oct JWK, used as `kid`. */
  kid: string;
  secret: Uint8Array;
  secretBase64url: string;
  /** The secret as an `oct` JWK with `kid` and `alg`. Secret: store it like the secret itself. */
  jwk: JWK;
  /** A JWKS holding `jwk`. Secret as well. */
  jwks: { keys: JWK[] };
}

export type GeneratedKey = AsymmetricKeyPair | HmacKey;

/** Generates a key of the requested type, with its exported forms and its thumbprint `kid`. */
export async function generateKeyPair(options: GenerateKeyPairOptions): Promise<GeneratedKey> {
  if (options.type === 'HMAC') return generateHmacKey(options);

  const { algorithm, joseOptions } = joseParameters(options);
  const { privateKey, publicKey } = await generateJoseKeyPair(algorithm, { ...joseOptions, extractable: true });

  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported, 'sha256');
  const publicJwk: JWK = { ...exported, kid, alg: algorithm, use: 'sig' };

  return {
    type: options.type,
    algorithm,
    kid,
    privateKeyPem: withFinalNewline(await exportPKCS8(privateKey)),
    publicKeyPem: withFinalNewline(await exportSPKI(publicKey)),
    publicJwk,
    jwks: { keys: [publicJwk] },
  };
}

function joseParameters(options: GenerateKeyPairOptions): {
  algorithm: string;
  joseOptions: { modulusLength?: number; crv?: string };
} {
  switch (options.type) {
    case 'RSA': {
      const size = options.size ?? 2048;
      if (![2048, 3072, 4096].includes(size)) {
        throw new RangeError(`RSA key size must be 2048, 3072 or 4096 bits, got ${size}.`);
      }
      return { algorithm: 'RS256', joseOptions: { modulusLength: size } };
    }
    case 'EC': {
      const curve = options.curve ?? 'P-256';
      const algorithm = EC_ALGORITHM_BY_CURVE[curve];
      if (algorithm === undefined) {
        throw new RangeError(`EC curve must be P-256, P-384 or P-521, got ${curve}.`);
      }
      return { algorithm, joseOptions: { crv: curve } };
    }
    case 'OKP': {
      const curve = options.curve ?? 'Ed25519';
      if (curve !== 'Ed25519') throw new RangeError(`OKP curve must be Ed25519, got ${curve}.`);
      return { algorithm: 'EdDSA', joseOptions: { crv: curve } };
    }
    default:
      throw new RangeError(`Key type must be RSA, EC, OKP or HMAC, got ${String(options.type)}.`);
  }
}

async function generateHmacKey(options: GenerateKeyPairOptions): Promise<HmacKey> {
  const bits = options.bits ?? 256;
  if (![256, 384, 512].includes(bits)) {
    throw new RangeError(`HMAC secret length must be 256, 384 or 512 bits, got ${bits}.`);
  }

  const randomBytes = options.randomBytes ?? ((length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length)));
  const secret = randomBytes(bits / 8);
  const secretBase64url = base64url.encode(secret);
  const algorithm = `HS${bits}`;

  const kid = await calculateJwkThumbprint({ kty: 'oct', k: secretBase64url }, 'sha256');
  const jwk: JWK = { kty: 'oct', k: secretBase64url, kid, alg: algorithm };
  return { type: 'HMAC', algorithm, kid, secret, secretBase64url, jwk, jwks: { keys: [jwk] } };
}

function withFinalNewline(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
