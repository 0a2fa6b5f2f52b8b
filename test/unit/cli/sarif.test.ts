import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { run as runScan } from '../../../src/cli/commands/scan';
import { RULES } from '../../../src/core/rules';
import { createFakeIo } from './fakeIo';

const CASES_DIRECTORY = join(__dirname, '../../fixtures/cases');

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: { id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: SarifResult[];
  }[];
}

describe('cli sarif output', () => {
  let log: SarifLog;
  let exitCode: number;

  before(async () => {
    // Run from inside the repository: URIs must still be relative to its root.
    const fake = createFakeIo({ cwd: CASES_DIRECTORY });
    exitCode = await runScan(['.', '--format', 'sarif', '--now', '1767225600', '--leeway', '60'], fake.io);
    log = JSON.parse(fake.stdout()) as SarifLog;
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    // The OASIS SARIF 2.1.0 schema (draft-04), as shipped in @microsoft/jest-sarif.
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    // The schema's language-tag pattern is not valid in Unicode mode, hence unicodeRegExp: false.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);

    const valid = validate(log);
    assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
  });

  it('has the SARIF 2.1.0 header', () => {
    assert.equal(exitCode, 1);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
  });

  it('describes the tool and every catalogue rule', () => {
    const driver = log.runs[0].tool.driver;
    const packageVersion = (JSON.parse(readFileSync(join(CASES_DIRECTORY, '../../../package.json'), 'utf8')) as { version: string }).version;

    assert.equal(driver.name, 'JWT Lens');
    assert.equal(driver.version, packageVersion);
    assert.equal(driver.informationUri, 'https://github.com/jwt-lens/jwt-lens');
    assert.deepEqual(
      driver.rules.map((rule) => rule.id),
      RULES.map((rule) => rule.id),
    );
    for (const rule of driver.rules) {
      const definition = RULES.find((candidate) => candidate.id === rule.id)!;
      assert.equal(rule.shortDescription.text, definition.title);
      assert.ok(rule.helpUri.endsWith(`docs/rules.md#${definition.docsAnchor}`), rule.helpUri);
      assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[definition.defaultSeverity]);
    }
  });

  it('counts columns in UTF-16 code units', () => {
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.match(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  });

  it('gives every result a rule, level, location and fingerprint', () => {
    const results = log.runs[0].results;
    const ruleIds = log.runs[0].tool.driver.rules.map((rule) => rule.id);
    assert.ok(results.length > 20, `only ${results.length} results`);

    for (const result of results) {
      assert.ok(ruleIds.includes(result.ruleId), result.ruleId);
      assert.equal(ruleIds[result.ruleIndex!], result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level), result.level);
      assert.ok(result.message.text.length > 0);
      assert.equal(result.locations.length, 1);

      const location = result.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.match(location.artifactLocation.uri, /^test\/fixtures\/cases\/case-\d\d\.[a-z]+$/);
      assert.ok(location.region['startLine'] >= 1);
      assert.ok(location.region['startColumn'] >= 1);
      assert.match(result.partialFingerprints['jwtLens/v1'] ?? '', /^[0-9a-f]{64}$/);
    }
  });

  it('maps ranges to 1-based regions', () => {
    const expiredC08 = log.runs[0].results.find(
      (result) => result.ruleId === 'token-expired' && result.locations[0].physicalLocation.artifactLocation.uri.endsWith('case-08.yaml'),
    );
    // case-08.yaml: the token spans line 0, characters 8 to 189 (0-based, end exclusive).
    assert.deepEqual(expiredC08?.locations[0]!.physicalLocation.region, { startLine: 1, startColumn: 9, endLine: 1, endColumn: 190 });
  });

  it('never contains a whole token', () => {
    const text = JSON.stringify(log);
    const expected = JSON.parse(readFileSync(join(CASES_DIRECTORY, 'expected.json'), 'utf8')) as {
      cases: { file: string; tokens: { offset: [number, number] }[] }[];
    };
    for (const testCase of expected.cases) {
      const source = readFileSync(join(CASES_DIRECTORY, testCase.file), 'utf8');
      for (const token of testCase.tokens) {
        const raw = source.slice(token.offset[0], token.offset[1]);
        assert.equal(text.includes(raw), false, `${testCase.file} token at ${token.offset[0]} appears in the SARIF log`);
      }
    }
  });

  it('uses the working directory outside a repository', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'jwt-lens-sarif-'));
    try {
      await mkdir(join(directory, 'sub dir'));
      await writeFile(join(directory, 'sub dir', 'a.txt'), readFileSync(join(CASES_DIRECTORY, 'case-08.yaml')));
      const fake = createFakeIo({ cwd: directory });
      await runScan(['.', '--format', 'sarif', '--now', '1767225600'], fake.io);
      const result = (JSON.parse(fake.stdout()) as SarifLog).runs[0].results[0];

      assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'sub%20dir/a.txt', uriBaseId: '%SRCROOT%' });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('maps info to note', () => {
    const levels = new Set(log.runs[0].results.map((result) => result.level));
    assert.equal(levels.has('note'), true);
    assert.equal(levels.has('info'), false);
  });
});
