import type { RuleId, Severity } from '../../model';
import { defineRule, type RuleContext, type RuleDefinition, type RuleHit } from '../types';

/**
 * Reports the decoder's problems of one rule id. The decoder finds them while it decodes; these
 * rules only give them a severity the policy can change.
 */
function problemRule(id: RuleId, defaultSeverity: Severity, title: string): RuleDefinition {
  return defineRule({
    id,
    defaultSeverity,
    title,
    check(ctx: RuleContext): RuleHit[] {
      const hits: RuleHit[] = [];
      for (const problem of ctx.decoded.problems) {
        if (problem.rule !== id) continue;
        if (isEmptyHeaderProblem(ctx, problem.segment)) continue;
        // Findings carry no final period, so decoder sentences lose theirs.
        hits.push({ message: problem.message.replace(/\.$/, ''), severity: problem.severity, segment: problem.segment });
      }
      return hits;
    },
  });
}

/** Tells whether a problem sits in an empty header segment, which `empty-header` reports on its own. */
function isEmptyHeaderProblem(ctx: RuleContext, segment: number | undefined): boolean {
  return segment === 0 && ctx.decoded.parts[0] === '';
}

export const malformedToken = problemRule('malformed-token', 'error', 'Malformed token');
export const invalidBase64Url = problemRule('invalid-base64url', 'error', 'Segment is not base64url');
export const nonCanonicalBase64Url = problemRule('non-canonical-base64url', 'warning', 'Non-canonical base64url');
export const invalidUtf8 = problemRule('invalid-utf8', 'error', 'Segment is not UTF-8');
export const invalidJson = problemRule('invalid-json', 'error', 'Segment is not JSON');
export const claimsNotObject = problemRule('claims-not-object', 'error', 'Claims are not a JSON object');
export const duplicateMember = problemRule('duplicate-member', 'warning', 'Duplicate JSON member');
