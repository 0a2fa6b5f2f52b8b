import { defaultPolicy } from '../../../../src/core/policy';
import type { DecodedToken, Finding, Policy, VerificationResult } from '../../../../src/core/model';
import { evaluatePolicy } from '../../../../src/core/policy';
import type { FileContext } from '../../../../src/core/rules/types';

/** 2026-01-01T00:00:00Z, the clock of the edge-case fixtures. */
export const NOW = 1767225600;

export const UNVERIFIED: VerificationResult = { status: 'unverified', verifiedBy: null, reason: 'No key is configured, so the signature was not verified.' };

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export interface TokenOptions {
  signature?: Uint8Array;
  kind?: 'jws' | 'jwe';
  problems?: DecodedToken['problems'];
  nested?: DecodedToken;
  /** Raw header segment, for headers that are not JSON. */
  headerSegment?: string;
}

/** Length in bytes of a real signature made with `alg`, so tokens built here pass `signature-length`. */
function signatureLengthFor(alg: unknown): number {
  const lengths: Record<string, number> = { HS384: 48, HS512: 64, ES256: 64, ES384: 96, ES512: 132, ES256K: 64, EdDSA: 64, Ed25519: 64, Ed448: 114 };
  if (typeof alg !== 'string') return 32;
  if (/^(?:RS|PS)\d+$/.test(alg)) return 256;
  return lengths[alg] ?? 32;
}

/** Builds a DecodedToken the way the decoder would for a well-formed JWS with these parts. */
export function token(header: Record<string, unknown> | null, payload: unknown, options: TokenOptions = {}): DecodedToken {
  const headerText = header === null ? null : JSON.stringify(header);
  const payloadText = payload === undefined ? null : JSON.stringify(payload);
  const payloadBytes = payloadText === null ? null : new TextEncoder().encode(payloadText);
  const signature = options.signature ?? new Uint8Array(signatureLengthFor(header?.alg)).fill(7);
  const parts = [
    options.headerSegment ?? (headerText === null ? '' : base64url(new TextEncoder().encode(headerText))),
    payloadBytes === null ? '' : base64url(payloadBytes),
    base64url(signature),
  ];
  return {
    raw: parts.join('.'),
    kind: options.kind ?? 'jws',
    parts,
    header,
    headerText,
    payload: payload === undefined ? null : payload,
    payloadParsed: payload !== undefined,
    payloadText,
    payloadBytes,
    signature: options.kind === 'jwe' ? null : signature,
    problems: options.problems ?? [],
    ...(options.nested === undefined ? {} : { nested: options.nested }),
  };
}

export const HS256 = { alg: 'HS256', typ: 'JWT' };

/** Claims of a token issued now and valid for one hour. */
export function freshClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: 'user-42', iat: NOW, exp: NOW + 3600, ...extra };
}

export interface EvaluateOptions {
  policy?: Partial<Policy>;
  now?: number;
  verification?: VerificationResult;
  file?: FileContext;
}

export function evaluate(decoded: DecodedToken, options: EvaluateOptions = {}): Finding[] {
  const policy = { ...defaultPolicy(), ...options.policy };
  return evaluatePolicy(decoded, options.verification ?? UNVERIFIED, policy, options.now ?? NOW, options.file);
}

/** Findings of one rule, as "severity: message" lines, so a failing assert shows both. */
export function hitsOf(findings: readonly Finding[], rule: string): string[] {
  return findings.filter((finding) => finding.rule === rule).map((finding) => `${finding.severity}: ${finding.message}`);
}

export function rulesOf(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.rule);
}

/** An array nested `depth` levels deep, built without recursion. */
export function deepArray(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

/** JSON text of an array nested `depth` levels deep, too deep for `JSON.stringify` to write. */
export function deepJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Builds the compact JWS text for this header and payload JSON, with a 32-byte signature. */
export function rawToken(headerJson: string, payloadJson: string): string {
  const signature = new Uint8Array(32).fill(7);
  return [headerJson, payloadJson].map((json) => Buffer.from(json).toString('base64url')).concat(base64url(signature)).join('.');
}
