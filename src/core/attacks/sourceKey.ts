/** The real key of the token a negative test set is built from, in the forms the attacks need. */

import { exportJWK, exportSPKI, importJWK, importSPKI, type CryptoKey, type JWK } from 'jose';

import type { KeyMaterial } from '../model';
import { importSigningKeyFor, resolveSigningKey, SigningKeyError, type SigningKey } from '../sign/signingKey';

export interface SourceKey {
  /** The key that verifies the source token. */
  verifyKey: CryptoKey | Uint8Array;
  /** The key that signs like the source; null when only the public key was given. */
  signKey: CryptoKey | Uint8Array | null;
  /** The public JWK of an asymmetric key, null for an HMAC secret. */
  publicJwk: JWK | null;
  /**
   * The public key's PEM text as a verifier would read it from its file, null for an HMAC secret:
   * the user's own file text when a PEM public key was given, else the SPKI export with a final newline.
   */
  publicPem: string | null;
}

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** Loads `material` for `algorithm`, accepting a private key, an HMAC secret or a public key. */
export async function loadSourceKey(material: KeyMaterial, algorithm: string, kid: string | undefined): Promise<SourceKey> {
  let signing: SigningKey;
  try {
    signing = await resolveSigningKey(material, kid === undefined ? {} : { kid });
  } catch (error) {
    if (error instanceof SigningKeyError && error.code === 'key-not-private') return loadPublicKey(material, algorithm, kid);
    throw error;
  }

  const signKey = await importSigningKeyFor(signing, algorithm);
  if (signKey instanceof Uint8Array) return { verifyKey: signKey, signKey, publicJwk: null, publicPem: null };

  const publicJwk = publicPart(await exportJWK(signKey));
  const verifyKey = (await importJWK(publicJwk, algorithm, { extractable: true })) as CryptoKey;
  const publicPem = withFinalNewline(await exportSPKI(verifyKey));
  return { verifyKey, signKey, publicJwk, publicPem };
}

async function loadPublicKey(material: KeyMaterial, algorithm: string, kid: string | undefined): Promise<SourceKey> {
  const text = typeof material.data === 'string' ? material.data : new TextDecoder().decode(material.data);

  if (material.kind === 'pem') {
    const begin = text.indexOf('-----BEGIN PUBLIC KEY-----');
    const endMarker = '-----END PUBLIC KEY-----';
    const end = text.indexOf(endMarker, begin);
    if (begin < 0 || end < 0) {
      throw new SigningKeyError('key-unsupported', `${material.label} contains no PKCS#8 private key or SPKI public key (-----BEGIN PUBLIC KEY-----).`);
    }
    const verifyKey = await importSPKI(text.slice(begin, end + endMarker.length), algorithm, { extractable: true });
    return { verifyKey, signKey: null, publicJwk: publicPart(await exportJWK(verifyKey)), publicPem: text };
  }

  const parsed = JSON.parse(text) as JWK & { keys?: JWK[] };
  const jwk = Array.isArray(parsed.keys)
    ? (parsed.keys.find((key) => kid === undefined || key.kid === kid) ?? null)
    : parsed;
  if (jwk === null) {
    throw new SigningKeyError('key-not-private', `The JWKS in ${material.label} has no key with kid "${kid}".`);
  }
  const verifyKey = (await importJWK(publicPart(jwk), algorithm, { extractable: true })) as CryptoKey;
  return { verifyKey, signKey: null, publicJwk: publicPart(jwk), publicPem: withFinalNewline(await exportSPKI(verifyKey)) };
}

/** Returns the JWK without its private members (RFC 7518 §6.2.2, §6.3.2, RFC 8037 §2). */
export function publicPart(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_JWK_MEMBERS) delete copy[member];
  delete copy.key_ops;
  delete copy.ext;
  return copy;
}

function withFinalNewline(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
