import { RULE_IDS, type RuleId, type RuleLevel } from '../model';
import { describeJson } from '../time';
import { knownAlgorithms } from './defaults';

/**
 * A policy override as `.jwtlens.json`, the editor settings and CLI flags give it. Every field is
 * optional; `mergePolicy` applies the ones that are set.
 */
export interface PolicyFile {
  allowedAlgorithms?: string[];
  requiredClaims?: string[];
  issuer?: string | string[];
  audience?: string | string[];
  typ?: string | null;
  /** Longest accepted lifetime in seconds, or null to turn the check off. */
  maxLifetime?: number | null;
  /** Clock skew tolerated by the time checks, in seconds. */
  clockTolerance?: number;
  rules?: Partial<Record<RuleId, RuleLevel>>;
}

export const POLICY_FILE_KEYS = ['allowedAlgorithms', 'requiredClaims', 'issuer', 'audience', 'typ', 'maxLifetime', 'clockTolerance', 'rules'] as const;

const RULE_LEVELS: readonly string[] = ['error', 'warning', 'info', 'off'];

/** Levenshtein distance, for did-you-mean hints on short names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/** Returns `; did you mean "x"?` for the closest candidate, or an empty string when none is close. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(value.length / 3));
  return best !== undefined && bestDistance <= limit ? `; did you mean ${JSON.stringify(best)}?` : '';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');
}

/** Validates one field; returns its value, or undefined after pushing an error. */
function readField(key: (typeof POLICY_FILE_KEYS)[number], value: unknown, errors: string[]): unknown {
  switch (key) {
    case 'allowedAlgorithms': {
      if (!isStringArray(value)) break;
      const known = knownAlgorithms();
      const unknown = value.filter((alg) => !known.includes(alg));
      for (const alg of unknown) errors.push(`allowedAlgorithms lists the unknown algorithm ${JSON.stringify(alg)}${didYouMean(alg, known)}`);
      return value.filter((alg) => known.includes(alg));
    }
    case 'requiredClaims':
      if (isStringArray(value)) return value;
      break;
    case 'issuer':
    case 'audience':
      if ((typeof value === 'string' && value !== '') || isStringArray(value)) return value;
      errors.push(`${key} must be a non-empty string or an array of non-empty strings`);
      return undefined;
    case 'typ':
      if (value === null || (typeof value === 'string' && value !== '')) return value;
      errors.push('typ must be a non-empty string or null');
      return undefined;
    case 'maxLifetime':
      if (value === null || (Number.isInteger(value) && (value as number) > 0)) return value;
      errors.push(`maxLifetime must be a positive whole number of seconds or null, got ${describeJson(value)}`);
      return undefined;
    case 'clockTolerance':
      if (Number.isInteger(value) && (value as number) >= 0) return value;
      errors.push(`clockTolerance must be a whole number of seconds, 0 or more, got ${describeJson(value)}`);
      return undefined;
    case 'rules':
      return readRules(value, errors);
  }
  errors.push(`${key} must be an array of non-empty strings`);
  return undefined;
}

function readRules(value: unknown, errors: string[]): Partial<Record<RuleId, RuleLevel>> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push('rules must be an object that maps rule ids to "error", "warning", "info" or "off"');
    return undefined;
  }

  const rules: Partial<Record<RuleId, RuleLevel>> = {};
  for (const [id, level] of Object.entries(value)) {
    if (!(RULE_IDS as readonly string[]).includes(id)) {
      errors.push(`rules names the unknown rule ${JSON.stringify(id)}${didYouMean(id, RULE_IDS)}`);
    } else if (typeof level !== 'string' || !RULE_LEVELS.includes(level)) {
      errors.push(`rules.${id} must be "error", "warning", "info" or "off", got ${describeJson(level)}`);
    } else {
      rules[id as RuleId] = level as RuleLevel;
    }
  }
  return rules;
}

/**
 * Validates a policy object (a parsed `.jwtlens.json`, or settings gathered into the same shape).
 * Valid fields are kept even when others are wrong, so one typo does not drop the whole policy.
 */
export function parsePolicyObject(value: unknown): { policy?: PolicyFile; errors: string[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { errors: ['Policy must be a JSON object'] };
  }

  const errors: string[] = [];
  const policy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === '$schema') continue;
    if (!(POLICY_FILE_KEYS as readonly string[]).includes(key)) {
      errors.push(`Unknown key ${JSON.stringify(key)}${didYouMean(key, POLICY_FILE_KEYS)}`);
      continue;
    }
    const read = readField(key as (typeof POLICY_FILE_KEYS)[number], field, errors);
    if (read !== undefined) policy[key] = read;
  }
  return { policy: policy, errors };
}

/** Parses the text of a `.jwtlens.json` file. Never throws; problems come back in `errors`. */
export function parsePolicyFile(text: string): { policy?: PolicyFile; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { errors: [`Policy file is not valid JSON: ${(error as Error).message}`] };
  }
  return parsePolicyObject(value);
}
