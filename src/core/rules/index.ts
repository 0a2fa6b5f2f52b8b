/**
 * The rule catalogue. Adding a rule means one module here, its id in `RULE_IDS`, a section in
 * `docs/rules.md` and a test.
 */
import type { RuleId } from '../model';
import { algMissing, algNone, algNoneSignature, algNotAllowed } from './algorithm/alg';
import { pbes2Count, weakJweAlgorithm } from './algorithm/jwe';
import { algConfusion, hmacKeyTooShort, signatureInvalid, weakSecret } from './algorithm/key';
import { claimsNotObject, duplicateMember, invalidBase64Url, invalidJson, invalidUtf8, malformedToken, nonCanonicalBase64Url } from './structure/decodeProblems';
import { invalidClaimType } from './claims/claimTypes';
import { audienceMismatch, audienceRestricted, issuerMismatch } from './claims/issuerAudience';
import { missingClaim } from './claims/required';
import { sensitiveClaim } from './claims/sensitive';
import { embeddedJwk, kidInjection, remoteKeyUrl } from './header/keys';
import { b64Unencoded, critUnsupported, emptyHeader, typMismatch, zipOnJws } from './header/params';
import { invalidX5c, psychicSignature, signatureLength } from './header/signature';
import { ctyMismatch, jweEncrypted, nestedJwt } from './info/info';
import { tokenInUrl } from './info/tokenInUrl';
import { emptyValidityWindow, lifetimeTooLong } from './time/lifetime';
import { expInMilliseconds, numericDateOutOfRange, numericDateType } from './time/numericDateRules';
import { iatInFuture, missingExp, tokenExpired, tokenNotYetValid } from './time/validity';
import type { RuleDefinition } from './types';

export type { FileContext, RuleContext, RuleDefinition, RuleHit } from './types';

/** Every rule, in the order findings are reported: structure, algorithm and key, time, claims, header, information. */
export const RULES: readonly RuleDefinition[] = [
  malformedToken,
  invalidBase64Url,
  nonCanonicalBase64Url,
  invalidUtf8,
  invalidJson,
  claimsNotObject,
  duplicateMember,
  emptyHeader,

  algNone,
  algNoneSignature,
  algMissing,
  algNotAllowed,
  algConfusion,
  weakSecret,
  hmacKeyTooShort,
  signatureInvalid,
  psychicSignature,
  signatureLength,
  weakJweAlgorithm,

  numericDateType,
  numericDateOutOfRange,
  expInMilliseconds,
  tokenExpired,
  tokenNotYetValid,
  iatInFuture,
  missingExp,
  lifetimeTooLong,
  emptyValidityWindow,

  missingClaim,
  issuerMismatch,
  audienceMismatch,
  audienceRestricted,
  invalidClaimType,
  sensitiveClaim,

  embeddedJwk,
  remoteKeyUrl,
  kidInjection,
  critUnsupported,
  b64Unencoded,
  invalidX5c,
  typMismatch,
  zipOnJws,
  pbes2Count,

  jweEncrypted,
  nestedJwt,
  ctyMismatch,
  tokenInUrl,
];

const BY_ID: ReadonlyMap<RuleId, RuleDefinition> = new Map(RULES.map((rule) => [rule.id, rule]));

/** Returns the rule with this id, or undefined for an id the catalogue does not have. */
export function ruleById(id: string): RuleDefinition | undefined {
  return BY_ID.get(id as RuleId);
}
