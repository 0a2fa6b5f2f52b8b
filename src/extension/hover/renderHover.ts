/**
 * Builds the Markdown of a token hover from the engine's report. Every piece of token text is
 * escaped; the only links are `command:` links to our own commands. No `vscode` import, so the
 * output is unit-tested in plain Node.
 */
import { describeClaim, describeHeaderParameter, NUMERIC_DATE_CLAIMS } from '../../core/describe/claims';
import { describeTokenKind } from '../../core/describe/tokenKind';
import type { Finding, Position, TokenReport, VerificationResult } from '../../core/model';
import { describeRelative, isRepresentableDate } from '../../core/time';
import { commandLink, escapeMarkdownText, fencedCodeBlock } from './markdown';
import { foldJson, foldText } from './foldJson';
import { formatDateClaim, stringifyJsonPreview } from '../jsonPreview';

/** Commands a hover may link to; only these are trusted in the hover's MarkdownString. */
export const HOVER_COMMANDS = ['jwtLens.openPanel', 'jwtLens.verifyToken', 'jwtLens.copyDecodedHeader', 'jwtLens.copyDecodedClaims'] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

export interface HoverRenderOptions {
  /** The current time in seconds since the epoch. */
  now: number;
  /** Commands that are registered; links to others are left out. */
  availableCommands: ReadonlySet<string>;
  /** The token's document and range, passed to the linked commands with the token (`{ token, uri, range }`). */
  source?: { uri: string; range: [Position, Position] };
}

/** Maximum characters of header or payload text shown when it is not JSON. */
const MAX_TEXT = 2000;
/** Findings listed before "… N more findings". */
const MAX_FINDINGS = 15;
/** Characters of a claim value shown in the claim list. */
const MAX_VALUE_PREVIEW = 80;

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/** Shows a header or claim value in one line: strings as they are, anything else as JSON. */
function previewValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = String(value);
  else text = stringifyJsonPreview(value);
  return foldText(text, MAX_VALUE_PREVIEW);
}

function renderTitle(report: TokenReport): string {
  const { decoded } = report;
  const header = decoded.header ?? {};
  const kind = describeTokenKind(decoded);
  const parts = [kind];
  for (const name of ['alg', 'enc', 'typ', 'kid'] as const) {
    // "JWS (unsecured, alg none)" already names the alg.
    if (name === 'alg' && kind.includes(`alg ${String(header.alg)}`)) continue;
    if (name in header) parts.push(`${name} ${previewValue(header[name])}`);
  }
  return `**JSON Web Token**: ${escapeMarkdownText(parts.join(', '))}`;
}

function renderVerification(verification: VerificationResult): string {
  switch (verification.status) {
    case 'verified':
      return `**Signature verified** with ${escapeMarkdownText(verification.verifiedBy ?? 'a configured key')}.`;
    case 'invalid':
      return `**Signature invalid**: ${escapeMarkdownText(verification.reason)}`;
    default:
      return `**Not verified**: ${escapeMarkdownText(verification.reason)}`;
  }
}

/** Words for a NumericDate claim relative to now: "expires in 2 h", "expired 3 days ago". */
function relativeWording(claim: string, value: number, now: number): string {
  const relative = describeRelative(value, now);
  const future = value > now;
  if (relative === 'now') {
    const nowWording: Record<string, string> = { exp: 'expires now', nbf: 'valid from now', iat: 'issued now' };
    return nowWording[claim] ?? 'now';
  }
  switch (claim) {
    case 'exp':
      return future ? `expires ${relative}` : `expired ${relative}`;
    case 'nbf':
      return future ? `not valid yet, valid ${relative}` : `valid since ${relative}`;
    case 'iat':
      return future ? `issued in the future, ${relative}` : `issued ${relative}`;
    default:
      return relative;
  }
}

function renderTimes(claims: Record<string, unknown>, now: number): string[] {
  const lines: string[] = [];
  for (const claim of NUMERIC_DATE_CLAIMS) {
    if (!Object.hasOwn(claims, claim)) continue;
    const value = claims[claim];
    const date = formatDateClaim(value);
    const wording = typeof value === 'number' && isRepresentableDate(value) ? ` (${relativeWording(claim, value, now)})` : '';
    lines.push(`- ${escapeMarkdownText(`${claim}: ${date}${wording}`)}`);
  }
  return lines;
}

function renderFindings(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['No findings.'];
  const lines = findings
    .slice(0, MAX_FINDINGS)
    .map((finding) => `- **${SEVERITY_LABEL[finding.severity]}** ${escapeMarkdownText(`${finding.rule}: ${finding.message}`)}`);
  if (findings.length > MAX_FINDINGS) lines.push(`- … ${findings.length - MAX_FINDINGS} more findings (open the token in the panel to see all)`);
  return lines;
}

/** Lists the well-known members of an object with their description; private ones are only in the JSON. */
function renderDescriptions(members: Record<string, unknown>, describe: typeof describeClaim): string[] {
  const lines: string[] = [];
  for (const name of Object.keys(members)) {
    const description = describe(name);
    if (!description) continue;
    lines.push(`- **${escapeMarkdownText(name)}** ${escapeMarkdownText(`(${description.title}, ${description.source}): ${description.description}`)}`);
  }
  return lines;
}

function renderHeader(report: TokenReport): string[] {
  const { decoded } = report;
  if (decoded.header) {
    return ['**Header**', fencedCodeBlock(foldJson(decoded.header), 'json'), ...renderDescriptions(decoded.header, describeHeaderParameter)];
  }
  if (decoded.headerText !== null) return ['**Header** (not a JSON object)', fencedCodeBlock(foldText(decoded.headerText, MAX_TEXT))];
  return ['**Header**: not UTF-8 text.'];
}

function renderPayload(report: TokenReport, now: number): string[] {
  const { decoded } = report;
  if (decoded.kind === 'jwe') return ['**Payload**: encrypted; it cannot be read without the decryption key.'];

  if (decoded.payloadParsed) {
    const lines = ['**Claims**', fencedCodeBlock(foldJson(decoded.payload), 'json')];
    const claims = decoded.payload;
    if (claims !== null && typeof claims === 'object' && !Array.isArray(claims)) {
      const record = claims as Record<string, unknown>;
      const times = renderTimes(record, now);
      if (times.length > 0) lines.push('**Times** (UTC)', ...times);
      const descriptions = renderDescriptions(record, describeClaim);
      if (descriptions.length > 0) lines.push('**Registered claims**', ...descriptions);
    }
    return lines;
  }
  if (decoded.payloadText !== null) return ['**Payload** (not JSON)', fencedCodeBlock(foldText(decoded.payloadText, MAX_TEXT))];
  return [`**Payload**: not UTF-8 text (${decoded.payloadBytes?.length ?? 0} bytes).`];
}

/**
 * Maximum length of a token passed whole to the copy commands. A longer one is passed as its place in the
 * document, so a 100 kB token does not appear in every link of the hover.
 */
const MAX_TOKEN_IN_COPY_LINK = 16 * 1024;

function renderLinks(report: TokenReport, options: HoverRenderOptions): string | undefined {
  const raw = report.decoded.raw;
  const withToken = [{ token: raw, ...options.source }];
  const copyArgs = raw.length > MAX_TOKEN_IN_COPY_LINK && options.source ? [options.source] : withToken;
  const links: Array<[string, HoverCommand, unknown[]]> = [
    ['Open in panel', 'jwtLens.openPanel', withToken],
    ['Verify with a key', 'jwtLens.verifyToken', withToken],
    ['Copy header', 'jwtLens.copyDecodedHeader', copyArgs],
    ['Copy claims', 'jwtLens.copyDecodedClaims', copyArgs],
  ];
  const shown = links
    .filter(([, command]) => options.availableCommands.has(command))
    .map(([label, command, args]) => commandLink(label, command, args));
  return shown.length > 0 ? shown.join(' · ') : undefined;
}

/** Renders a token report as hover Markdown (to be shown with `supportHtml` false). */
export function renderHover(report: TokenReport, options: HoverRenderOptions): string {
  const blocks: string[] = [renderTitle(report), renderVerification(report.verification)];
  blocks.push(['**Findings**', ...renderFindings(report.findings)].join('\n'));
  blocks.push(...renderHeader(report));
  blocks.push(...renderPayload(report, options.now));
  if (report.decoded.nested) blocks.push('The payload is itself a JWT (nested token); open the token in the panel to inspect it.');

  const links = renderLinks(report, options);
  if (links) blocks.push(links);
  return blocks.join('\n\n');
}
