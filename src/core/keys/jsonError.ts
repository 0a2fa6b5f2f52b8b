/**
 * Describes a `JSON.parse` failure of key material without quoting it. V8 (Node 20 and later)
 * writes messages such as `Unexpected token 'T', ..."k": TOPSECRETV"... is not valid JSON`, which
 * would put up to about 20 characters of a private JWK into stderr or a log.
 */
export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /is not valid JSON$/.test(message) ? 'unexpected character' : message;
}
