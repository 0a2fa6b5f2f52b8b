/**
 * Builds what the panel's webview shows from the engine's report on one token. No `vscode` import,
 * so the view can be checked by unit tests in plain Node.
 */

import { describeClaim, NUMERIC_DATE_CLAIMS } from '../../core/describe/claims';
import { describeTokenKind } from '../../core/describe/tokenKind';
import type { TokenReport } from '../../core/model';
import { describeRelative, formatNumber } from '../../core/time';
import { formatDateClaim, stringifyJsonPreview } from '../jsonPreview';
import type { ClaimView, FindingView, KeyOptionView, PanelView, SegmentRole, SegmentView, VerificationView } from './protocol';
import { reindentJson } from './prettyJson';

/** Maximum length of a claim value in the table; the full value is in the decoded claims above it. */
const MAX_CLAIM_VALUE_LENGTH = 2000;

/** Maximum rows of the claims table, so a payload of 200 000 members does not stall the webview. */
export const MAX_CLAIM_ROWS = 200;

/**
 * Maximum segments of the encoded token shown apart. The last one contains the rest of the token, so
 * a pasted text of 500 000 dots does not become 500 000 elements in the webview.
 */
export const MAX_SEGMENTS = 16;

const JWS_ROLES: readonly SegmentRole[] = ['header', 'payload', 'signature'];
const JWE_ROLES: readonly SegmentRole[] = ['header', 'encrypted-key', 'iv', 'ciphertext', 'tag'];

/** The facts a view needs besides the report. */
export interface ViewContext {
  now: number;
  /** A label for the editor the token came from, or null when it was pasted. */
  sourceLabel: string | null;
  keys: KeyOptionView[];
  secretAlgorithms: string[];
  hasStoredSecret: boolean;
}

/** Builds the panel's view of one analysed token. */
export function buildPanelView(report: TokenReport, context: ViewContext): PanelView {
  const { decoded } = report;
  return {
    token: decoded.raw,
    kind: decoded.kind,
    kindLabel: describeTokenKind(decoded),
    segments: segmentsOf(decoded.parts, decoded.kind),
    segmentCount: decoded.parts.length,
    headerText: headerTextOf(report),
    payloadText: payloadTextOf(report),
    claims: claimsOf(decoded.payload, decoded.payloadParsed, context.now),
    omittedClaims: Math.max(0, claimCount(decoded.payload, decoded.payloadParsed) - MAX_CLAIM_ROWS),
    nestedToken: decoded.nested?.raw.trim() ?? null,
    findings: findingsOf(report),
    verification: verificationOf(report),
    source: context.sourceLabel === null ? null : { label: context.sourceLabel },
    keys: context.keys,
    secretAlgorithms: context.secretAlgorithms,
    hasStoredSecret: context.hasStoredSecret,
  };
}

/**
 * Tags each segment with what it contains; segments past the fifth (a malformed token) are `extra`.
 * Segments from the `MAX_SEGMENTS`th on are joined with their dots into one last `extra` segment.
 */
export function segmentsOf(parts: readonly string[], kind: 'jws' | 'jwe'): SegmentView[] {
  const roles = kind === 'jwe' ? JWE_ROLES : JWS_ROLES;
  const shown = parts.length > MAX_SEGMENTS ? [...parts.slice(0, MAX_SEGMENTS - 1), parts.slice(MAX_SEGMENTS - 1).join('.')] : parts;
  return shown.map((text, index) => ({ role: roles[index] ?? 'extra', text }));
}

function headerTextOf(report: TokenReport): string | null {
  const { header, headerText } = report.decoded;
  if (headerText === null) return null;
  // The decoder parsed it, so re-indenting keeps every member, duplicates included.
  return header !== null ? reindentJson(headerText) : headerText;
}

function payloadTextOf(report: TokenReport): string | null {
  const { payloadParsed, payloadText } = report.decoded;
  if (payloadText === null) return null;
  return payloadParsed ? reindentJson(payloadText) : payloadText;
}

/**
 * Lists the first `MAX_CLAIM_ROWS` claims of a JSON object payload with their descriptions and, for
 * dates, human times.
 */
export function claimsOf(
  payload: unknown,
  payloadParsed: boolean,
  now: number,
): ClaimView[] {
  if (!isClaimsObject(payload, payloadParsed)) return [];

  const rows: ClaimView[] = [];
  for (const name in payload) {
    if (rows.length === MAX_CLAIM_ROWS) break;
    if (!Object.hasOwn(payload, name)) continue;
    const value = payload[name];
    rows.push({
      name,
      value: claimValueText(value),
      description: claimDescriptionText(name),
      time: NUMERIC_DATE_CLAIMS.has(name) ? timeOf(value, now) : null,
    });
  }
  return rows;
}

function claimCount(payload: unknown, payloadParsed: boolean): number {
  return isClaimsObject(payload, payloadParsed) ? Object.keys(payload).length : 0;
}

function isClaimsObject(payload: unknown, payloadParsed: boolean): payload is Record<string, unknown> {
  return payloadParsed && typeof payload === 'object' && payload !== null && !Array.isArray(payload);
}

/** Formats a date claim as UTC time and relative wording; 1e50, Infinity and strings get a note instead. */
export function timeOf(value: unknown, now: number): { iso: string; relative: string } {
  const iso = formatDateClaim(value);
  const relative = typeof value === 'number' ? describeRelative(value, now) : 'not a NumericDate';
  return { iso, relative };
}

function claimDescriptionText(name: string): string | null {
  const description = describeClaim(name);
  return description === undefined ? null : `${description.title}: ${description.description} (${description.source})`;
}

function claimValueText(value: unknown): string {
  // JSON.stringify turns Infinity (from `1e400`) into `null`, which would misreport the claim.
  const text = typeof value === 'number' ? formatNumber(value) : stringifyJsonPreview(value);
  if (text.length <= MAX_CLAIM_VALUE_LENGTH) return text;
  return `${text.slice(0, MAX_CLAIM_VALUE_LENGTH)}… (${text.length - MAX_CLAIM_VALUE_LENGTH} more characters)`;
}

function findingsOf(report: TokenReport): FindingView[] {
  return report.findings.map((finding) => ({
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
  }));
}

/** Copies the verification state for the view: labels only, never the key or a weak secret's value. */
export function verificationOf(report: Pick<TokenReport, 'verification'>): VerificationView {
  const { status, verifiedBy, reason } = report.verification;
  return { status, verifiedBy, reason };
}
