import type { DecodedToken, Finding, Policy, VerificationResult } from '../model';
import { RULES } from '../rules';
import type { FileContext, RuleContext, RuleDefinition, RuleHit } from '../rules/types';

/** Prefix of findings about the inner token of a nested JWT. */
export const NESTED_PREFIX = 'Nested token: ';

/** The inner token is never verified here: its key is usually not the outer token's key. */
const NESTED_VERIFICATION: VerificationResult = {
  status: 'unverified',
  verifiedBy: null,
  reason: 'Nested tokens are not verified separately',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function contextFor(decoded: DecodedToken, verification: VerificationResult, policy: Policy, now: number, file?: FileContext, linePrefix?: string): RuleContext {
  const claims = decoded.kind === 'jws' && decoded.payloadParsed && isObject(decoded.payload) && decoded.nested === undefined ? decoded.payload : null;
  return {
    decoded,
    header: decoded.header ?? {},
    headerDecoded: decoded.header !== null,
    claims,
    verification,
    policy,
    now,
    file,
    linePrefix,
  };
}

/**
 * Runs one rule. A rule that throws on some odd token yields one warning instead of taking the
 * other rules and the rest of the file down with it.
 */
function runRule(rule: RuleDefinition, ctx: RuleContext): RuleHit[] {
  try {
    return rule.check(ctx);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [{ message: `Rule ${rule.id} failed on this token (${detail}); please report it with the token's header`, severity: 'warning' }];
  }
}

/**
 * Runs every rule on a decoded token and applies the policy's levels: `off` drops a rule, any other
 * level replaces the severity of its hits. A nested token's findings follow, prefixed "Nested token: ".
 */
export function evaluatePolicy(
  decoded: DecodedToken,
  verification: VerificationResult,
  policy: Policy,
  now: number,
  file?: FileContext,
  linePrefix?: string,
): Finding[] {
  const ctx = contextFor(decoded, verification, policy, now, file, linePrefix);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const level = policy.rules[rule.id];
    if (level === 'off') continue;

    for (const hit of runRule(rule, ctx)) {
      const finding: Finding = { rule: rule.id, severity: level ?? hit.severity ?? rule.defaultSeverity, message: hit.message };
      if (hit.segment !== undefined) finding.segment = hit.segment;
      findings.push(finding);
    }
  }

  if (decoded.nested !== undefined) {
    for (const inner of evaluatePolicy(decoded.nested, NESTED_VERIFICATION, policy, now, file)) {
      // The inner token sits in the outer payload, so its findings point at segment 1.
      findings.push({ rule: inner.rule, severity: inner.severity, message: NESTED_PREFIX + inner.message, segment: 1 });
    }
  }
  return findings;
}
