import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { readmeTables, repoRoot } from '../../support/readmeTables';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('lists every command as package.json declares it', () => {
    assert.ok(
      readme.includes(readmeTables().commands),
      'the commands table differs from package.json; print the expected one with `npx tsx test/support/readmeTables.ts`',
    );
  });

  it('lists every setting with its package.json default', () => {
    assert.ok(
      readme.includes(readmeTables().settings),
      'the settings table differs from package.json; print the expected one with `npx tsx test/support/readmeTables.ts`',
    );
  });

  it('starts with the set-up and test commands', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock.split('\n').filter(Boolean).map((line) => line.replace(/\s+#.*$/, '').trim());
    assert.equal(commands.length, 2);
    assert.match(commands[0], /^npm ci && npm run build && npx jwt-lens scan examples\b/);
    assert.equal(commands[1], 'npm ci && npm test');
  });

  it('is what CI runs', () => {
    const ciScript = fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8');
    assert.match(ciScript, /^npm ci --no-audit --no-fund && npm test$/m);
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)(#[^)]*)?\)/g)].map((match) => match[1]);
    assert.ok(links.length > 0);
    for (const link of links) assert.ok(fs.existsSync(path.join(repoRoot, link)), `README links to missing ${link}`);
  });
});
