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
