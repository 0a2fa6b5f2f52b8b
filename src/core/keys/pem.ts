/** PEM (RFC 7468) reading and writing. */

import { decodeBase64Lenient, encodeBase64 } from './base64';

/** One `-----BEGIN label-----` … `-----END label-----` block. */
export interface PemBlock {
  /** The label, e.g. `PUBLIC KEY`, `RSA PUBLIC KEY`, `CERTIFICATE`. */
  label: string;
  der: Uint8Array;
  /**
   * The block's lines from BEGIN to END joined with `\n`, with no final newline. A comment marker
   * that prefixed every line (`// `, `# `, ` * `) is removed, so a PEM pasted into source code reads
   * back as the PEM its issuer published.
   */
  text: string;
  /** True when the block has RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED`. */
  encrypted: boolean;
}

/** Raised for a PEM block that starts but is cut off or whose body is not base64. */
export class PemError extends Error {
  override readonly name = 'PemError';
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';

export function containsPem(text: string): boolean {
  return text.includes(BEGIN);
}

/** Reads every PEM block in a text, in order. Text between blocks is ignored. */
export function readPemBlocks(text: string): PemBlock[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const blocks: PemBlock[] = [];

  for (let i = 0; i < lines.length; i++) {
    const beginAt = lines[i].indexOf(BEGIN);
    if (beginAt < 0) continue;

    const prefix = lines[i].slice(0, beginAt);
    const label = readLabel(lines[i].slice(beginAt), BEGIN);
    if (label === null) continue;

    const block = readBlockBody(lines, i + 1, prefix, label);
    blocks.push(block.block);
    i = block.endLine;
  }
  return blocks;
}

function readBlockBody(lines: string[], first: number, prefix: string, label: string): { block: PemBlock; endLine: number } {
  const bodyLines: string[] = [];
  let encrypted = false;

  for (let j = first; j < lines.length; j++) {
    const line = stripPrefix(lines[j], prefix);
    if (line.startsWith(END)) {
      if (readLabel(line, END) !== label) throw new PemError(`PEM block "${label}" ends with a different END line`);
      const der = decodeBase64Lenient(bodyLines.filter((body) => !body.includes(':')).join(''));
      if (der === null || der.length === 0) throw new PemError(`PEM block "${label}" has a body that is not base64`);

      const text = [`${BEGIN}${label}${DASHES}`, ...bodyLines, `${END}${label}${DASHES}`].join('\n');
      return { block: { label, der, text, encrypted }, endLine: j };
    }
    if (line.includes(':')) encrypted ||= line.startsWith('Proc-Type:') && line.includes('ENCRYPTED');
    bodyLines.push(line);
  }
  throw new PemError(`PEM block "${label}" has no END line`);
}

function readLabel(line: string, marker: string): string | null {
  const rest = line.slice(marker.length);
  const close = rest.indexOf(DASHES);
  return close < 0 ? null : rest.slice(0, close);
}

function stripPrefix(line: string, prefix: string): string {
  if (prefix === '') return line.trim();
  if (line.startsWith(prefix)) return line.slice(prefix.length).trim();
  const trimmedPrefix = prefix.trimEnd();
  return line.startsWith(trimmedPrefix) ? line.slice(trimmedPrefix.length).trim() : line.trim();
}

/** Writes DER as a PEM block with 64-character lines and a final newline, as OpenSSL does. */
export function writePem(label: string, der: Uint8Array): string {
  const body = encodeBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `${BEGIN}${label}${DASHES}\n${lines.join('\n')}\n${END}${label}${DASHES}\n`;
}
