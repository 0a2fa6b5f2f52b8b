import type { Policy } from '../model';
import { parsePolicyObject, type PolicyFile } from './policyFile';

function asList(value: string | string[]): string[] {
  return typeof value === 'string' ? [value] : [...value];
}

/**
 * Applies `override` on top of `base`: each field the override sets replaces the base value,
 * and `rules` merge per rule id. Chain it for the documented precedence:
 * package.json defaults < user settings < `.jwtlens.json` < CLI flags.
 *
 * Fields of the wrong type (a hand-edited setting, say) are ignored so that no rule reads them;
 * call `parsePolicyObject` to report them.
 */
export function mergePolicy(base: Policy, untrusted: PolicyFile): Policy {
  const override = parsePolicyObject(untrusted).policy ?? {};
  return {
    allowedAlgorithms: override.allowedAlgorithms !== undefined ? [...override.allowedAlgorithms] : [...base.allowedAlgorithms],
    requiredClaims: override.requiredClaims !== undefined ? [...override.requiredClaims] : [...base.requiredClaims],
    issuer: override.issuer !== undefined ? asList(override.issuer) : [...base.issuer],
    audience: override.audience !== undefined ? asList(override.audience) : [...base.audience],
    typ: override.typ !== undefined ? override.typ : base.typ,
    maxLifetimeSeconds: override.maxLifetime !== undefined ? override.maxLifetime : base.maxLifetimeSeconds,
    clockToleranceSeconds: override.clockTolerance ?? base.clockToleranceSeconds,
    rules: { ...base.rules, ...override.rules },
  };
}
