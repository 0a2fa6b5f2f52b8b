/** ANSI styling for text output, switched off by `--no-color`, `NO_COLOR` or a non-terminal stdout. */
import type { Severity } from '../../core/model';
import type { CliIo } from '../io';

export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  severity(severity: Severity, text: string): string;
}

function style(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity = (text: string): string => text;

/**
 * Decides whether to colour stdout. Any non-empty `NO_COLOR` disables colour, as no-color.org
 * specifies, and so does output that is not a terminal (a pipe or a file).
 */
export function shouldColor(io: CliIo, noColorFlag: boolean): boolean {
  const noColor = io.env['NO_COLOR'];
  return !noColorFlag && (noColor === undefined || noColor === '') && io.stdout.isTTY;
}

export function createPalette(enabled: boolean): Palette {
  if (!enabled) {
    return { bold: identity, dim: identity, red: identity, yellow: identity, green: identity, cyan: identity, severity: (_severity, text) => text };
  }
  const red = style(31, 39);
  const yellow = style(33, 39);
  const cyan = style(36, 39);
  const bySeverity: Record<Severity, (text: string) => string> = { error: red, warning: yellow, info: cyan };
  return {
    bold: style(1, 22),
    dim: style(2, 22),
    red,
    yellow,
    green: style(32, 39),
    cyan,
    severity: (severity, text) => bySeverity[severity](text),
  };
}

/**
 * Escapes control characters (C0, DEL and C1), bidirectional controls and invisible zero-width
 * characters as `\uXXXX`. Every string taken from a token or a file name goes through it before it
 * reaches a terminal, so a claim cannot carry escape sequences that move the cursor or change the
 * title, reorder what is shown, or hide characters (`ad\u200Bmin` must not print as `admin`).
 */
export function escapeControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
