/**
 * The analysis pipeline: scan a text for tokens, decode each, verify it, judge it against the
 * policy and drop what suppression directives silence.
 */
import { decodeToken } from './decode/decodeToken';
import type { AnalyzeOptions, DecodedToken, TokenMatch, TokenReport, VerificationResult } from './model';
import { evaluatePolicy } from './policy/evaluate';
import type { FileContext } from './rules/types';
import { findTokens } from './scan/findTokens';
import { type Suppression, applySuppression, findSuppressions } from './suppress';
import { LineIndex, rangeOf } from './text/lineIndex';
import { verifySignature } from './verify/verifySignature';

/** Signature algorithms whose key is a public key (RFC 7518 3.3 to 3.5, RFC 8037, RFC 9864). */
const ASYMMETRIC_ALG = /^(?:RS|PS|ES)\d+K?$|^(?:EdDSA|Ed25519|Ed448)$/;

/** Characters before a token that rules may read, enough for a URL up to its query parameter. */
const MAX_LINE_PREFIX = 200;

interface TokenVerdict {
  decoded: DecodedToken;
  verification: VerificationResult;
}

async function verify(decoded: DecodedToken, options: AnalyzeOptions): Promise<VerificationResult> {
  try {
    return await verifySignature(decoded, { keys: options.keys, wordlist: options.wordlist, wordlistLabel: options.wordlistLabel });
  } catch (error) {
    // verifySignature is written not to throw; if it does, the token is still judged as unverified.
    return { status: 'unverified', verifiedBy: null, reason: `Verification failed: ${(error as Error).message}` };
  }
}

/** Decodes and verifies each distinct token text once, however often it repeats in the text. */
async function decodeAndVerify(matches: readonly TokenMatch[], options: AnalyzeOptions): Promise<TokenVerdict[]> {
  const byText = new Map<string, Promise<TokenVerdict>>();
  for (const match of matches) {
    if (byText.has(match.text)) continue;
    const decoded = decodeToken(match.text);
    byText.set(match.text, verify(decoded, options).then((verification) => ({ decoded, verification })));
  }
  return Promise.all(matches.map((match) => byText.get(match.text)!));
}

/** Collects, per `kid`, the asymmetric algorithms the tokens of one text sign with. */
export function buildFileContext(tokens: readonly DecodedToken[]): FileContext {
  const asymmetricAlgsByKid = new Map<string, Set<string>>();
  for (const decoded of tokens) {
    const alg = decoded.header?.alg;
    const kid = decoded.header?.kid;
    if (decoded.kind !== 'jws' || typeof alg !== 'string' || typeof kid !== 'string' || !ASYMMETRIC_ALG.test(alg)) continue;

    const algs = asymmetricAlgsByKid.get(kid) ?? new Set<string>();
    algs.add(alg);
    asymmetricAlgsByKid.set(kid, algs);
  }
  return { asymmetricAlgsByKid };
}

/**
 * Finds, decodes, verifies and judges every token in a text. Reports come in text order; findings
 * on a line silenced by `jwt-lens-ignore-line` or `jwt-lens-ignore-next-line` are dropped.
 */
export async function analyzeText(text: string, options: AnalyzeOptions): Promise<TokenReport[]> {
  const matches = findTokens(text);
  if (matches.length === 0) return [];

  const verdicts = await decodeAndVerify(matches, options);
  const file = buildFileContext(verdicts.map((verdict) => verdict.decoded));
  const index = new LineIndex(text);
  const suppressions = new Map<number, Suppression | undefined>();

  return matches.map((match, i) => {
    const { decoded, verification } = verdicts[i];
    const range = rangeOf(index, match.start, match.end);
    const linePrefix = text.slice(Math.max(index.offsetAt({ line: range.start.line, character: 0 }), match.start - MAX_LINE_PREFIX), match.start);
    const findings = evaluatePolicy(decoded, verification, options.policy, options.now, file, linePrefix);
    return { match, range, decoded, verification, findings: applySuppression(findings, suppressionOfLine(text, index, range.start.line, suppressions)) };
  });
}

/**
 * Returns the suppression that applies to `line`. Only that line and the one before it can hold
 * its directives, so only they are searched instead of the whole file. `cache` keeps each line's
 * answer, so a long line with many tokens is searched once.
 */
function suppressionOfLine(text: string, index: LineIndex, line: number, cache: Map<number, Suppression | undefined>): Suppression | undefined {
  if (cache.has(line)) return cache.get(line);

  const firstLine = Math.max(0, line - 1);
  const from = index.offsetAt({ line: firstLine, character: 0 });
  const to = index.offsetAt({ line: line + 1, character: 0 });
  const suppression = findSuppressions(text.slice(from, to)).get(line - firstLine);
  cache.set(line, suppression);
  return suppression;
}

/** Decodes, verifies and judges one token given on its own (surrounding whitespace is ignored). */
export async function analyzeToken(raw: string, options: AnalyzeOptions): Promise<TokenReport> {
  const text = raw.trim();
  const decoded = decodeToken(text);
  const verification = await verify(decoded, options);
  const match: TokenMatch = { text, start: 0, end: text.length, kind: decoded.kind, segments: decoded.parts.length };
  const range = rangeOf(new LineIndex(text), 0, text.length);
  const findings = evaluatePolicy(decoded, verification, options.policy, options.now, buildFileContext([decoded]));
  return { match, range, decoded, verification, findings };
}
