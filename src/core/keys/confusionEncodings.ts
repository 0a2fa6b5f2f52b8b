/**
 * The byte strings a vulnerable verifier might use as the HMAC key when an attacker switches an
 * asymmetric token to HS*: the public key's PEM text in each common spelling, its DER forms and its
 * JWK JSON. The final newline and the line ends matter because the MAC covers every byte.
 */

import { writePem } from './pem';
import type { PublicKeyInfo } from './publicKey';

export interface ConfusionEncoding {
  /** Names the spelling, e.g. "PEM text without its final newline". */
  description: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

/** Where a public key came from, so the spellings its publisher used are tried first. */
export interface KeySource {
  /** The text of the file or response the key was read from, exactly as given. */
  fileText?: string;
  /** The key's PEM block as written (comment markers removed), without a final newline. */
  pemBlockText?: string;
  /** The key's JWK object as it appears in the file or set. */
  jwkMember?: Record<string, unknown>;
}

export function confusionEncodings(key: PublicKeyInfo, source: KeySource): ConfusionEncoding[] {
  const encodings: ConfusionEncoding[] = [];
  const seen = new Set<string>();
  const add = (description: string, bytes: Uint8Array): void => {
    const id = bytes.join(',');
    if (seen.has(id)) return;
    seen.add(id);
    encodings.push({ description, bytes });
  };
  const addText = (description: string, text: string): void => add(description, encoder.encode(text));

  if (source.pemBlockText !== undefined) addPemSpellings(addText, 'PEM text', source.pemBlockText);
  if (source.fileText !== undefined) addText('file text as written', source.fileText);
  addPemSpellings(addText, 'SPKI PEM', writePem('PUBLIC KEY', key.spki).trimEnd());
  if (key.pkcs1) addPemSpellings(addText, 'PKCS#1 PEM', writePem('RSA PUBLIC KEY', key.pkcs1).trimEnd());
  add('SPKI DER bytes', key.spki);
  if (key.pkcs1) add('PKCS#1 DER bytes', key.pkcs1);

  if (source.jwkMember) {
    addText('JWK JSON as in the set', JSON.stringify(source.jwkMember));
    addText('JWK JSON as in the set, indented', JSON.stringify(source.jwkMember, null, 2));
  }
  addText('public JWK JSON', JSON.stringify(key.jwk));
  addText('public JWK JSON with sorted members', JSON.stringify(sortMembers(key.jwk)));
  addText('public JWK JSON, indented', JSON.stringify(key.jwk, null, 2));
  return encodings;
}

function addPemSpellings(addText: (description: string, text: string) => void, name: string, text: string): void {
  const crlf = text.replaceAll('\n', '\r\n');
  addText(`${name} with its final newline`, `${text}\n`);
  addText(`${name} without its final newline`, text);
  addText(`${name} with CRLF line ends`, `${crlf}\r\n`);
  addText(`${name} with CRLF line ends, without the final one`, crlf);
}

/** RFC 7638 §3.3 orders members lexicographically; some libraries serialise keys that way. */
function sortMembers(jwk: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(jwk).sort().map((name) => [name, jwk[name]]));
}
