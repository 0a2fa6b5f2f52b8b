import { describeTypedJson, formatNumericDate, isRepresentableDate } from '../../time';
import { defineRule, type RuleHit } from '../types';
import { DATE_CLAIMS, LAST_DATE_YEAR, readNumericDate, showDateValue, smallerUnitHint, type DateClaim } from './numericDate';

const NUMERIC_STRING = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// Anchored and without nested quantifiers, so it runs in linear time.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Says what a string NumericDate would mean, so the user sees which number to send instead. */
function stringHint(text: string): string {
  if (NUMERIC_STRING.test(text)) {
    const seconds = Number(text);
    return ` (the string looks like ${formatNumericDate(seconds)})`;
  }
  if (ISO_8601.test(text)) {
    const milliseconds = Date.parse(text);
    if (Number.isFinite(milliseconds)) {
      return ` (the string is an ISO 8601 date, ${formatNumericDate(milliseconds / 1000)}, which is NumericDate ${milliseconds / 1000})`;
    }
  }
  return '';
}

function typeMessage(name: DateClaim, value: unknown): string {
  const base = `${name} must be a JSON number (NumericDate), got`;
  if (typeof value === 'string') return `${base} a string${stringHint(value.trim())}`;
  if (value === null) return `${base} null`;
  return `${base} ${describeTypedJson(value)}`;
}

export const numericDateType = defineRule({
  id: 'numeric-date-type',
  defaultSeverity: 'error',
  title: 'Date claim is not a number',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const name of DATE_CLAIMS) {
      const reading = readNumericDate(ctx.claims, name);
      if (reading.kind === 'wrong-type') hits.push({ message: typeMessage(name, reading.value), segment: 1 });
    }
    return hits;
  },
});

const OUT_OF_RANGE_CONSEQUENCE: Readonly<Record<DateClaim, string>> = {
  exp: 'so the token effectively never expires',
  nbf: 'so the token never becomes valid',
  iat: 'so the issue time means nothing',
};

function outOfRangeMessage(name: DateClaim, value: number): string {
  const shown = showDateValue(value);
  if (value < 0) {
    return `${name} ${shown} is not a plausible NumericDate (before 1970)`;
  }
  const consequence = name === 'nbf' || name === 'exp' ? `, ${OUT_OF_RANGE_CONSEQUENCE[name]}` : '';
  return `${name} ${shown} is not a plausible NumericDate (after the year ${LAST_DATE_YEAR})${consequence}${smallerUnitHint(value)}`;
}

export const numericDateOutOfRange = defineRule({
  id: 'numeric-date-out-of-range',
  defaultSeverity: 'warning',
  title: 'Implausible NumericDate',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const name of DATE_CLAIMS) {
      const reading = readNumericDate(ctx.claims, name);
      if (reading.kind === 'out-of-range') hits.push({ message: outOfRangeMessage(name, reading.value), segment: 1 });
    }
    return hits;
  },
});

function yearOf(seconds: number): string {
  if (!isRepresentableDate(seconds)) return `after ${LAST_DATE_YEAR}`;
  return String(new Date(seconds * 1000).getUTCFullYear());
}

export const expInMilliseconds = defineRule({
  id: 'exp-in-milliseconds',
  defaultSeverity: 'warning',
  title: 'NumericDate in milliseconds',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const name of DATE_CLAIMS) {
      const reading = readNumericDate(ctx.claims, name);
      if (reading.kind !== 'milliseconds') continue;

      // NumericDate counts seconds (RFC 7519 2); Date.now() counts milliseconds.
      const value = reading.value;
      hits.push({
        message: `${name} ${value} looks like milliseconds: as seconds it is in the year ${yearOf(value)}, as milliseconds it is ${formatNumericDate(value / 1000)}; divide it by 1000`,
        segment: 1,
      });
    }
    return hits;
  },
});
