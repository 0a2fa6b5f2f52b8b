import { formatDuration, formatNumericDate } from '../../time';
import { defineRule, type RuleHit } from '../types';
import { readNumericDate, validDate } from './numericDate';

/** Time zone offsets in use run from UTC-12 to UTC+14, in steps of 15 minutes. */
const MAX_ZONE_OFFSET = 14 * 3600;
const ZONE_STEP = 900;

export const tokenExpired = defineRule({
  id: 'token-expired',
  defaultSeverity: 'error',
  title: 'Token expired',
  check(ctx): RuleHit[] {
    const exp = validDate(ctx.claims, 'exp');
    if (exp === undefined || ctx.now < exp) return [];

    // RFC 7519 4.1.4: the token must not be accepted on or after exp, so now == exp is expired.
    const tolerance = ctx.policy.clockToleranceSeconds;
    const age = ctx.now - exp;
    const ago = age < 1 ? 'just now' : `${formatDuration(age)} ago`;
    if (age < tolerance) {
      return [{ message: `Token expired ${ago} (exp ${formatNumericDate(exp)}) but is still within the ${tolerance} s clock tolerance`, severity: 'info', segment: 1 }];
    }
    return [{ message: `Token expired ${ago} (exp ${formatNumericDate(exp)})`, segment: 1 }];
  },
});

export const tokenNotYetValid = defineRule({
  id: 'token-not-yet-valid',
  defaultSeverity: 'error',
  title: 'Token not yet valid',
  check(ctx) {
    const nbf = validDate(ctx.claims, 'nbf');
    // RFC 7519 4.1.5: the token is accepted from nbf on, so now == nbf is valid.
    if (nbf === undefined || nbf <= ctx.now + ctx.policy.clockToleranceSeconds) return [];
    return [{ message: `Token is not valid before ${formatNumericDate(nbf)} (nbf, ${formatDuration(nbf - ctx.now)} from now)`, segment: 1 }];
  },
});

/** True when `ahead` seconds is close to a whole time zone offset, the mark of local time sent as UTC. */
function looksLikeZoneOffset(ahead: number, tolerance: number): boolean {
  if (ahead < ZONE_STEP - tolerance || ahead > MAX_ZONE_OFFSET + tolerance) return false;
  const nearest = Math.round(ahead / ZONE_STEP) * ZONE_STEP;
  return nearest > 0 && Math.abs(ahead - nearest) <= Math.max(tolerance, 1);
}

export const iatInFuture = defineRule({
  id: 'iat-in-future',
  defaultSeverity: 'warning',
  title: 'Issued in the future',
  check(ctx) {
    const iat = validDate(ctx.claims, 'iat');
    const tolerance = ctx.policy.clockToleranceSeconds;
    if (iat === undefined || iat <= ctx.now + tolerance) return [];

    // A token issued no later than its future nbf is already reported by token-not-yet-valid.
    const nbf = validDate(ctx.claims, 'nbf');
    if (nbf !== undefined && nbf > ctx.now + tolerance && iat <= nbf) return [];

    const ahead = iat - ctx.now;
    const base = `iat ${formatNumericDate(iat)} is ${formatDuration(ahead)} in the future`;
    if (looksLikeZoneOffset(ahead, tolerance)) {
      return [{ message: `${base}, a whole time zone offset that suggests the issuer wrote local time as UTC`, segment: 1 }];
    }
    return [{ message: `${base}, beyond the ${tolerance} s clock tolerance; check the issuer's clock`, segment: 1 }];
  },
});

export const missingExp = defineRule({
  id: 'missing-exp',
  defaultSeverity: 'warning',
  title: 'No expiry',
  check(ctx) {
    if (readNumericDate(ctx.claims, 'exp').kind !== 'absent' || ctx.claims === null) return [];
    // RFC 8725 does not require exp, but a token without one stays valid until its key is rotated.
    return [{ message: 'Token has no exp claim, so it never expires; add an exp', segment: 1 }];
  },
});
