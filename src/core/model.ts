/**
 * Shared types of the JWT Lens engine. Nothing here imports `vscode` or Node-only modules, so the
 * engine, the CLI and the extension all speak the same shapes.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A rule's configured level: a severity, or `off` to silence the rule. */
export type RuleLevel = Severity | 'off';

/** A zero-based line and UTF-16 column, as VS Code's `Position` counts them. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open text range: `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

export type TokenKind = 'jws' | 'jwe';

/** A token-shaped string found in a text, before any decoding. */
export interface TokenMatch {
  /** The token text exactly as it appears in the source. */
  text: string;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset one past the last character. */
  end: number;
  kind: TokenKind;
  /** 3 for compact JWS, 5 for compact JWE. */
  segments: number;
}

/**
 * One problem the decoder met, tagged with the id of the rule that reports it. The policy turns
 * these into findings, so a user can change their severity or switch them off like any other rule.
 */
export interface DecodeProblem {
  rule: RuleId;
  message: string;
  /** Index of the segment at fault (0 = header), when the problem sits in one segment. */
  segment?: number;
  /** Severity for this one hit, when it differs from the rule's default. */
  severity?: Severity;
}

/** A token decoded for display and for judging. Decoding never verifies anything. */
export interface DecodedToken {
  raw: string;
  kind: TokenKind;
  /** The raw dot-separated segments. */
  parts: string[];
  /** The JOSE header when it decodes to a JSON object, else null. */
  header: Record<string, unknown> | null;
  /** The header's decoded text (UTF-8), or null when its bytes are not text. */
  headerText: string | null;
  /** The parsed payload of a JWS (any JSON value), or null when it is not JSON or the token is a JWE. */
  payload: unknown;
  /** True when `payload` contains a parsed JSON value (a JSON `null` payload is still parsed). */
  payloadParsed: boolean;
  /** The payload's decoded text, or null when its bytes are not UTF-8 text. */
  payloadText: string | null;
  /**
   * Display forms set only when the header or payload bytes are not valid UTF-8 (so the matching
   * `*Text` is null): the text with each invalid byte written as `\xHH`, never as U+FFFD.
   */
  headerDisplayText?: string;
  payloadDisplayText?: string;
  /** The payload's raw bytes, kept for nested tokens and for verification. */
  payloadBytes: Uint8Array | null;
  /** The signature bytes of a JWS (empty for an unsecured token), or null for a JWE. */
  signature: Uint8Array | null;
  problems: DecodeProblem[];
  /** The inner token when the payload is itself a JWT (`cty: "JWT"` or a token-shaped payload). */
  nested?: DecodedToken;
}

/** The outcome of a token's signature check. */
export type VerificationStatus =
  /** A configured key verified the signature. */
  | 'verified'
  /** A configured key of the right type was tried and the signature did not match. */
  | 'invalid'
  /** Nothing was checked: no key fits, none was given, or the token is unsecured or encrypted. */
  | 'unverified';

export interface VerificationResult {
  status: VerificationStatus;
  /** A label naming the key that verified the token (a file path and `kid`, or "HMAC secret"). */
  verifiedBy: string | null;
  /** One sentence on why the status is what it is, for hovers and the panel. */
  reason: string;
  /** Label of a public key whose bytes verified an HS* token's MAC (algorithm confusion). */
  confusionKey?: string;
  /** A weak HMAC secret that verified the token, and where it was listed. */
  weakSecret?: { secret: string; source: string };
  /** Length in bytes of the HMAC secret that verified an HS* token (RFC 7518 3.2 requires at least the hash size). */
  hmacKeyLength?: number;
}

/** A finding as the user sees it: a rule id, its resolved severity and a one-sentence message. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** Index of the segment at fault, when the finding sits in one segment. */
  segment?: number;
}

/** The engine's full report on one token in a text. */
export interface TokenReport {
  match: TokenMatch;
  range: Range;
  decoded: DecodedToken;
  verification: VerificationResult;
  findings: Finding[];
}

/**
 * The stable rule ids. Adding a rule adds its id here, its module under `rules/`, its entry in
 * `docs/rules.md` and its tests.
 */
export const RULE_IDS = [
  // structure
  'malformed-token',
  'invalid-base64url',
  'non-canonical-base64url',
  'invalid-utf8',
  'invalid-json',
  'claims-not-object',
  'duplicate-member',
  // algorithm and key
  'alg-none',
  'alg-not-allowed',
  'alg-confusion',
  'weak-secret',
  'hmac-key-too-short',
  'signature-invalid',
  'alg-missing',
  'alg-none-signature',
  'weak-jwe-algorithm',
  'signature-length',
  // time
  'token-expired',
  'token-not-yet-valid',
  'iat-in-future',
  'missing-exp',
  'numeric-date-type',
  'exp-in-milliseconds',
  'lifetime-too-long',
  'numeric-date-out-of-range',
  'empty-validity-window',
  // claims
  'missing-claim',
  'issuer-mismatch',
  'audience-mismatch',
  'invalid-claim-type',
  'sensitive-claim',
  'audience-restricted',
  // header
  'embedded-jwk',
  'remote-key-url',
  'kid-injection',
  'crit-unsupported',
  'b64-unencoded',
  'invalid-x5c',
  'typ-mismatch',
  'psychic-signature',
  'empty-header',
  'zip-on-jws',
  'pbes2-count',
  // information
  'jwe-encrypted',
  'nested-jwt',
  'cty-mismatch',
  'token-in-url',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/**
 * The policy a token is judged against. The defaults come from the `jwtLens.policy.*` settings in
 * `package.json`; a workspace `.jwtlens.json`, the editor settings or CLI flags override them.
 */
export interface Policy {
  /** JWS `alg` values accepted; anything else raises `alg-not-allowed`. */
  allowedAlgorithms: string[];
  /** Claims every token must carry (`missing-claim`). */
  requiredClaims: string[];
  /** Accepted `iss` values; empty means the issuer is not checked. */
  issuer: string[];
  /** Accepted audiences; empty means the audience is not checked. */
  audience: string[];
  /** Expected `typ` header value (compared case-insensitively, `application/` prefix ignored), or null. */
  typ: string | null;
  /** Longest accepted `exp - iat` (or `exp - nbf`), in seconds; null turns the check off. */
  maxLifetimeSeconds: number | null;
  /** Clock skew tolerated by the time checks, in seconds. */
  clockToleranceSeconds: number;
  /** Per-rule level overrides. */
  rules: Partial<Record<RuleId, RuleLevel>>;
}

/** Raw key material handed to the engine; `verify/` parses it. */
export interface KeyMaterial {
  /** The name the user knows this key by: a file path, "HMAC secret", a JWKS URL. Never the key itself. */
  label: string;
  kind: 'secret' | 'pem' | 'jwk' | 'jwks';
  /** The file's text (PEM, JWK or JWKS JSON) or the secret's bytes. */
  data: string | Uint8Array;
  /**
   * The tokens this key may verify. Without a scope the key is a candidate for every token, as a
   * CLI `--key` is. With one, a token whose raw text, `iss` or `kid` does not match is never
   * verified with this key, so a key entered for one token cannot mark an unrelated token invalid.
   */
  appliesTo?: KeyScope;
}

/**
 * The set of tokens a key applies to: the token whose raw text is `token`, and every token whose
 * `iss` and `kid` equal the ones set here. A scope with neither `iss` nor `kid` set covers only
 * `token`.
 */
export interface KeyScope {
  iss?: string;
  kid?: string;
  token?: string;
}

/** The inputs of one analysis run besides the text. */
export interface AnalyzeOptions {
  policy: Policy;
  /** The current time in seconds since the epoch. Always injected, never read inside the engine. */
  now: number;
  /** Keys to verify with; none means tokens are decoded and judged but not verified. */
  keys?: KeyMaterial[];
  /** Extra weak-secret candidates (a user wordlist), checked after the built-in list. */
  wordlist?: readonly string[];
  /** Names `wordlist` in `weak-secret` findings (a file path); defaults to "the wordlist". */
  wordlistLabel?: string;
}
