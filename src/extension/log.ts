/** Helpers for the "JWT Lens" log channel. A token or secret is never logged whole. */

/** Characters of the payload kept after the header in a redacted token. */
const PAYLOAD_PREVIEW = 4;
/** Longest header segment kept; a longer one is cut as well. */
const HEADER_PREVIEW = 40;

/**
 * Shortens a token for the log: the header segment (which names the algorithm and key, and is cut at
 * 40 characters), the first few payload characters and the total length. The signature never appears.
 */
export function redactToken(raw: string): string {
  const firstDot = raw.indexOf('.');
  const header = firstDot < 0 ? raw.slice(0, 8) : raw.slice(0, Math.min(firstDot, HEADER_PREVIEW));
  const payloadPreview = firstDot < 0 ? '' : `.${raw.slice(firstDot + 1, firstDot + 1 + PAYLOAD_PREVIEW)}`;
  return `${header}${payloadPreview}… (${raw.length} characters)`;
}

/** Formats a caught error for the log, with its stack when it has one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
