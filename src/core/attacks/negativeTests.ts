/**
 * Builds a negative test set from one valid token and its key: tokens a correct verifier must
 * reject, each named after the attack or mistake it tests. Nothing is fetched or sent; the `jku`
 * and `x5u` cases only point at a closed loopback port.
 */

import {
  base64url,
  calculateJwkThumbprint,
  CompactSign,
  compactVerify,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
} from 'jose';

import type { KeyMaterial } from '../model';
import { ECDSA_SIGNATURE_LENGTH, hashBitsOf } from '../sign/algorithms';
import { loadSourceKey, publicPart, type SourceKey } from './sourceKey';

/** The JSON document `jwt-lens attacks` writes; `docs/attacks.md` describes it. */
export interface NegativeTestSet {
  version: 1;
  source: { alg: string; kid: string | null };
  cases: NegativeTestCase[];
  /** Cases that could not be built for this token or key, with the reason. */
  skipped: { id: string; reason: string }[];
}

export interface NegativeTestCase {
  /** Stable kebab-case id, such as `alg-none-lowercase`. */
  id: string;
  /** One sentence on what the token tests. */
  description: string;
  token: string;
  expect: 'reject';
}

export interface NegativeTestOptions {
  /** A valid compact JWS. */
  token: string;
  /** The key that verifies it: a private key, an HMAC secret or, with fewer cases, a public key. */
  key: KeyMaterial;
  /** The current time in seconds since the epoch. */
  now: number;
}

/** Raised when the source token or key cannot seed a negative test set. */
export class NegativeTestError extends Error {
  override readonly name = 'NegativeTestError';
}

/** A `jku` or `x5u` target on loopback port 1, where no server listens. */
export const LOOPBACK_KEY_URL = 'http://127.0.0.1:1/jwks.json';
export const LOOPBACK_CERT_URL = 'http://127.0.0.1:1/cert.pem';
export const TRAVERSAL_KID = '../../../../dev/null';

/** Time shift of the expired and not-yet-valid cases, large enough for any sane clock tolerance. */
const ONE_DAY = 86400;
const WRONG_ISSUER = 'https://wrong-issuer.invalid/';
const WRONG_AUDIENCE = 'https://wrong-audience.invalid/';

interface SourceToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  headerSegment: string;
  payloadSegment: string;
  alg: string;
}

/**
 * Generates the negative test set. Throws `NegativeTestError` when the token is not a signed JWS
 * with a JSON claims set, or when its signature does not verify with `key`.
 */
export async function generateNegativeTests(options: NegativeTestOptions): Promise<NegativeTestSet> {
  const source = parseSourceToken(options.token);
  const kid = typeof source.header.kid === 'string' ? source.header.kid : undefined;
  const key = await loadSourceKey(options.key, source.alg, kid);
  await assertSourceVerifies(options.token, source.alg, key, options.key.label);

  const cases: NegativeTestCase[] = [];
  const skipped: NegativeTestSet['skipped'] = [];
  const add = (id: string, description: string, token: string) => cases.push({ id, description, token, expect: 'reject' });

  // One attacker key serves the header-key cases and the different-key case, because RSA key
  // generation is the slowest step here.
  const attacker = await generateAttackerKey(source.alg, key.publicJwk);

  addUnsecuredCases(source, add);
  await addConfusionCases(source, key, add, skipped);
  await addHeaderKeyCases(source, attacker, add);
  await addKidTraversalCase(source, add);
  addPsychicSignatureCase(source, add, skipped);
  await addClaimCases(source, key, options.now, add, skipped);
  await addDifferentKeyCase(source, attacker, add);

  return { version: 1, source: { alg: source.alg, kid: kid ?? null }, cases, skipped };
}

type AddCase = (id: string, description: string, token: string) => void;

function parseSourceToken(token: string): SourceToken {
  const parts = token.trim().split('.');
  if (parts.length !== 3) {
    throw new NegativeTestError(`The token has ${parts.length} segments; a negative test set needs a compact JWS with 3.`);
  }

  const header = decodeJsonSegment(parts[0], 'header');
  const payload = decodeJsonSegment(parts[1], 'payload');
  const alg = header.alg;
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') {
    throw new NegativeTestError(`The token's alg is ${JSON.stringify(alg)}; a negative test set needs a signed token.`);
  }
  return { header, payload, headerSegment: parts[0], payloadSegment: parts[1], alg };
}

function decodeJsonSegment(segment: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(segment)));
  } catch {
    throw new NegativeTestError(`The token's ${name} is not base64url-encoded UTF-8 JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NegativeTestError(`The token's ${name} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}

async function assertSourceVerifies(token: string, alg: string, key: SourceKey, label: string): Promise<void> {
  try {
    await compactVerify(token.trim(), key.verifyKey, { algorithms: [alg] });
  } catch {
    throw new NegativeTestError(`The token's ${alg} signature does not verify with ${label}; pass the key that signed it.`);
  }
}

function addUnsecuredCases(source: SourceToken, add: AddCase): void {
  // RFC 7518 §3.6: "none" is case-sensitive, but some libraries compared it case-insensitively.
  const variants: [string, string][] = [
    ['none', 'lowercase'],
    ['None', 'capitalized'],
    ['NONE', 'uppercase'],
    ['nOnE', 'mixed-case'],
  ];
  for (const [alg, name] of variants) {
    const header = encodeJson({ ...source.header, alg });
    add(`alg-none-${name}`, `Unsecured token with alg "${alg}" and an empty signature.`, `${header}.${source.payloadSegment}.`);
  }

  const signingInput = `${source.headerSegment}.${source.payloadSegment}`;
  add('empty-signature', `The original ${source.alg} header with the signature segment emptied.`, `${signingInput}.`);
  add('signature-stripped', 'The signature segment and its dot removed, leaving two segments.', signingInput);
}

/**
 * RS256-to-HS256 confusion: an HMAC keyed with the public key's PEM text verifies on a library
 * that lets the token's alg choose how the key is used. The PEM is tried with and without its
 * final newline, because either spelling may be what the verifier read from its file.
 */
async function addConfusionCases(source: SourceToken, key: SourceKey, add: AddCase, skipped: NegativeTestSet['skipped']): Promise<void> {
  if (key.publicPem === null) {
    skipped.push({ id: 'alg-confusion-public-pem', reason: 'The source token is HMAC-signed, so there is no public key to confuse.' });
    return;
  }

  const alg = `HS${hashBitsOf(source.alg)}`;
  const encoder = new TextEncoder();
  const withNewline = key.publicPem.endsWith('\n') ? key.publicPem : `${key.publicPem}\n`;
  const withoutNewline = withNewline.replace(/\r?\n$/, '');

  add(
    'alg-confusion-public-pem',
    `${alg} token whose MAC key is the ${source.alg} public key's PEM text, final newline included.`,
    await sign({ ...source.header, alg }, source.payloadSegment, encoder.encode(withNewline)),
  );
  add(
    'alg-confusion-public-pem-no-final-newline',
    `${alg} token whose MAC key is the ${source.alg} public key's PEM text without its final newline.`,
    await sign({ ...source.header, alg }, source.payloadSegment, encoder.encode(withoutNewline)),
  );
}

/** Tokens signed by an attacker's key that the header points at: embedded `jwk`, `jku` and `x5u`. */
async function addHeaderKeyCases(source: SourceToken, attacker: AttackerKey, add: AddCase): Promise<void> {
  const header = { ...source.header, alg: attacker.alg };

  add(
    'embedded-jwk',
    `Signed by an attacker's ${attacker.alg} key that the header embeds as "jwk".`,
    await sign({ ...header, jwk: attacker.publicJwk }, source.payloadSegment, attacker.privateKey),
  );
  add(
    'jku-loopback',
    `Signed by an attacker's key with "jku" pointing at ${LOOPBACK_KEY_URL}; a verifier must not fetch keys named by the token.`,
    await sign({ ...header, jku: LOOPBACK_KEY_URL, kid: attacker.kid }, source.payloadSegment, attacker.privateKey),
  );
  add(
    'x5u-loopback',
    `Signed by an attacker's key with "x5u" pointing at ${LOOPBACK_CERT_URL}; a verifier must not fetch certificates named by the token.`,
    await sign({ ...header, x5u: LOOPBACK_CERT_URL }, source.payloadSegment, attacker.privateKey),
  );
}

/**
 * Adds a `kid` that walks to /dev/null with a MAC keyed by an empty secret. A verifier that reads
 * the key file named by `kid` reads zero bytes and accepts it. HMAC pads keys with zero bytes to the block size
 * (RFC 2104 §2), so a one-byte zero key gives the same MAC as an empty key, which Web Crypto rejects.
 */
async function addKidTraversalCase(source: SourceToken, add: AddCase): Promise<void> {
  const alg = source.alg.startsWith('HS') ? source.alg : 'HS256';
  add(
    'kid-path-traversal',
    `${alg} token with kid "${TRAVERSAL_KID}" and a MAC keyed with an empty secret.`,
    await sign({ ...source.header, alg, kid: TRAVERSAL_KID }, source.payloadSegment, new Uint8Array(1)),
  );
}

/** CVE-2022-21449: an ECDSA signature with r = s = 0 verified on Java 15 to 18 for any message. */
function addPsychicSignatureCase(source: SourceToken, add: AddCase, skipped: NegativeTestSet['skipped']): void {
  const length = ECDSA_SIGNATURE_LENGTH[source.alg];
  if (length === undefined) {
    skipped.push({ id: 'psychic-signature', reason: `The source algorithm ${source.alg} is not ECDSA.` });
    return;
  }
  const signature = base64url.encode(new Uint8Array(length));
  add(
    'psychic-signature',
    `${source.alg} signature with r = 0 and s = 0, which accepts any message on broken ECDSA verifiers.`,
    `${source.headerSegment}.${source.payloadSegment}.${signature}`,
  );
}

/** Tokens signed with the real key whose claims a verifier must refuse: time window, iss and aud. */
async function addClaimCases(
  source: SourceToken,
  key: SourceKey,
  now: number,
  add: AddCase,
  skipped: NegativeTestSet['skipped'],
): Promise<void> {
  const ids = ['expired', 'not-yet-valid', 'wrong-issuer', 'wrong-audience'];
  if (key.signKey === null) {
    for (const id of ids) skipped.push({ id, reason: 'Only a public key was given; re-signing needs the private key.' });
    return;
  }
  const signKey = key.signKey;
  const resign = (payload: Record<string, unknown>) => sign(source.header, encodeJson(payload), signKey);

  const expiredAt = Math.floor(now) - ONE_DAY;
  add('expired', `Signed with the real key, expired one day before the clock (exp ${expiredAt}).`, await resign(shiftTimes(source.payload, 'exp', expiredAt)));

  const validFrom = Math.floor(now) + ONE_DAY;
  add('not-yet-valid', `Signed with the real key, not valid until one day after the clock (nbf ${validFrom}).`, await resign(shiftTimes(source.payload, 'nbf', validFrom)));

  if (source.payload.iss === undefined) {
    skipped.push({ id: 'wrong-issuer', reason: 'The token has no iss claim, so no verifier can check its issuer.' });
  } else {
    add('wrong-issuer', `Signed with the real key, with iss "${WRONG_ISSUER}".`, await resign({ ...source.payload, iss: WRONG_ISSUER }));
  }

  if (source.payload.aud === undefined) {
    skipped.push({ id: 'wrong-audience', reason: 'The token has no aud claim, so no verifier can check its audience.' });
  } else {
    add('wrong-audience', `Signed with the real key, with aud "${WRONG_AUDIENCE}".`, await resign({ ...source.payload, aud: WRONG_AUDIENCE }));
  }
}

/**
 * Moves `iat`, `nbf` and `exp` together so that `anchor` lands on `target`, keeping the token's
 * lifetime. A missing anchor claim is added, measured from `iat` when there is one.
 */
function shiftTimes(payload: Record<string, unknown>, anchor: 'exp' | 'nbf', target: number): Record<string, unknown> {
  const shifted: Record<string, unknown> = { ...payload };
  let reference: number | null = null;
  if (typeof payload[anchor] === 'number') reference = payload[anchor];
  else if (typeof payload.iat === 'number') reference = payload.iat;
  const delta = reference === null ? 0 : target - reference;

  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    if (typeof payload[claim] === 'number') shifted[claim] = (payload[claim]) + delta;
  }
  shifted[anchor] = target;
  if (anchor === 'nbf' && typeof shifted.exp === 'number' && shifted.exp <= target) shifted.exp = target + ONE_DAY;
  return shifted;
}

/** Adds the source's header and claims signed by another key of the same kind (a random secret for HS*). */
async function addDifferentKeyCase(source: SourceToken, attacker: AttackerKey, add: AddCase): Promise<void> {
  const otherKey = source.alg.startsWith('HS')
    ? globalThis.crypto.getRandomValues(new Uint8Array(hashBitsOf(source.alg) / 8))
    : attacker.privateKey;
  add(
    'different-key-signature',
    `The original header and claims, signed with a freshly generated ${source.alg} key instead of the real one.`,
    await sign(source.header, source.payloadSegment, otherKey),
  );
}

interface AttackerKey {
  alg: string;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * Generates an attacker's key pair for the source's algorithm, with the source key's RSA modulus
 * length or curve, or an ES256 pair when the source is HMAC-signed.
 */
async function generateAttackerKey(sourceAlg: string, sourceJwk: JWK | null): Promise<AttackerKey> {
  const alg = sourceAlg.startsWith('HS') ? 'ES256' : sourceAlg;
  const modulusLength = typeof sourceJwk?.n === 'string' ? base64url.decode(sourceJwk.n).length * 8 : undefined;
  const crv = alg === 'ES256' ? undefined : sourceJwk?.crv;
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    ...(modulusLength === undefined ? {} : { modulusLength }),
    ...(crv === undefined ? {} : { crv }),
  });
  const publicJwk = publicPart(await exportJWK(publicKey));
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { alg, kid, privateKey, publicJwk: { ...publicJwk, kid } };
}

/** Signs the claims bytes of `payloadSegment` under `header`, whose `alg` picks the algorithm. */
async function sign(header: Record<string, unknown>, payloadSegment: string, key: CryptoKey | Uint8Array): Promise<string> {
  const alg = header.alg as string;
  return new CompactSign(base64url.decode(payloadSegment)).setProtectedHeader({ ...header, alg }).sign(key);
}

function encodeJson(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}
