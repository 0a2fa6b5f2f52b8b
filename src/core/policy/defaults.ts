import manifest from '../../../package.json';
import type { Policy, RuleId, RuleLevel } from '../model';

/** The parts of a setting's JSON schema in package.json that the engine reads. */
interface SettingSchema {
  default?: unknown;
  items?: { enum?: string[] };
}

/** A `contributes.configuration` section, which VS Code allows as one object or an array. */
interface ConfigurationSection {
  properties?: Record<string, SettingSchema>;
}

/** Returns the schema of a setting declared in package.json, or throws when it is not declared. */
export function settingSchema(key: string): SettingSchema {
  const configuration = (manifest.contributes as { configuration?: ConfigurationSection | ConfigurationSection[] }).configuration;
  let sections: ConfigurationSection[] = [];
  if (Array.isArray(configuration)) sections = configuration;
  else if (configuration !== undefined) sections = [configuration];
  for (const section of sections) {
    const property = section.properties?.[key];
    if (property !== undefined) return property;
  }
  throw new Error(`Setting ${key} is not declared in package.json contributes.configuration`);
}

/** Builds the policy from the `jwtLens.policy.*` and `jwtLens.rules` defaults in package.json. */
export function defaultPolicy(): Policy {
  const value = (key: string): unknown => structuredClone(settingSchema(key).default);
  return {
    allowedAlgorithms: value('jwtLens.policy.allowedAlgorithms') as string[],
    requiredClaims: value('jwtLens.policy.requiredClaims') as string[],
    issuer: value('jwtLens.policy.issuer') as string[],
    audience: value('jwtLens.policy.audience') as string[],
    typ: value('jwtLens.policy.typ') as string | null,
    maxLifetimeSeconds: value('jwtLens.policy.maxLifetime') as number | null,
    clockToleranceSeconds: value('jwtLens.policy.clockTolerance') as number,
    rules: value('jwtLens.rules') as Partial<Record<RuleId, RuleLevel>>,
  };
}

/** Returns the JWS algorithms `allowedAlgorithms` accepts, from the setting's enum in package.json. */
export function knownAlgorithms(): string[] {
  return [...(settingSchema('jwtLens.policy.allowedAlgorithms').items?.enum ?? [])];
}
