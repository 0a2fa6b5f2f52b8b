import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import manifest from '../../../../package.json';
import { RULE_IDS } from '../../../../src/core/model';
import { defaultPolicy, mergePolicy, parsePolicyFile, POLICY_FILE_KEYS, settingSchema, type PolicyFile } from '../../../../src/core/policy';

const schema = JSON.parse(readFileSync(`${__dirname}/../../../../schemas/jwtlens.schema.json`, 'utf8')) as {
  properties: Record<string, { default?: unknown; properties?: Record<string, unknown>; propertyNames?: { enum: string[] } }>;
};

/** Maps a `.jwtlens.json` key to the setting that declares its default. */
function settingKey(key: string): string {
  return key === 'rules' ? 'jwtLens.rules' : `jwtLens.policy.${key}`;
}

describe('defaultPolicy', () => {
  it('reads every default from package.json', () => {
    const policy = defaultPolicy();
    assert.deepEqual(policy, {
      allowedAlgorithms: settingSchema('jwtLens.policy.allowedAlgorithms').default,
      requiredClaims: settingSchema('jwtLens.policy.requiredClaims').default,
      issuer: settingSchema('jwtLens.policy.issuer').default,
      audience: settingSchema('jwtLens.policy.audience').default,
      typ: settingSchema('jwtLens.policy.typ').default,
      maxLifetimeSeconds: settingSchema('jwtLens.policy.maxLifetime').default,
      clockToleranceSeconds: settingSchema('jwtLens.policy.clockTolerance').default,
      rules: settingSchema('jwtLens.rules').default,
    });
  });

  it('leaves out none and allows the rest', () => {
    const algs = defaultPolicy().allowedAlgorithms;
    assert.ok(!algs.map((alg) => alg.toLowerCase()).includes('none'));
    for (const alg of ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA']) assert.ok(algs.includes(alg), alg);
  });

  it('returns a fresh copy each time', () => {
    const first = defaultPolicy();
    first.allowedAlgorithms.push('XX1');
    first.rules['alg-none'] = 'off';
    assert.ok(!defaultPolicy().allowedAlgorithms.includes('XX1'));
    assert.equal(defaultPolicy().rules['alg-none'], undefined);
  });

  it('declares scope and a description for each setting', () => {
    const properties = (manifest.contributes.configuration as { properties: Record<string, Record<string, unknown>> }).properties;
    for (const key of POLICY_FILE_KEYS.map(settingKey)) {
      assert.equal(properties[key]?.scope, 'resource', key);
      assert.equal(typeof properties[key]?.markdownDescription, 'string', key);
    }
  });

  it('offers a level setting for every rule id', () => {
    const rules = settingSchema('jwtLens.rules') as { properties?: Record<string, { enum: string[]; enumDescriptions: string[] }> };
    assert.deepEqual(Object.keys(rules.properties ?? {}).sort(), [...RULE_IDS].sort());
    for (const property of Object.values(rules.properties ?? {})) {
      assert.deepEqual(property.enum, ['error', 'warning', 'info', 'off']);
      assert.equal(property.enumDescriptions.length, 4);
    }
  });
});

describe('jwtlens.schema.json', () => {
  it('lists exactly the rule ids', () => {
    const rules = schema.properties.rules;
    assert.deepEqual(rules.propertyNames!.enum, [...RULE_IDS]);
    assert.deepEqual(Object.keys(rules.properties!), [...RULE_IDS]);
  });

  it('has the policy file keys and the package.json defaults', () => {
    assert.deepEqual(Object.keys(schema.properties).filter((key) => key !== '$schema'), [...POLICY_FILE_KEYS]);
    for (const key of POLICY_FILE_KEYS) {
      assert.deepEqual(schema.properties[key].default, settingSchema(settingKey(key)).default, key);
    }
  });

  it('offers the same algorithms as the setting', () => {
    const items = (schema.properties.allowedAlgorithms as { items: { enum: string[] } }).items;
    assert.deepEqual(items.enum, settingSchema('jwtLens.policy.allowedAlgorithms').items!.enum);
  });
});

describe('parsePolicyFile', () => {
  it('reads every field', () => {
    const text = JSON.stringify({
      $schema: './node_modules/jwt-lens/schemas/jwtlens.schema.json',
      allowedAlgorithms: ['RS256'],
      requiredClaims: ['sub'],
      issuer: 'https://issuer.example.test/',
      audience: ['a', 'b'],
      typ: 'at+jwt',
      maxLifetime: 3600,
      clockTolerance: 0,
      rules: { 'alg-none': 'warning', 'missing-exp': 'off' },
    });
    assert.deepEqual(parsePolicyFile(text), {
      policy: {
        allowedAlgorithms: ['RS256'],
        requiredClaims: ['sub'],
        issuer: 'https://issuer.example.test/',
        audience: ['a', 'b'],
        typ: 'at+jwt',
        maxLifetime: 3600,
        clockTolerance: 0,
        rules: { 'alg-none': 'warning', 'missing-exp': 'off' },
      },
      errors: [],
    });
  });

  it('accepts a byte order mark and null values', () => {
    assert.deepEqual(parsePolicyFile('\uFEFF{"typ": null, "maxLifetime": null}'), { policy: { typ: null, maxLifetime: null }, errors: [] });
  });

  it('reports invalid JSON', () => {
    const result = parsePolicyFile('{"rules": ');
    assert.equal(result.policy, undefined);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0], /^Policy file is not valid JSON: /);
  });

  it('rejects a non-object', () => {
    assert.deepEqual(parsePolicyFile('[]'), { errors: ['Policy must be a JSON object'] });
  });

  it('suggests the nearest key for an unknown one', () => {
    assert.deepEqual(parsePolicyFile('{"audiance": "x", "leeway": 5}'), {
      policy: {},
      errors: ['Unknown key "audiance"; did you mean "audience"?', 'Unknown key "leeway"'],
    });
  });

  it('suggests the nearest rule id and keeps the valid ones', () => {
    assert.deepEqual(parsePolicyFile('{"rules": {"alg-nome": "off", "token-expired": "warning", "missing-exp": "warn"}}'), {
      policy: { rules: { 'token-expired': 'warning' } },
      errors: ['rules names the unknown rule "alg-nome"; did you mean "alg-none"?', 'rules.missing-exp must be "error", "warning", "info" or "off", got "warn"'],
    });
  });

  it('reports each wrong type', () => {
    const result = parsePolicyFile(JSON.stringify({
      allowedAlgorithms: 'RS256',
      requiredClaims: [1],
      issuer: '',
      audience: [3],
      typ: 5,
      maxLifetime: -1,
      clockTolerance: 1.5,
      rules: [],
    }));
    assert.deepEqual(result, {
      policy: {},
      errors: [
        'allowedAlgorithms must be an array of non-empty strings',
        'requiredClaims must be an array of non-empty strings',
        'issuer must be a non-empty string or an array of non-empty strings',
        'audience must be a non-empty string or an array of non-empty strings',
        'typ must be a non-empty string or null',
        'maxLifetime must be a positive whole number of seconds or null, got -1',
        'clockTolerance must be a whole number of seconds, 0 or more, got 1.5',
        'rules must be an object that maps rule ids to "error", "warning", "info" or "off"',
      ],
    });
  });

  it('reports deeply nested values', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    const result = parsePolicyFile(`{"maxLifetime": ${deep}, "clockTolerance": ${deep}, "rules": {"alg-none": ${deep}}}`);
    assert.deepEqual(result.errors, [
      'maxLifetime must be a positive whole number of seconds or null, got an array',
      'clockTolerance must be a whole number of seconds, 0 or more, got an array',
      'rules.alg-none must be "error", "warning", "info" or "off", got an array',
    ]);
  });

  it('rejects unknown algorithms with a hint', () => {
    assert.deepEqual(parsePolicyFile('{"allowedAlgorithms": ["hs256", "RS256", "none"]}'), {
      policy: { allowedAlgorithms: ['RS256'] },
      errors: ['allowedAlgorithms lists the unknown algorithm "hs256"; did you mean "HS256"?', 'allowedAlgorithms lists the unknown algorithm "none"'],
    });
  });
});

describe('mergePolicy', () => {
  it('keeps the base where the override is silent', () => {
    assert.deepEqual(mergePolicy(defaultPolicy(), {}), defaultPolicy());
  });

  it('replaces fields and merges rules', () => {
    const base = { ...defaultPolicy(), rules: { 'alg-none': 'warning' as const, 'missing-exp': 'off' as const } };
    const merged = mergePolicy(base, { issuer: 'https://a.test/', audience: ['x'], typ: null, maxLifetime: null, clockTolerance: 0, rules: { 'missing-exp': 'error' } });
    assert.deepEqual(merged.issuer, ['https://a.test/']);
    assert.deepEqual(merged.audience, ['x']);
    assert.equal(merged.typ, null);
    assert.equal(merged.maxLifetimeSeconds, null);
    assert.equal(merged.clockToleranceSeconds, 0);
    assert.deepEqual(merged.rules, { 'alg-none': 'warning', 'missing-exp': 'error' });
  });

  it('applies defaults, settings, file and flags in order', () => {
    const settings = { clockTolerance: 30, audience: 'settings-aud', requiredClaims: ['sub'] };
    const file = { clockTolerance: 10, rules: { 'alg-none': 'warning' as const } };
    const flags = { clockTolerance: 0 };
    const policy = mergePolicy(mergePolicy(mergePolicy(defaultPolicy(), settings), file), flags);
    assert.equal(policy.clockToleranceSeconds, 0);
    assert.deepEqual(policy.audience, ['settings-aud']);
    assert.deepEqual(policy.requiredClaims, ['sub']);
    assert.deepEqual(policy.rules, { 'alg-none': 'warning' });
  });

  it('does not share arrays with its inputs', () => {
    const base = defaultPolicy();
    const merged = mergePolicy(base, {});
    merged.allowedAlgorithms.push('XX1');
    assert.ok(!base.allowedAlgorithms.includes('XX1'));
  });
});

describe('mergePolicy with bad input', () => {
  it('ignores fields of the wrong type', () => {
    const untrusted = { allowedAlgorithms: 'RS256', clockTolerance: '60', audience: undefined, rules: { 'alg-none': 'loud', 'missing-exp': 'off' } } as unknown as PolicyFile;
    const merged = mergePolicy(defaultPolicy(), untrusted);
    assert.deepEqual(merged.allowedAlgorithms, defaultPolicy().allowedAlgorithms);
    assert.equal(merged.clockToleranceSeconds, defaultPolicy().clockToleranceSeconds);
    assert.deepEqual(merged.audience, []);
    assert.deepEqual(merged.rules, { 'missing-exp': 'off' });
  });
});
