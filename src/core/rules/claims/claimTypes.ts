import { describeJson, describeJsonType } from '../../time';
import { defineRule, type RuleHit } from '../types';

/** Registered claims that must be strings: RFC 7519 4.1, RFC 9068 2.2 and OpenID Connect Core 2. */
const STRING_CLAIMS = ['iss', 'sub', 'jti', 'client_id', 'scope', 'azp', 'nonce', 'sid', 'acr'] as const;

/** Claims that hold a NumericDate outside RFC 7519's three (OpenID Connect Core 2). */
const EXTRA_NUMBER_CLAIMS = ['auth_time'] as const;

function typeError(name: string, expected: string, value: unknown): RuleHit {
  return { message: `${name} must be ${expected}, got ${describeJsonType(value)} (${describeJson(value)})`, segment: 1 };
}

function checkAudience(aud: unknown): RuleHit[] {
  if (aud === undefined || typeof aud === 'string') return [];
  if (!Array.isArray(aud)) return [typeError('aud', 'a string or an array of strings', aud)];

  const hits: RuleHit[] = [];
  aud.forEach((item, index) => {
    if (typeof item !== 'string') {
      hits.push({ message: `aud[${index}] must be a string, got ${describeJsonType(item)} (${describeJson(item)})`, segment: 1 });
    }
  });
  return hits;
}

export const invalidClaimType = defineRule({
  id: 'invalid-claim-type',
  defaultSeverity: 'error',
  title: 'Claim has the wrong type',
  check(ctx) {
    const claims = ctx.claims;
    if (claims === null) return [];

    const hits: RuleHit[] = [];
    for (const name of STRING_CLAIMS) {
      const value = claims[name];
      if (value !== undefined && typeof value !== 'string') hits.push(typeError(name, 'a string', value));
    }
    hits.push(...checkAudience(claims.aud));
    for (const name of EXTRA_NUMBER_CLAIMS) {
      const value = claims[name];
      if (value !== undefined && typeof value !== 'number') hits.push(typeError(name, 'a JSON number (NumericDate)', value));
    }
    return hits;
  },
});
