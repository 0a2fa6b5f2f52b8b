/**
 * Test helpers for verification: a minimal DecodedToken builder (verification reads only `kind`,
 * `parts` and `header`), the case fixtures, and a signer for round trips.
 */

import { createHmac, createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecodedToken, KeyMaterial } from '../../../../src/core/model';

export const FIXTURES = join(__dirname, '../../../fixtures/');
export const CASES = `${FIXTURES}cases/`;

export function readFixture(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, 'utf8');
}

/** Returns every JWT-shaped string in a text, in order. */
export function tokensIn(text: string): string[] {
  return text.match(/eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*/g) ?? [];
}

/** Builds the parts of a DecodedToken that verification reads, decoding the header leniently. */
export function decodedToken(raw: string): DecodedToken {
  const parts = raw.split('.');
  let header: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) header = parsed as Record<string, unknown>;
  } catch {
    header = null;
  }
  return {
    raw,
    kind: parts.length === 5 ? 'jwe' : 'jws',
    parts,
    header,
    headerText: null,
    payload: null,
    payloadParsed: false,
    payloadText: null,
    payloadBytes: null,
    signature: null,
    problems: [],
  };
}

export const CLAIMS = { sub: 'user-42', iat: 1767225600, exp: 1767229200 };

const NODE_DIGEST: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

/** Signs a compact JWS with Node's crypto, so the verifier is checked against an independent signer. */
export function signWithNode(header: Record<string, unknown>, key: KeyObject | Uint8Array | string, claims: object = CLAIMS): string {
  const alg = String(header.alg);
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const bits = alg.slice(2);
  let signature: Buffer;
  if (alg.startsWith('HS')) {
    signature = createHmac(NODE_DIGEST[bits], key).update(input).digest();
  } else if (alg.startsWith('RS')) {
    signature = nodeSign(NODE_DIGEST[bits], Buffer.from(input), key as KeyObject);
  } else if (alg.startsWith('PS')) {
    signature = nodeSign(NODE_DIGEST[bits], Buffer.from(input), { key: key as KeyObject, padding: 6, saltLength: Number(bits) / 8 });
  } else if (alg.startsWith('ES')) {
    signature = nodeSign(NODE_DIGEST[bits === '512' ? '512' : bits], Buffer.from(input), { key: key as KeyObject, dsaEncoding: 'ieee-p1363' });
  } else {
    signature = nodeSign(null, Buffer.from(input), key as KeyObject);
  }
  return `${input}.${signature.toString('base64url')}`;
}

export function secretMaterial(secret: string, label = 'HMAC secret'): KeyMaterial {
  return { label, kind: 'secret', data: new TextEncoder().encode(secret) };
}

export function pemMaterial(text: string, label: string): KeyMaterial {
  return { label, kind: 'pem', data: text };
}

export function privateKeyFrom(pem: string): KeyObject {
  return createPrivateKey(pem);
}
