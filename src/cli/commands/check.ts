/** `jwt-lens check [TOKEN|-]`: lists a token's findings and exits 1 when one reaches `--fail-on`. */
import { ANALYSIS_OPTIONS_HELP } from '../analysis';
import { formatCheckText } from '../format/text';
import type { CliIo } from '../io';
import { runTokenCommand } from '../tokenInput';

export const CHECK_USAGE = `Usage: jwt-lens check [TOKEN|-] [options]

Checks a JWT (or every token in the text given) against the policy and prints only its findings.
Without TOKEN, or with -, reads standard input. Made for scripts and CI: the exit code says whether
a finding reached the --fail-on severity.

${ANALYSIS_OPTIONS_HELP}

Exit codes: 0 no finding reaches --fail-on, 1 one does, 2 usage or input error.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  return runTokenCommand('check', CHECK_USAGE, formatCheckText, args, io);
}
