/**
 * Runs the engine over editor text without stalling the extension host: a document is analyzed in
 * chunks of whole lines, yielding to the event loop between chunks and stopping when cancelled.
 */
import { analyzeText } from '../core/analyze';
import type { AnalyzeOptions, TokenReport } from '../core/model';

/** Characters per chunk: about a millisecond of scanning, so an edit waits at most one chunk. */
const CHUNK_SIZE = 64 * 1024;
/**
 * Longest line kept in front of a chunk as context, so a `jwt-lens-ignore-next-line` directive on
 * the line before the chunk still applies. Directive lines are short; a longer line is not one.
 */
const MAX_CONTEXT_LINE = 4096;
/** Characters on each side of the cursor that a hover or status bar lookup analyzes on a long line. */
const LOOKUP_WINDOW = 256 * 1024;

/** A report whose offsets (`match.start`, `match.end`) are relative to the whole document. */
export type DocumentReport = TokenReport;

export interface ChunkedAnalysisOptions {
  /** Returns true once the result is no longer wanted (the document changed or closed). */
  isCancelled?(): boolean;
  chunkSize?: number;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Index one past the end of the line holding `offset` (after its line break), or `text.length`. */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Start of the line before the one starting at `lineStart`, or `lineStart` when there is none. */
function startOfPreviousLine(text: string, lineStart: number): number {
  if (lineStart === 0) return 0;
  const previousBreak = text.lastIndexOf('\n', lineStart - 2);
  return previousBreak + 1;
}

/**
 * Analyzes a whole text chunk by chunk. Returns the reports with document offsets in text order, or
 * undefined when cancelled. Ranges in the reports are relative to their chunk: callers map
 * `match.start`/`match.end` through the document instead.
 *
 * NOTE: checks that compare the tokens of one text (for `alg-confusion`, a `kid` used with both
 * HS* and RS*) compare only tokens within one chunk. In files above 64 kB, a pair that is far
 * apart goes unreported.
 */
export async function analyzeInChunks(
  text: string,
  options: AnalyzeOptions,
  control: ChunkedAnalysisOptions = {},
): Promise<DocumentReport[] | undefined> {
  const chunkSize = control.chunkSize ?? CHUNK_SIZE;
  const reports: DocumentReport[] = [];

  for (let chunkStart = 0; chunkStart < text.length; ) {
    const chunkEnd = endOfLine(text, Math.min(text.length, chunkStart + chunkSize));
    let contextStart = startOfPreviousLine(text, chunkStart);
    if (chunkStart - contextStart > MAX_CONTEXT_LINE) contextStart = chunkStart;

    const chunkReports = await analyzeText(text.slice(contextStart, chunkEnd), options);
    if (control.isCancelled?.()) return undefined;
    for (const report of chunkReports) {
      const start = report.match.start + contextStart;
      // Tokens on the context line belong to the previous chunk.
      if (start < chunkStart) continue;
      reports.push({ ...report, match: { ...report.match, start, end: report.match.end + contextStart } });
    }

    chunkStart = chunkEnd;
    if (chunkStart < text.length) {
      await yieldToEventLoop();
      if (control.isCancelled?.()) return undefined;
    }
  }
  return reports;
}

/** True for characters that can be part of a token or sit right next to one inside a word. */
function isTokenCharacter(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x2d || // -
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x3d || // =
    code === 0x2b || // +
    code === 0x2f // /
  );
}

/**
 * Analyzes the token under `character` in one line of text: the run of token characters around it,
 * cut at `LOOKUP_WINDOW` characters on each side. Returns the report with offsets relative to the
 * line, or undefined when no token is there.
 */
export async function analyzeAtCharacter(line: string, character: number, options: AnalyzeOptions): Promise<DocumentReport | undefined> {
  let start = Math.min(character, line.length);
  const lowest = Math.max(0, character - LOOKUP_WINDOW);
  while (start > lowest && isTokenCharacter(line.charCodeAt(start - 1))) start--;
  let end = Math.min(character, line.length);
  const highest = Math.min(line.length, character + LOOKUP_WINDOW);
  while (end < highest && isTokenCharacter(line.charCodeAt(end))) end++;
  if (end === start) return undefined;

  // Keep one character on each side, so a scanner that checks the neighbouring characters finds a boundary.
  const windowStart = Math.max(0, start - 1);
  const windowEnd = Math.min(line.length, end + 1);
  const reports = await analyzeText(line.slice(windowStart, windowEnd), options);
  for (const report of reports) {
    const tokenStart = report.match.start + windowStart;
    const tokenEnd = report.match.end + windowStart;
    if (tokenStart <= character && character <= tokenEnd) {
      return { ...report, match: { ...report.match, start: tokenStart, end: tokenEnd } };
    }
  }
  return undefined;
}

/** Finds the report whose token covers `offset` (inclusive of the end, like a cursor after the last character). */
export function reportAtOffset(reports: readonly DocumentReport[], offset: number): DocumentReport | undefined {
  let low = 0;
  let high = reports.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const report = reports[middle];
    if (offset < report.match.start) high = middle - 1;
    else if (offset > report.match.end) low = middle + 1;
    else return report;
  }
  return undefined;
}

/** Offsets of each dot-separated segment of a token, relative to the token's start. */
export function segmentOffsets(raw: string): Array<{ start: number; end: number }> {
  const segments: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (;;) {
    const dot = raw.indexOf('.', start);
    if (dot < 0) {
      segments.push({ start, end: raw.length });
      return segments;
    }
    segments.push({ start, end: dot });
    start = dot + 1;
  }
}
