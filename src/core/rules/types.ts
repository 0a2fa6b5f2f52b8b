import type { DecodedToken, Policy, RuleId, Severity, VerificationResult } from '../model';

/** Facts about the other tokens in the same text, for checks that compare tokens. */
export interface FileContext {
  /** For each `kid`, the asymmetric `alg` values (RS*, PS*, ES*, EdDSA) that tokens in the text use with it. */
  asymmetricAlgsByKid: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The view of one token that a rule checks. */
export interface RuleContext {
  decoded: DecodedToken;
  /** The JOSE header, or an empty object when it did not decode. */
  header: Readonly<Record<string, unknown>>;
  /** True when the header decoded to a JSON object. */
  headerDecoded: boolean;
  /** The claims when the payload is a JSON object, else null (a JWE, a nested token, bad JSON). */
  claims: Readonly<Record<string, unknown>> | null;
  verification: VerificationResult;
  policy: Policy;
  /** The current time in seconds since the epoch. */
  now: number;
  file?: FileContext;
  /** Text before the token on its line (at most 200 characters); set only when scanning a text. */
  linePrefix?: string;
}

/** One thing a rule reports about a token. */
export interface RuleHit {
  /** One sentence naming the claim and the values. */
  message: string;
  /** Severity for this hit when it differs from the rule's default; a configured level still wins. */
  severity?: Severity;
  /** Index of the segment at fault (0 = header). */
  segment?: number;
}

/** One rule of the catalogue. `docs/rules.md` has a section whose anchor is `docsAnchor`. */
export interface RuleDefinition {
  id: RuleId;
  defaultSeverity: Severity;
  /** A short noun phrase for settings, docs and the panel. */
  title: string;
  docsAnchor: string;
  check(ctx: RuleContext): RuleHit[];
}

/** Builds a rule whose docs anchor is its id. */
export function defineRule(rule: Omit<RuleDefinition, 'docsAnchor'>): RuleDefinition {
  return { ...rule, docsAnchor: rule.id };
}
