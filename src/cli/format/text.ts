/**
 * Human-readable output: one block per token, headed by `path:line:column` (1-based, so terminals
 * and editors can jump to it), then the token's key facts and its findings. Nothing here prints a
 * whole token: the block shows decoded parts only.
 */
import type { DecodedToken, Finding, TokenReport } from '../../core/model';
import { describeJson, describeRelative, formatNumericDate } from '../../core/time';
import { countFindings, type FileReport, type RunReport } from '../report';
import { escapeControlCharacters as safe, type Palette } from './color';

export interface TextOptions {
  palette: Palette;
  /** Whether to explain an unverified status ("No key is configured…"); invalid signatures are always explained. */
  explainUnverified?: boolean;
  /** The evaluation time in seconds since the epoch, for "in 2 h" and "3 days ago". */
  now: number;
}

/** Claims shown in a scan block, in this order, when present. */
const KEY_CLAIMS = ['iss', 'sub', 'aud', 'iat', 'nbf', 'exp'] as const;
const TIME_CLAIMS = new Set(['iat', 'nbf', 'exp']);
const MAX_VALUE_LENGTH = 80;

/** Formats `jwt-lens scan` output: a block per token with its key claims, then a summary. */
export function formatScanText(report: RunReport, options: TextOptions): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const token of file.tokens) {
      append(lines, tokenHeading(file, token, options));
      append(lines, keyClaimLines(token.decoded, options, '  '));
      append(lines, findingLines(token.findings, options.palette));
      lines.push('');
    }
  }
  append(lines, footerLines(report, options.palette));
  return `${lines.join('\n')}\n`;
}

/** Formats `jwt-lens decode` output: the whole header and payload with readable times, then findings. */
export function formatDecodeText(report: RunReport, options: TextOptions): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const token of file.tokens) {
      append(lines, tokenHeading(file, token, { ...options, explainUnverified: true }));
      append(lines, decodedLines(token.decoded, options, '  '));
      append(lines, findingLines(token.findings, options.palette));
      lines.push('');
    }
  }
  append(lines, footerLines(report, options.palette));
  return `${lines.join('\n')}\n`;
}

/** Formats `jwt-lens check` output: findings only, one line each, then a summary. */
export function formatCheckText(report: RunReport, options: TextOptions): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const token of file.tokens) {
      if (token.findings.length === 0) {
        continue;
      }
      lines.push(options.palette.bold(location(file, token)));
      append(lines, findingLines(token.findings, options.palette));
    }
  }
  append(lines, footerLines(report, options.palette));
  return `${lines.join('\n')}\n`;
}

function location(file: FileReport, token: TokenReport): string {
  return `${safe(file.path)}:${token.range.start.line + 1}:${token.range.start.character + 1}`;
}

function tokenHeading(file: FileReport, token: TokenReport, options: TextOptions): string[] {
  const palette = options.palette;
  const header = token.decoded.header ?? {};
  const parts = [palette.bold(location(file, token)), token.match.kind.toUpperCase()];

  if (typeof header['alg'] === 'string') {
    parts.push(safe(header['alg']));
  } else {
    parts.push(palette.dim('no alg'));
  }
  if (token.match.kind === 'jwe' && typeof header['enc'] === 'string') {
    parts.push(`enc ${safe(header['enc'])}`);
  }
  if (header['kid'] !== undefined) {
    parts.push(`kid ${safe(describeJson(header['kid'], 40))}`);
  }
  parts.push(verificationLabel(token, palette));

  const lines = [parts.join('  ')];
  const status = token.verification.status;
  if (token.verification.reason !== '' && (status === 'invalid' || (status === 'unverified' && options.explainUnverified === true))) {
    lines.push(`  ${palette.dim(safe(token.verification.reason))}`);
  }
  return lines;
}

function verificationLabel(token: TokenReport, palette: Palette): string {
  if (token.verification.weakSecret !== undefined) {
    return palette.red('forgeable: signed with a weak secret');
  }
  if (token.match.kind === 'jwe') {
    return palette.dim('encrypted');
  }
  if (token.decoded.header?.['alg'] === 'none') {
    return palette.red('unsecured');
  }
  switch (token.verification.status) {
    case 'verified':
      return palette.green(`verified by ${safe(token.verification.verifiedBy ?? 'a configured key')}`);
    case 'invalid':
      return palette.red('signature invalid');
    default:
      return palette.dim('not verified');
  }
}

function keyClaimLines(decoded: DecodedToken, options: TextOptions, indent: string): string[] {
  if (decoded.kind === 'jwe') {
    return [`${indent}${options.palette.dim('payload is encrypted (JWE); decoding shows the header only')}`];
  }
  const lines: string[] = [];
  const claims = claimsOf(decoded);
  if (claims === null) {
    lines.push(`${indent}${options.palette.dim(payloadSummary(decoded))}`);
  } else {
    for (const name of KEY_CLAIMS) {
      if (Object.hasOwn(claims, name)) {
        lines.push(claimLine(name, claims[name], options, indent));
      }
    }
  }

  if (decoded.nested !== undefined) {
    append(lines, nestedLines(decoded.nested, options, indent));
  }
  return lines;
}

function nestedLines(nested: DecodedToken, options: TextOptions, indent: string): string[] {
  const alg = typeof nested.header?.['alg'] === 'string' ? ` ${safe(nested.header['alg'])}` : '';
  const lines = [`${indent}${options.palette.cyan(`nested ${nested.kind.toUpperCase()}${alg}`)}`];
  append(lines, keyClaimLines(nested, options, `${indent}  `));
  return lines;
}

function claimLine(name: string, value: unknown, options: TextOptions, indent: string): string {
  const shown = typeof value === 'string' ? safe(truncate(value)) : safe(describeJson(value, MAX_VALUE_LENGTH));
  const label = `${indent}${options.palette.dim(name.padEnd(4))}`;
  if (TIME_CLAIMS.has(name) && typeof value === 'number') {
    return `${label} ${formatTime(value, options.now)}`;
  }
  return `${label} ${shown}`;
}

/** "2026-01-01T00:00:00Z (in 1 h)", or the raw value with a note when no date can hold it. */
function formatTime(seconds: number, now: number): string {
  const date = formatNumericDate(seconds);
  if (!Number.isFinite(seconds) || date.endsWith('(not a representable date)')) {
    return safe(date);
  }
  return `${date} (${describeRelative(seconds, now)})`;
}

function decodedLines(decoded: DecodedToken, options: TextOptions, indent: string): string[] {
  const palette = options.palette;
  const lines = [`${indent}${palette.bold('header')}`];
  if (decoded.header !== null) {
    append(lines, jsonObjectLines(decoded.header, options, `${indent}  `, false));
  } else {
    lines.push(`${indent}  ${palette.dim(decoded.headerText === null ? 'header is not UTF-8 text' : `not a JSON object: ${safe(truncate(decoded.headerText))}`)}`);
  }

  lines.push(`${indent}${palette.bold(decoded.kind === 'jwe' ? 'payload' : 'claims')}`);
  const claims = claimsOf(decoded);
  if (decoded.kind === 'jwe') {
    lines.push(`${indent}  ${palette.dim('encrypted (JWE): the content needs the recipient key, which JWT Lens does not use')}`);
  } else if (claims !== null) {
    append(lines, jsonObjectLines(claims, options, `${indent}  `, true));
  } else {
    lines.push(`${indent}  ${palette.dim(payloadSummary(decoded))}`);
  }

  if (decoded.nested !== undefined) {
    const nested = decoded.nested;
    lines.push(`${indent}${palette.cyan(`nested ${nested.kind.toUpperCase()}`)}`);
    append(lines, decodedLines(nested, options, `${indent}  `));
  }
  return lines;
}

/** Prints an object one member per line, with a readable date after each NumericDate claim. */
function jsonObjectLines(object: Readonly<Record<string, unknown>>, options: TextOptions, indent: string, annotateTimes: boolean): string[] {
  const entries = Object.entries(object);
  if (entries.length === 0) {
    return [`${indent}{}`];
  }
  const lines = [`${indent}{`];
  entries.forEach(([name, value], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    const valueLines = stringifyForDisplay(value).split('\n');
    const first = `${indent}  ${safe(JSON.stringify(name))}: ${safe(valueLines[0] ?? '')}`;
    if (valueLines.length === 1) {
      const note = annotateTimes && TIME_CLAIMS.has(name) && typeof value === 'number' ? `  ${options.palette.dim(formatTime(value, options.now))}` : '';
      lines.push(`${first}${comma}${note}`);
      return;
    }
    lines.push(first);
    valueLines.slice(1, -1).forEach((line) => lines.push(`${indent}  ${safe(line)}`));
    lines.push(`${indent}  ${safe(valueLines[valueLines.length - 1] ?? '')}${comma}`);
  });
  lines.push(`${indent}}`);
  return lines;
}

/** JSON text of a decoded value; non-finite numbers (from `1e400`) print as they parsed. */
function stringifyForDisplay(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'number' && !Number.isFinite(inner) ? `\u0000${inner}\u0000` : inner), 2).replace(
    /"\\u0000(-?Infinity|NaN)\\u0000"/g,
    '$1',
  );
}

function claimsOf(decoded: DecodedToken): Readonly<Record<string, unknown>> | null {
  const payload = decoded.payload;
  if (!decoded.payloadParsed || payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return null;
  }
  return payload as Record<string, unknown>;
}

function payloadSummary(decoded: DecodedToken): string {
  if (decoded.payloadParsed) {
    return `payload is JSON but not an object: ${safe(describeJson(decoded.payload, MAX_VALUE_LENGTH))}`;
  }
  if (decoded.payloadText === null) {
    return decoded.payloadBytes === null ? 'payload did not decode' : `payload is not UTF-8 text (${decoded.payloadBytes.length} bytes)`;
  }
  return decoded.nested !== undefined ? 'payload is a nested token' : `payload is not JSON: ${safe(truncate(decoded.payloadText))}`;
}

function truncate(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function findingLines(findings: readonly Finding[], palette: Palette): string[] {
  return findings.map((finding) => `  ${palette.severity(finding.severity, finding.severity.padEnd(7))}  ${safe(finding.message)}  ${palette.dim(finding.rule)}`);
}

function footerLines(report: RunReport, palette: Palette): string[] {
  const lines: string[] = [];
  // Binary files are expected in a folder walk (images, archives), so only their number is shown.
  const binaryCount = report.skipped.filter((input) => input.kind === 'binary').length;
  for (const input of report.skipped) {
    if (input.kind !== 'binary') {
      lines.push(palette.dim(`skipped ${safe(input.path)}: ${safe(input.reason)}`));
    }
  }
  if (binaryCount > 0) {
    lines.push(palette.dim(`skipped ${plural(binaryCount, 'binary file')}`));
  }

  const counts = countFindings(report);
  // "in 3 tokens (2 files)" for scans of files; an argument or standard input needs no file count.
  const fileCount = report.files.filter((file) => file.tokens.length > 0).length;
  const fromFiles = report.files.some((file) => file.absolutePath !== null);
  const tokens = fromFiles ? `${plural(counts.tokens, 'token')} (${plural(fileCount, 'file')})` : plural(counts.tokens, 'token');
  const total = counts.error + counts.warning + counts.info;
  if (counts.tokens === 0) {
    lines.push('No tokens found.');
  } else if (total === 0) {
    lines.push(palette.green(`No findings in ${tokens}.`));
  } else {
    const bySeverity = [
      palette.red(plural(counts.error, 'error')),
      palette.yellow(plural(counts.warning, 'warning')),
      palette.cyan(`${counts.info} info`),
    ].join(', ');
    lines.push(palette.bold(`${plural(total, 'finding')} (${bySeverity}) in ${tokens}.`));
  }
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Appends `items` to `lines` one by one. `lines.push(...items)` passes every item as an argument, so
 * a payload with a few hundred thousand members overflowed the call stack.
 */
function append(lines: string[], items: readonly string[]): void {
  for (const item of items) {
    lines.push(item);
  }
}
