/** `jwt-lens decode [TOKEN|-]`: shows the header and claims of a token with readable times, and its findings. */
import { ANALYSIS_OPTIONS_HELP } from '../analysis';
import { formatDecodeText } from '../format/text';
import type { CliIo } from '../io';
import { runTokenCommand } from '../tokenInput';

export const DECODE_USAGE = `Usage: jwt-lens decode [TOKEN|-] [options]

Decodes a JWT (or every token in the text given) and shows its header, its claims with readable
times, its verification status and its findings. Without TOKEN, or with -, reads standard input.
Decoding is not verifying: pass --key or --secret-file to check the signature.

${ANALYSIS_OPTIONS_HELP}

Exit codes: 0 no finding reaches --fail-on, 1 one does, 2 usage or input error.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  return runTokenCommand('decode', DECODE_USAGE, formatDecodeText, args, io);
}
