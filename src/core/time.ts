/**
 * Human-readable NumericDates and durations for hovers, the panel, the CLI and rule messages.
 * Nothing here reads the clock: callers pass `now` in seconds since the epoch.
 */

/** Largest NumericDate a JavaScript `Date` can hold (8.64e15 ms, in the year 275760), in seconds. */
export const MAX_DATE_SECONDS = 8.64e12;

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
/** A Julian year (365.25 days), so long spans come out close to calendar years. */
const YEAR = 365.25 * DAY;

/** True when `seconds` is a number that `Date` can turn into a calendar date. */
export function isRepresentableDate(seconds: unknown): seconds is number {
  return typeof seconds === 'number' && Number.isFinite(seconds) && Math.abs(seconds) <= MAX_DATE_SECONDS;
}

/**
 * Formats a NumericDate as ISO 8601 UTC ("2026-01-01T00:00:00Z", with milliseconds only when the
 * value has a fraction). Never throws: values `Date` cannot hold (NaN, Infinity, 1e50) and
 * non-numbers come back as their JSON text with a short note.
 */
export function formatNumericDate(value: unknown): string {
  if (typeof value !== 'number') {
    return `${describeJson(value)} (not a NumericDate)`;
  }
  if (!isRepresentableDate(value)) {
    return `${formatNumber(value)} (not a representable date)`;
  }

  const iso = new Date(value * 1000).toISOString();
  return Number.isInteger(value) ? iso.replace('.000Z', 'Z') : iso;
}

/** Formats a number for a message: integers in full up to 1e21, others as JavaScript prints them. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

/**
 * Formats a duration in seconds with its two largest units: "45 s", "5 min", "2 h 13 min",
 * "3 days", "7 years 348 days". The sign is ignored; non-finite values read "an unbounded time".
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'an unbounded time';

  let rest = Math.abs(seconds);
  if (rest < 1) return rest === 0 ? '0 s' : 'less than 1 s';

  const units: Array<[number, (n: number) => string]> = [
    [YEAR, (n) => (n === 1 ? '1 year' : `${n} years`)],
    [DAY, (n) => (n === 1 ? '1 day' : `${n} days`)],
    [HOUR, (n) => `${n} h`],
    [MINUTE, (n) => `${n} min`],
    [1, (n) => `${n} s`],
  ];
  const parts: string[] = [];
  for (const [size, label] of units) {
    if (parts.length === 2) break;
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(label(count));
      rest -= count * size;
    } else if (parts.length === 1) {
      // Two units must be adjacent: "1 h 5 s" would hide that the minutes are zero.
      break;
    }
  }
  return parts.join(' ');
}

/**
 * Describes a NumericDate relative to `now`: "in 2 h 13 min", "3 days ago" or "now".
 * Values `Date` cannot hold read "at an unrepresentable time".
 */
export function describeRelative(seconds: number, now: number): string {
  if (!isRepresentableDate(seconds)) return 'at an unrepresentable time';

  const delta = seconds - now;
  if (Math.abs(delta) < 1) return 'now';
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

/** Names a JSON value's type for messages: "a string", "an array", "null", "a boolean". */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/**
 * Shows a JSON value in a message, cut to `max` characters so a huge claim cannot flood a hover.
 * Never throws: a value too deeply nested to stringify is described by its type ("an array").
 */
export function describeJson(value: unknown, max = 60): string {
  let text: string;
  if (typeof value === 'number') {
    text = formatNumber(value);
  } else {
    try {
      text = JSON.stringify(value) ?? describeJsonType(value);
    } catch {
      // JSON.stringify raises RangeError on deep nesting (about 10 000 levels in Node 20), and String() would
      // recurse through Array.prototype.join and raise it again.
      text = describeJsonType(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Names a JSON value's type and shows the value, as in `an array ([1,2])`. Shows the type alone
 * when the value cannot be shown because it is nested too deeply.
 */
export function describeTypedJson(value: unknown, max = 60): string {
  const type = describeJsonType(value);
  const shown = describeJson(value, max);
  return shown === type && value !== null ? type : `${type} (${shown})`;
}
