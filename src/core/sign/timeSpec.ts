/** Parses the time arguments of `jwt-lens sign` (`--exp +2h`, `--nbf 1767225600`). */

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses `+30m`, `-1h`, `+7d` (units s, m, h, d, w, relative to `now`) or a NumericDate in seconds
 * (`1767225600`). Returns an integer NumericDate, or throws a RangeError naming the value.
 */
export function parseTimeSpec(text: string, now: number): number {
  const trimmed = text.trim();

  const relative = /^([+-])(\d{1,9})([smhdw])$/.exec(trimmed);
  if (relative !== null) {
    const [, sign, amount, unit] = relative;
    const offset = Number(amount) * UNIT_SECONDS[unit];
    return Math.floor(now) + (sign === '-' ? -offset : offset);
  }

  if (/^\d{1,12}$/.test(trimmed)) return Number(trimmed);

  throw new RangeError(
    `Invalid time "${text}": use +30m, +2h, +7d, -1h (units s, m, h, d, w) or seconds since the epoch such as 1767225600.`,
  );
}
