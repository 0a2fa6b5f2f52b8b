import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS } from '../../../../src/core/model';
import { settingSchema } from '../../../../src/core/policy';
import { RULES, ruleById } from '../../../../src/core/rules';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DOCS = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');

/** Rule ids documented as `### id` headings. */
function documentedIds(): string[] {
  return [...DOCS.matchAll(/^### ([a-z0-9-]+)$/gm)].map((match) => match[1]);
}

/** Lists each file under src/core/rules with the ids of the rule definitions it exports. */
function ruleModules(): Array<{ file: string; ids: string[] }> {
  const dir = join(ROOT, 'src', 'core', 'rules');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && file !== 'index.ts' && file !== 'types.ts');
  return files.map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(join(dir, file)) as Record<string, unknown>;
    const ids = Object.values(exports)
      .filter((value): value is { id: string; check: unknown } => typeof value === 'object' && value !== null && 'id' in value && 'check' in value)
      .map((rule) => rule.id);
    return { file, ids };
  });
}

describe('rule catalogue', () => {
  it('has one rule per id, in no particular order', () => {
    assert.deepEqual(RULES.map((rule) => rule.id).sort(), [...RULE_IDS].sort());
  });

  it('registers every rule module export', () => {
    const exported = ruleModules().flatMap((module) => module.ids);
    assert.deepEqual(exported.sort(), [...RULE_IDS].sort());
  });

  it('documents every rule id and nothing else', () => {
    assert.deepEqual(documentedIds().sort(), [...RULE_IDS].sort());
  });

  it('states each default severity in the docs', () => {
    for (const rule of RULES) {
      const section = DOCS.split(`### ${rule.id}\n`)[1].split('\n### ')[0];
      assert.match(section, new RegExp(`^\\*\\*Default:\\*\\* ${rule.defaultSeverity}[ .]`, 'm'), rule.id);
    }
  });

  it('gives each rule a title and its id as anchor', () => {
    for (const rule of RULES) {
      assert.equal(rule.docsAnchor, rule.id);
      assert.ok(rule.title.length > 0, rule.id);
      assert.ok(rule.title.length <= 50, rule.id);
    }
  });

  it('finds rules by id', () => {
    assert.equal(ruleById('alg-none')?.id, 'alg-none');
    assert.equal(ruleById('no-such-rule'), undefined);
  });
});

describe('rules.md policy table', () => {
  it('states the package.json defaults', () => {
    const rows: Array<[string, string]> = [
      ['requiredClaims', 'jwtLens.policy.requiredClaims'],
      ['issuer', 'jwtLens.policy.issuer'],
      ['audience', 'jwtLens.policy.audience'],
      ['typ', 'jwtLens.policy.typ'],
      ['maxLifetime', 'jwtLens.policy.maxLifetime'],
      ['clockTolerance', 'jwtLens.policy.clockTolerance'],
      ['rules', 'jwtLens.rules'],
    ];
    for (const [key, setting] of rows) {
      const row = DOCS.split('\n').find((line) => line.startsWith(`| \`${key}\` | \`${setting}\` |`));
      assert.ok(row, key);
      const defaultCell = row.split(' | ')[2];
      assert.ok(defaultCell.startsWith(`\`${JSON.stringify(settingSchema(setting).default)}\``), `${key}: ${defaultCell}`);
    }
  });
});
