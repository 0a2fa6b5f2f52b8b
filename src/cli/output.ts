/** Prints a run report in the chosen format and picks the exit code. */
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './args';
import type { AnalysisSettings } from './analysis';
import { createPalette, escapeControlCharacters, shouldColor } from './format/color';
import { limitReportDepth } from './format/depth';
import { formatJson } from './format/json';
import { findRepositoryRoot, formatSarif } from './format/sarif';
import type { TextOptions } from './format/text';
import type { CliIo } from './io';
import { hasFailingFinding, type RunReport } from './report';

export type TextFormatter = (report: RunReport, options: TextOptions) => string;

/**
 * Writes `report` to stdout and read errors to stderr, then returns 2 when an input could not be
 * read, 1 when a finding reaches `--fail-on`, else 0.
 */
export async function writeRunReport(fullReport: RunReport, settings: AnalysisSettings, io: CliIo, formatText: TextFormatter): Promise<number> {
  const report = limitReportDepth(fullReport);
  for (const failure of report.errors) {
    io.stderr.write(`jwt-lens: cannot read ${escapeControlCharacters(failure.path)}: ${escapeControlCharacters(failure.reason)}\n`);
  }

  switch (settings.format) {
    case 'json':
      io.stdout.write(formatJson(report));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(report, { root: (await findRepositoryRoot(io.cwd)) ?? io.cwd }));
      break;
    default: {
      const palette = createPalette(shouldColor(io, settings.noColor));
      io.stdout.write(formatText(report, { palette, now: settings.analyzeOptions.now }));
    }
  }

  if (report.errors.length > 0) {
    return EXIT_USAGE;
  }
  return hasFailingFinding(report, settings.failOn) ? EXIT_FINDINGS : EXIT_OK;
}
