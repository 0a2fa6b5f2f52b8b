/** `jwt-lens check [TOKEN|-]`: lists a token's findings and exits 1 when one reaches `--fail-on`. */
import { ANALYSIS_OPTIONS, ANALYSIS_OPTIONS_HELP, loadAnalysisSettings } from '../analysis';
import { EXIT_OK, parseCommandArgs } from '../args';
import { runCommand } from '../command';
import { formatCheckText } from '../format/text';
import type { CliIo } from '../io';
import { writeRunReport } from '../output';
import { analyzeTokenInput, readTokenInput } from '../tokenInput';

export const CHECK_USAGE = `Usage: jwt-lens check [TOKEN|-] [options]

Checks a JWT (or every token in the text given) against the policy and prints only its findings.
Without TOKEN, or with -, reads standard input. Made for scripts and CI: the exit code says whether
a finding reached the --fail-on severity.

${ANALYSIS_OPTIONS_HELP}

Exit codes: 0 no finding reaches --fail-on, 1 one does, 2 usage or input error.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  return runCommand('check', io, async () => {
    const { values, positionals } = parseCommandArgs('check', args, ANALYSIS_OPTIONS);
    if (values['help'] === true) {
      io.stdout.write(CHECK_USAGE);
      return EXIT_OK;
    }

    const settings = await loadAnalysisSettings('check', values, io);
    const input = await readTokenInput('check', positionals, io);
    const file = await analyzeTokenInput(input.path, input.text, settings.analyzeOptions);
    return writeRunReport({ files: [file], skipped: [], errors: [] }, settings, io, formatCheckText);
  });
}
