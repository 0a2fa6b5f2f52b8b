import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, runCli } from '../../../src/cli/dispatch';
import { createFakeIo } from './fakeIo';

const ROOT = join(__dirname, '../../..');
const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('cli dispatcher', () => {
  it('lists all eight commands', () => {
    assert.deepEqual(Object.keys(COMMANDS), ['decode', 'check', 'scan', 'verify', 'crack', 'keygen', 'sign', 'attacks']);
  });

  it('prints help with --help', async () => {
    const fake = createFakeIo();
    assert.equal(await runCli(['--help'], fake.io), 0);
    for (const name of Object.keys(COMMANDS)) {
      assert.match(fake.stdout(), new RegExp(`^ {2}${name} +\\S`, 'm'));
    }
  });

  it('prints usage and exits 2 without a command', async () => {
    const fake = createFakeIo();
    assert.equal(await runCli([], fake.io), 2);
    assert.match(fake.stdout(), /^Usage: jwt-lens COMMAND/);
  });

  it('prints the package version', async () => {
    const fake = createFakeIo();
    assert.equal(await runCli(['--version'], fake.io), 0);
    assert.equal(fake.stdout(), `${packageVersion}\n`);
  });

  it('skips a leading -- from npx', async () => {
    const fake = createFakeIo();
    assert.equal(await runCli(['--', '--version'], fake.io), 0);
    assert.equal(fake.stdout(), `${packageVersion}\n`);
  });

  it('rejects an unknown command', async () => {
    const fake = createFakeIo();
    assert.equal(await runCli(['decod'], fake.io), 2);
    assert.equal(fake.stderr(), `jwt-lens: unknown command "decod"\nRun 'jwt-lens --help' for usage.\n`);
  });

  it('rejects an unknown top-level option', async () => {
    const fake = createFakeIo();
    assert.equal(await runCli(['--verbose'], fake.io), 2);
    assert.equal(fake.stderr(), `jwt-lens: unknown option --verbose\nRun 'jwt-lens --help' for usage.\n`);
  });

  it('shows command help with help COMMAND', async () => {
    const fake = createFakeIo();
    assert.equal(await runCli(['help', 'scan'], fake.io), 0);
    assert.match(fake.stdout(), /^Usage: jwt-lens scan \[PATH\.\.\.\]/);
  });

  it('passes arguments to the command', async () => {
    const fake = createFakeIo({ stdin: 'no tokens here' });
    assert.equal(await runCli(['scan', '-', '--format', 'json'], fake.io), 0);
    assert.deepEqual(JSON.parse(fake.stdout()), { version: 1, files: [], skipped: [], errors: [] });
  });
});

describe('cli bin', () => {
  const bin = join(ROOT, 'bin/jwt-lens.js');
  const bundle = join(ROOT, 'dist/cli.js');

  it('runs the built bundle', function () {
    if (!existsSync(bundle)) {
      this.skip(); // dist/cli.js is missing: run `npm run build` first.
    }
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${packageVersion}\n`);

    const scan = spawnSync(process.execPath, [bin, 'scan', 'test/fixtures/cases/case-08.yaml', '--now', '1767225600', '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(scan.status, 1, scan.stderr);
    const document = JSON.parse(scan.stdout) as { files: { path: string; tokens: { findings: { rule: string }[] }[] }[] };
    assert.equal(document.files[0]?.path, 'test/fixtures/cases/case-08.yaml');
    assert.ok(document.files[0]?.tokens[0]?.findings.some((finding) => finding.rule === 'token-expired'));
  });
});
