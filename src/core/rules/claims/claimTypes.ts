import { describeTypedJson } from '../../time';
import { defineRule, type RuleHit } from '../types';

/** Registered claims that must be strings: RFC 7519 4.1, RFC 9068 2.2 and OpenID Connect Core 2. */
const STRING_CLAIMS = ['iss', 'sub', 'jti', 'client_id', 'scope', 'azp', 'nonce', 'sid', 'acr'] as const;

/** Claims that hold a NumericDate outside RFC 7519's three (OpenID Connect Core 2). */
const EXTRA_NUMBER_CLAIMS = ['auth_time'] as const;

function typeError(name: string, expected: string, value: unknown): RuleHit {
  return { message: `${name} must be ${expected}, got ${describeTypedJson(value)}`, segment: 1 };
}

/** Offending `aud` entries named in the message; the rest are only counted. */
const MAX_NAMED_AUDIENCE_ENTRIES = 3;

/** Reports an `aud` array's non-string entries as one hit, however many there are (RFC 7519 4.1.3). */
function checkAudience(aud: unknown): RuleHit[] {
  if (aud === undefined || typeof aud === 'string') return [];
  if (!Array.isArray(aud)) return [typeError('aud', 'a string or an array of strings', aud)];

  const offenders: number[] = [];
  let count = 0;
  for (let index = 0; index < aud.length; index++) {
    if (typeof aud[index] === 'string') continue;
    count++;
    if (offenders.length < MAX_NAMED_AUDIENCE_ENTRIES) offenders.push(index);
  }

  if (count === 0) return [];
  if (count === 1) {
    const index = offenders[0];
    return [{ message: `aud[${index}] must be a string, got ${describeTypedJson(aud[index])}`, segment: 1 }];
  }

  const named = offenders.map((index) => `aud[${index}] is ${describeTypedJson(aud[index])}`);
  const more = count > named.length ? ` and ${count - named.length} more` : '';
  return [{ message: `aud must contain only strings, but ${count} of its ${aud.length} entries are not: ${named.join(', ')}${more}`, segment: 1 }];
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
    for (const hit of checkAudience(claims.aud)) hits.push(hit);
    for (const name of EXTRA_NUMBER_CLAIMS) {
      const value = claims[name];
      if (value !== undefined && typeof value !== 'number') hits.push(typeError(name, 'a JSON number (NumericDate)', value));
    }
    return hits;
  },
});
