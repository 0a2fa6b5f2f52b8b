import { formatNumber, formatNumericDate, isRepresentableDate } from '../../time';

/** The NumericDate claims of RFC 7519 4.1.4 to 4.1.6. */
export const DATE_CLAIMS = ['exp', 'nbf', 'iat'] as const;
export type DateClaim = (typeof DATE_CLAIMS)[number];

/**
 * The reading of a NumericDate claim. Only `valid` values take part in expiry and validity checks, so
 * a string, a millisecond value or 1e50 is reported once by its own rule and never as "expired".
 */
export type DateReading =
  | { kind: 'absent' }
  | { kind: 'wrong-type'; value: unknown }
  | { kind: 'out-of-range'; value: number }
  | { kind: 'milliseconds'; value: number }
  | { kind: 'valid'; value: number };

/** Seconds values from here up are the year 5138 or later, but as milliseconds they are 1973 to 5138. */
const MILLISECONDS_FROM = 1e11;
const MILLISECONDS_UP_TO = 1e14;

export function readNumericDate(claims: Readonly<Record<string, unknown>> | null, name: DateClaim): DateReading {
  if (claims === null || !Object.hasOwn(claims, name)) return { kind: 'absent' };

  const value = claims[name];
  if (typeof value !== 'number') return { kind: 'wrong-type', value };
  if (!Number.isFinite(value) || value < 0) return { kind: 'out-of-range', value };
  if (value >= MILLISECONDS_FROM && value < MILLISECONDS_UP_TO) return { kind: 'milliseconds', value };
  if (!isRepresentableDate(value)) return { kind: 'out-of-range', value };
  return { kind: 'valid', value };
}

/** Returns the value when the claim is a usable NumericDate, else undefined. */
export function validDate(claims: Readonly<Record<string, unknown>> | null, name: DateClaim): number | undefined {
  const reading = readNumericDate(claims, name);
  return reading.kind === 'valid' ? reading.value : undefined;
}

/** First year a NumericDate cannot be shown as a calendar date in JavaScript. */
export const LAST_DATE_YEAR = 275760;

/** Names the date an out-of-range value would be in a smaller unit, when one gives a plausible date. */
export function smallerUnitHint(value: number): string {
  const units: Array<[number, string]> = [
    [1e6, 'microseconds'],
    [1e9, 'nanoseconds'],
  ];
  for (const [divisor, unit] of units) {
    const seconds = value / divisor;
    // A plausible reading lies between 2000 and 2100.
    if (seconds >= 946684800 && seconds < 4102444800) {
      return `, and read as ${unit} it is ${formatNumericDate(seconds)}`;
    }
  }
  return '';
}

/** "1e+50", "Infinity", "-5": the value as a message shows it. */
export function showDateValue(value: number): string {
  return formatNumber(value);
}
