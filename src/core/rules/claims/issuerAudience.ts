import { describeJson } from '../../time';
import { defineRule, type RuleHit } from '../types';

/** Values shown in a message; the rest are only counted, so a huge `aud` array cannot flood it. */
const MAX_LISTED_VALUES = 10;

/** Shows claim strings unquoted, with control characters escaped and long values cut. */
function listValues(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((value) => JSON.stringify(value).slice(1, -1)).map((text) => (text.length > 80 ? `${text.slice(0, 79)}…` : text)).join(', ');
  return values.length > MAX_LISTED_VALUES ? `${shown} and ${values.length - MAX_LISTED_VALUES} more` : shown;
}

export const issuerMismatch = defineRule({
  id: 'issuer-mismatch',
  defaultSeverity: 'error',
  title: 'Issuer mismatch',
  check(ctx) {
    const expected = ctx.policy.issuer;
    if (ctx.claims === null || expected.length === 0) return [];

    const iss = ctx.claims.iss;
    if (iss === undefined) {
      return [{ message: `Token has no iss claim, but the issuer must be ${listValues(expected)}`, segment: 1 }];
    }
    // A non-string iss is reported by invalid-claim-type.
    if (typeof iss !== 'string' || expected.includes(iss)) return [];
    return [{ message: `iss ${listValues([iss])} is not an accepted issuer (expected ${listValues(expected)})`, segment: 1 }];
  },
});

/** Returns the string audiences of an `aud` claim, which RFC 7519 4.1.3 allows as a string or an array. */
function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((item): item is string => typeof item === 'string');
  return [];
}

export const audienceMismatch = defineRule({
  id: 'audience-mismatch',
  defaultSeverity: 'error',
  title: 'Audience mismatch',
  check(ctx): RuleHit[] {
    const expected = ctx.policy.audience;
    if (ctx.claims === null || expected.length === 0) return [];

    const aud = ctx.claims.aud;
    if (aud === undefined) {
      return [{ message: `Token has no aud claim, but the audience must include ${listValues(expected)}`, segment: 1 }];
    }
    const named = audiences(aud);
    if (named.some((value) => expected.includes(value))) return [];

    const audText = named.length > 0 ? listValues(named) : describeJson(aud);
    return [{ message: `aud ${audText} does not include the expected audience ${listValues(expected)}`, segment: 1 }];
  },
});

export const audienceRestricted = defineRule({
  id: 'audience-restricted',
  defaultSeverity: 'info',
  title: 'Audience not checked',
  check(ctx) {
    if (ctx.claims === null || ctx.policy.audience.length > 0) return [];

    const named = audiences(ctx.claims.aud);
    if (named.length === 0) return [];
    return [{ message: `Token is audience-restricted to ${listValues(named)}; set jwtLens.policy.audience to check it`, segment: 1 }];
  },
});
