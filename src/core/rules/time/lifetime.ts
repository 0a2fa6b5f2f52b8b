import { formatDuration, formatNumericDate } from '../../time';
import { defineRule } from '../types';
import { readNumericDate, showDateValue, validDate } from './numericDate';

export const lifetimeTooLong = defineRule({
  id: 'lifetime-too-long',
  defaultSeverity: 'warning',
  title: 'Lifetime too long',
  check(ctx) {
    const max = ctx.policy.maxLifetimeSeconds;
    const exp = readNumericDate(ctx.claims, 'exp');
    if (max === null || exp.kind === 'absent' || exp.kind === 'wrong-type') return [];
    if (exp.kind === 'out-of-range' && exp.value < 0) return [];

    const limit = `above the maximum of ${formatDuration(max)} (jwtLens.policy.maxLifetime)`;
    if (exp.kind === 'out-of-range') {
      return [{ message: `Token lifetime is unbounded (exp ${showDateValue(exp.value)}), ${limit}`, segment: 1 }];
    }

    // Measure from iat, else nbf; without either, measure what is left from now.
    const iat = validDate(ctx.claims, 'iat');
    const nbf = validDate(ctx.claims, 'nbf');
    const [startName, start] = iat !== undefined ? ['iat', iat] : nbf !== undefined ? ['nbf', nbf] : ['now', ctx.now];
    const lifetime = exp.value - start;
    if (lifetime <= max) return [];

    const unit = exp.kind === 'milliseconds' ? ' read as seconds' : '';
    if (startName === 'now') {
      return [{ message: `Token stays valid for another ${formatDuration(lifetime)} (exp ${formatNumericDate(exp.value)}${unit}), ${limit}`, segment: 1 }];
    }
    return [{ message: `Token lifetime is ${formatDuration(lifetime)} (${startName} ${formatNumericDate(start)} to exp ${formatNumericDate(exp.value)}${unit}), ${limit}`, segment: 1 }];
  },
});

export const emptyValidityWindow = defineRule({
  id: 'empty-validity-window',
  defaultSeverity: 'warning',
  title: 'exp not after iat or nbf',
  check(ctx) {
    const exp = validDate(ctx.claims, 'exp');
    if (exp === undefined) return [];

    // A token is valid from nbf (or iat) until just before exp, so exp <= start leaves no valid instant.
    for (const name of ['nbf', 'iat'] as const) {
      const start = validDate(ctx.claims, name);
      if (start !== undefined && exp <= start) {
        return [{ message: `exp ${formatNumericDate(exp)} is not after ${name} ${formatNumericDate(start)}, so the token is never valid; check how the issuer computes exp`, segment: 1 }];
      }
    }
    return [];
  },
});
