import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/model';
import { applySuppression, findSuppressions, type Suppression } from '../../../src/core/suppress';

function describeMap(map: Map<number, Suppression>): Record<number, string> {
  return Object.fromEntries([...map].map(([line, rules]) => [line, rules === 'all' ? 'all' : [...rules].join(',')]));
}

describe('findSuppressions', () => {
  it('reads next-line and same-line directives', () => {
    const text = ['// jwt-lens-ignore-next-line', 'token', 'token // jwt-lens-ignore-line'].join('\n');
    assert.deepEqual(describeMap(findSuppressions(text)), { 1: 'all', 2: 'all' });
  });

  const syntaxes: Array<[string, string]> = [
    ['//', '// jwt-lens-ignore-next-line alg-none, token-expired'],
    ['#', '# jwt-lens-ignore-next-line alg-none token-expired'],
    ['<!-- -->', '<!-- jwt-lens-ignore-next-line alg-none, token-expired -->'],
    ['/* */', '/* jwt-lens-ignore-next-line alg-none,token-expired */'],
    ['--', '-- jwt-lens-ignore-next-line alg-none, token-expired'],
    [';', '; jwt-lens-ignore-next-line alg-none, token-expired because fixtures'],
  ];
  for (const [name, line] of syntaxes) {
    it(`reads a rule list in ${name} comments`, () => {
      assert.deepEqual(describeMap(findSuppressions(`${line}\ntoken`)), { 1: 'alg-none,token-expired' });
    });
  }

  it('counts lines after CRLF and CR breaks', () => {
    assert.deepEqual(describeMap(findSuppressions('a\r\nb\r# jwt-lens-ignore-next-line\r\ntoken')), { 3: 'all' });
  });

  it('silences nothing for misspelt ids', () => {
    assert.deepEqual(describeMap(findSuppressions('// jwt-lens-ignore-next-line alg-nome\ntoken')), { 1: '' });
  });

  it('merges several directives for one line', () => {
    const text = '// jwt-lens-ignore-next-line alg-none\ntoken // jwt-lens-ignore-line missing-exp';
    assert.deepEqual(describeMap(findSuppressions(text)), { 1: 'alg-none,missing-exp' });
  });

  it('lets an all-rules directive win', () => {
    const text = '// jwt-lens-ignore-next-line\ntoken // jwt-lens-ignore-line missing-exp';
    assert.deepEqual(describeMap(findSuppressions(text)), { 1: 'all' });
  });

  it('ignores longer words that start like a directive', () => {
    assert.deepEqual(describeMap(findSuppressions('// jwt-lens-ignore-lines\n// jwt-lens-ignore-next-lines\n// jwt-lens-ignore-everything')), {});
  });

  it('returns nothing for text without directives', () => {
    assert.equal(findSuppressions('plain text\n'.repeat(1000)).size, 0);
  });
});

describe('applySuppression', () => {
  const findings: Finding[] = [
    { rule: 'alg-none', severity: 'error', message: 'a' },
    { rule: 'missing-exp', severity: 'warning', message: 'b' },
  ];

  it('keeps everything without a suppression', () => {
    assert.deepEqual(applySuppression(findings, undefined), findings);
  });

  it('drops everything for all', () => {
    assert.deepEqual(applySuppression(findings, 'all'), []);
  });

  it('drops only the listed rules', () => {
    assert.deepEqual(applySuppression(findings, new Set(['alg-none'] as const)), [findings[1]]);
  });
});
