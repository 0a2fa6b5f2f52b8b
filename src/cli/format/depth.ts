/**
 * A depth limit on decoded JSON before it is printed. `JSON.stringify` and `Array.prototype.join`
 * recurse, so printing a claim of 100 000 nested arrays (which `JSON.parse` accepts) would
 * overflow the stack and lose the whole report.
 */
import type { DecodedToken } from '../../core/model';
import type { RunReport } from '../report';

/** Arrays and objects nested deeper than this are printed as `TOO_DEEP`. */
export const MAX_PRINTED_DEPTH = 64;

/** What replaces a value nested deeper than `MAX_PRINTED_DEPTH`. */
export const TOO_DEEP = `[nested deeper than ${MAX_PRINTED_DEPTH} levels]`;

/** Returns `report` with every decoded header and payload cut at `MAX_PRINTED_DEPTH`; unchanged parts are shared, not copied. */
export function limitReportDepth(report: RunReport): RunReport {
  return {
    ...report,
    files: report.files.map((file) => ({ ...file, tokens: file.tokens.map((token) => ({ ...token, decoded: limitDecodedDepth(token.decoded) })) })),
  };
}

function limitDecodedDepth(decoded: DecodedToken): DecodedToken {
  const limited: DecodedToken = { ...decoded, header: limitDepth(decoded.header, 0) as DecodedToken['header'], payload: limitDepth(decoded.payload, 0) };
  if (decoded.nested !== undefined) {
    limited.nested = limitDecodedDepth(decoded.nested);
  }
  return limited;
}

/** Returns `value` with containers below `MAX_PRINTED_DEPTH` replaced; the same object when nothing was cut. */
export function limitDepth(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (depth >= MAX_PRINTED_DEPTH) {
    return TOO_DEEP;
  }

  if (Array.isArray(value)) {
    const items = value as unknown[];
    const limited = items.map((item) => limitDepth(item, depth + 1));
    return limited.some((item, index) => item !== items[index]) ? limited : value;
  }

  const entries = Object.entries(value);
  const limited = entries.map(([name, member]): [string, unknown] => [name, limitDepth(member, depth + 1)]);
  // Object.fromEntries defines each member, so a "__proto__" member stays a member.
  return limited.some(([, member], index) => member !== entries[index][1]) ? Object.fromEntries(limited) : value;
}
