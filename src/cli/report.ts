/**
 * The result of one CLI run, shared by the text, JSON and SARIF formatters and by the exit-code
 * logic.
 */
import type { Severity, TokenReport } from '../core/model';

/** The tokens found in one input. */
export interface FileReport {
  /**
   * The input as the user sees it: a path relative to the working directory (with `/` separators),
   * an absolute path when the file lies outside it, `-` for standard input or `<argument>` for a
   * token given on the command line.
   */
  path: string;
  /** The file's absolute path, or null for standard input and arguments. */
  absolutePath: string | null;
  tokens: TokenReport[];
}

/** An input that was not scanned, and why. */
export interface SkippedInput {
  path: string;
  reason: string;
  /** The reason category of a skip; absent for read errors. */
  kind?: 'binary' | 'too-large';
}

export interface RunReport {
  files: FileReport[];
  skipped: SkippedInput[];
  /** Inputs that could not be read; any of them makes the exit code 2. */
  errors: SkippedInput[];
}

/** `--fail-on` levels, from the strictest threshold to none at all. */
export const FAIL_ON_LEVELS = ['info', 'warning', 'error', 'none'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** True when at least one finding reaches the `failOn` severity. */
export function hasFailingFinding(report: RunReport, failOn: FailOn): boolean {
  if (failOn === 'none') {
    return false;
  }
  const threshold = SEVERITY_RANK[failOn];
  return report.files.some((file) =>
    file.tokens.some((token) => token.findings.some((finding) => SEVERITY_RANK[finding.severity] >= threshold)),
  );
}

export interface FindingCounts {
  tokens: number;
  error: number;
  warning: number;
  info: number;
}

export function countFindings(report: RunReport): FindingCounts {
  const counts: FindingCounts = { tokens: 0, error: 0, warning: 0, info: 0 };
  for (const file of report.files) {
    counts.tokens += file.tokens.length;
    for (const token of file.tokens) {
      for (const finding of token.findings) {
        counts[finding.severity] += 1;
      }
    }
  }
  return counts;
}
