/**
 * The `--format json` document, version 1. `docs/json-output.md` describes every field; change the
 * two together, and bump `version` for any change that is not a pure addition.
 */
import type { DecodedToken, Range, TokenReport } from '../../core/model';
import type { RunReport } from '../report';

export const JSON_OUTPUT_VERSION = 1;

export interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  segment?: number;
}

export interface JsonNestedToken {
  kind: 'jws' | 'jwe';
  segments: number;
  header: Record<string, unknown> | null;
  payload: unknown;
}

export interface JsonToken {
  range: Range;
  offset: [number, number];
  kind: 'jws' | 'jwe';
  segments: number;
  header: Record<string, unknown> | null;
  payload: unknown;
  verifiedBy: string | null;
  verification: { status: string; reason: string };
  nested?: JsonNestedToken;
  findings: JsonFinding[];
}

export interface JsonDocument {
  version: number;
  files: { path: string; tokens: JsonToken[] }[];
  skipped: { path: string; reason: string; kind: 'binary' | 'too-large' | null }[];
  errors: { path: string; message: string }[];
}

export function toJsonDocument(report: RunReport): JsonDocument {
  return {
    version: JSON_OUTPUT_VERSION,
    files: report.files.map((file) => ({ path: file.path, tokens: file.tokens.map(toJsonToken) })),
    skipped: report.skipped.map((input) => ({ path: input.path, reason: input.reason, kind: input.kind ?? null })),
    errors: report.errors.map((input) => ({ path: input.path, message: input.reason })),
  };
}

function toJsonToken(token: TokenReport): JsonToken {
  const json: JsonToken = {
    range: token.range,
    offset: [token.match.start, token.match.end],
    kind: token.match.kind,
    segments: token.match.segments,
    header: token.decoded.header,
    payload: decodedPayload(token.decoded),
    verifiedBy: token.verification.verifiedBy,
    verification: { status: token.verification.status, reason: token.verification.reason },
    findings: token.findings.map((finding) => {
      const entry: JsonFinding = { rule: finding.rule, severity: finding.severity, message: finding.message };
      if (finding.segment !== undefined) {
        entry.segment = finding.segment;
      }
      return entry;
    }),
  };

  const nested = token.decoded.nested;
  if (nested !== undefined) {
    json.nested = { kind: nested.kind, segments: nested.parts.length, header: nested.header, payload: decodedPayload(nested) };
  }
  return json;
}

/** Returns the parsed payload, or null when it did not parse (a JSON `null` payload also prints as null). */
function decodedPayload(decoded: DecodedToken): unknown {
  return decoded.payloadParsed ? decoded.payload : null;
}

/**
 * Serialises the document as JSON text. JSON has no Infinity or NaN, and `JSON.stringify` would
 * print them as null, so non-finite numbers (a claim written `1e400` parses to Infinity) become the
 * strings "Infinity", "-Infinity" and "NaN".
 */
export function formatJson(report: RunReport): string {
  return `${JSON.stringify(toJsonDocument(report), replaceNonFinite, 2)}\n`;
}

function replaceNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  return value;
}
