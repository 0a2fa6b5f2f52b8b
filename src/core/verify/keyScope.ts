/**
 * Scopes of session keys. A key a user entered for one token also applies to tokens of the same
 * issuer (and `kid`, when that token had one), and to no other token.
 */

import type { DecodedToken, KeyMaterial, KeyScope } from '../model';

/** Returns the scope that ties a key to `decoded` and to the tokens sharing its `iss` and `kid`. */
export function keyScopeOf(decoded: DecodedToken): KeyScope {
  const scope: KeyScope = { token: decoded.raw };
  const iss = stringMember(decoded.payload, 'iss');
  const kid = stringMember(decoded.header, 'kid');
  if (iss !== undefined) scope.iss = iss;
  if (kid !== undefined) scope.kid = kid;
  return scope;
}

/** True when the key has no scope or its scope covers `decoded`. */
export function keyAppliesTo(key: KeyMaterial, decoded: DecodedToken): boolean {
  const scope = key.appliesTo;
  if (scope === undefined) return true;
  if (scope.token !== undefined && scope.token === decoded.raw) return true;
  if (scope.iss === undefined && scope.kid === undefined) return false;

  if (scope.iss !== undefined && stringMember(decoded.payload, 'iss') !== scope.iss) return false;
  return scope.kid === undefined || stringMember(decoded.header, 'kid') === scope.kid;
}

function stringMember(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const member = (value as Record<string, unknown>)[name];
  return typeof member === 'string' ? member : undefined;
}
