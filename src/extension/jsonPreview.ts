/**
 * One-line JSON text of decoded header and claim values for the hover and the panel. `JSON.stringify`
 * recurses, so a claim of 20 000 nested arrays (which `JSON.parse` accepts) overflows the stack;
 * here arrays and objects nested deeper than `MAX_PREVIEW_DEPTH` are replaced by `DEPTH_MARKER`.
 */

import { formatNumericDate } from '../core/time';

/** Arrays and objects nested deeper than this are shown as `DEPTH_MARKER`, as in the CLI's output. */
export const MAX_PREVIEW_DEPTH = 64;

/** The text shown in place of an array or object nested deeper than `MAX_PREVIEW_DEPTH`. */
export const DEPTH_MARKER = `[nested deeper than ${MAX_PREVIEW_DEPTH} levels]`;

/**
 * Formats a decoded JSON value as compact JSON text, the same as `JSON.stringify` for values up to
 * `MAX_PREVIEW_DEPTH` levels deep. A value that is not JSON (`undefined`) gives its `String` form.
 */
export function stringifyJsonPreview(value: unknown): string {
  const parts: string[] = [];
  appendJson(value, 0, parts);
  return parts.join('');
}

/**
 * Formats a NumericDate claim (`exp`, `nbf`, `iat`) as `formatNumericDate` does, after cutting arrays
 * and objects below `MAX_PREVIEW_DEPTH`, because its note on a value that is not a number
 * stringifies the value whole.
 */
export function formatDateClaim(value: unknown): string {
  return formatNumericDate(limitJsonDepth(value, 0));
}

/** Returns a copy of `value` with arrays and objects below `MAX_PREVIEW_DEPTH` replaced by `DEPTH_MARKER`. */
function limitJsonDepth(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_PREVIEW_DEPTH) return DEPTH_MARKER;
  if (Array.isArray(value)) return value.map((item: unknown) => limitJsonDepth(item, depth + 1));
  // Object.fromEntries defines each member, so a "__proto__" member stays a member.
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, limitJsonDepth(member, depth + 1)]));
}

function appendJson(value: unknown, depth: number, parts: string[]): void {
  if (value === null || typeof value !== 'object') {
    parts.push(JSON.stringify(value) ?? String(value));
    return;
  }
  if (depth >= MAX_PREVIEW_DEPTH) {
    parts.push(DEPTH_MARKER);
    return;
  }

  if (Array.isArray(value)) {
    parts.push('[');
    (value as unknown[]).forEach((item, index) => {
      if (index > 0) parts.push(',');
      appendJson(item, depth + 1, parts);
    });
    parts.push(']');
    return;
  }

  parts.push('{');
  let first = true;
  for (const [name, member] of Object.entries(value)) {
    if (!first) parts.push(',');
    first = false;
    parts.push(JSON.stringify(name), ':');
    appendJson(member, depth + 1, parts);
  }
  parts.push('}');
}
