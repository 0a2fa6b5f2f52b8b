import { defineRule, type RuleContext, type RuleHit } from '../types';

/** Claims RFC 9068 2.2 requires in a JWT access token (`typ: at+jwt`). */
const ACCESS_TOKEN_CLAIMS = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'] as const;

/** Reads `typ` as RFC 7515 4.1.9 compares it: case-insensitive, with an optional `application/` prefix. */
export function normalizeTyp(typ: string): string {
  const lower = typ.trim().toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

function isAccessToken(ctx: RuleContext): boolean {
  return typeof ctx.header.typ === 'string' && normalizeTyp(ctx.header.typ) === 'at+jwt';
}

export const missingClaim = defineRule({
  id: 'missing-claim',
  defaultSeverity: 'error',
  title: 'Required claim missing',
  check(ctx) {
    const claims = ctx.claims;
    if (claims === null) return [];

    const hits: RuleHit[] = [];
    const reported = new Set<string>();
    for (const name of ctx.policy.requiredClaims) {
      if (Object.hasOwn(claims, name) || reported.has(name)) continue;
      reported.add(name);
      hits.push({ message: `Required claim ${name} is missing (jwtLens.policy.requiredClaims)`, segment: 1 });
    }
    if (!isAccessToken(ctx)) return hits;

    const absent = ACCESS_TOKEN_CLAIMS.filter((name) => !Object.hasOwn(claims, name) && !reported.has(name));
    if (absent.length > 0) {
      hits.push({ message: `Access token (typ at+jwt) lacks ${absent.join(', ')}, which RFC 9068 2.2 requires`, segment: 1 });
    }
    return hits;
  },
});
