/** `jwt-lens scan [PATH...]`: finds and judges every token in files, folders, glob matches or stdin. */
import { analyzeText } from '../../core/analyze';
import { dirname } from 'node:path';
import { ANALYSIS_OPTIONS, ANALYSIS_OPTIONS_HELP, loadAnalysisSettings, type AnalysisSettings } from '../analysis';
import { EXIT_OK, parseCommandArgs, stringOption, UsageError } from '../args';
import { runCommand } from '../command';
import { collectFiles, displayPath, formatBytes, IGNORED_DIRECTORIES, parseByteSize, readScanFile } from '../files';
import { formatScanText } from '../format/text';
import type { CliIo } from '../io';
import { writeRunReport } from '../output';
import type { FileReport, RunReport } from '../report';
import { STDIN_PATH } from '../tokenInput';

/** Files larger than this are skipped unless `--max-file-size` raises the limit. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export const SCAN_USAGE = `Usage: jwt-lens scan [PATH...] [options]

Finds every JWT in the given files, folders (recursively) and glob patterns, decodes it and checks
it against the policy. Without PATH, or with -, reads standard input. Folder walks and globs skip
${IGNORED_DIRECTORIES.join(' and ')}; binary files (a NUL byte in the first 8 KiB) and files over the
size limit are skipped and listed. Quote glob patterns so the shell does not expand them:
'src/**/*.ts'.

${ANALYSIS_OPTIONS_HELP}
  --max-file-size SIZE      Skip files larger than SIZE, in bytes or with a k, M or G suffix
                            (default ${formatBytes(DEFAULT_MAX_FILE_SIZE).replace(' MiB', 'M')}).

Exit codes: 0 no finding reaches --fail-on, 1 one does, 2 usage error or an input that cannot be read.
`;

const SCAN_OPTIONS = { ...ANALYSIS_OPTIONS, 'max-file-size': { type: 'string' as const } };

export async function run(args: string[], io: CliIo): Promise<number> {
  return runCommand('scan', io, async () => {
    const { values, positionals } = parseCommandArgs('scan', args, SCAN_OPTIONS);
    if (values['help'] === true) {
      io.stdout.write(SCAN_USAGE);
      return EXIT_OK;
    }

    const maxFileSize = readMaxFileSize(stringOption(values, 'max-file-size'));
    const settings = await loadAnalysisSettings('scan', values, io);
    const report = await scanInputs(positionals, io, settings, maxFileSize);
    return await writeRunReport(report, settings, io, formatScanText);
  });
}

function readMaxFileSize(text: string | undefined): number {
  if (text === undefined) {
    return DEFAULT_MAX_FILE_SIZE;
  }
  const bytes = parseByteSize(text);
  if (bytes === undefined || bytes <= 0) {
    throw new UsageError(`invalid value for --max-file-size: "${text}" (expected a size such as 500000, 512k or 10M)`, 'scan');
  }
  return bytes;
}

async function scanInputs(inputs: readonly string[], io: CliIo, settings: AnalysisSettings, maxFileSize: number): Promise<RunReport> {
  const report: RunReport = { files: [], skipped: [], errors: [] };
  const paths = inputs.filter((input) => input !== STDIN_PATH);

  if (inputs.length === 0 && io.stdinIsTTY === true) {
    throw new UsageError('no input given: pass files, folders or glob patterns, or pipe text into standard input', 'scan');
  }
  if (inputs.length === 0 || paths.length < inputs.length) {
    const tokens = await analyzeText(await io.readStdin(maxFileSize), settings.analyzeOptions);
    if (tokens.length > 0) {
      report.files.push({ path: STDIN_PATH, absolutePath: null, tokens });
    }
  }

  const collected = await collectFiles(paths, io.cwd);
  report.errors = report.errors.concat(collected.errors);

  for (const path of collected.paths) {
    const shown = displayPath(path, io.cwd);
    const content = await readScanFile(path, maxFileSize);
    if (content.kind === 'error') {
      report.errors.push({ path: shown, reason: content.reason });
    } else if (content.kind === 'skipped') {
      report.skipped.push({ path: shown, reason: content.reason, kind: content.skip });
    } else {
      const options = await settings.optionsForDirectory(dirname(path));
      const file: FileReport = { path: shown, absolutePath: path, tokens: await analyzeText(content.text, options) };
      if (file.tokens.length > 0) {
        report.files.push(file);
      }
    }
  }
  return report;
}
