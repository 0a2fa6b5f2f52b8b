import assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze';
import type { AnalyzeOptions } from '../../../src/core/model';
import { defaultPolicy } from '../../../src/core/policy';
import { analyzeAtCharacter, analyzeInChunks, reportAtOffset, segmentOffsets } from '../../../src/extension/analysis';

const NOW = 1767225600;
const options: AnalyzeOptions = { policy: defaultPolicy(), now: NOW };

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
// A 32-byte signature, the length HS256 produces, so only token-expired fires.
const expired = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'a', exp: NOW - 3600 })}.${Buffer.alloc(32, 7).toString('base64url')}`;

/** A text of `count` lines, each holding the expired token after some filler. */
function textWithTokens(count: number): string {
  return Array.from({ length: count }, (_, i) => `line ${i} filler filler token=${expired}`).join('\n');
}

describe('analyzeInChunks', () => {
  it('matches one analyzeText call', async () => {
    const text = textWithTokens(40);
    const whole = await analyzeText(text, options);
    const chunked = await analyzeInChunks(text, options, { chunkSize: 300 });
    assert.ok(chunked);
    assert.deepEqual(
      chunked.map((report) => [report.match.start, report.match.end, report.findings.map((finding) => finding.rule)]),
      whole.map((report) => [report.match.start, report.match.end, report.findings.map((finding) => finding.rule)]),
    );
  });

  it('keeps directives across chunk edges', async () => {
    const lines = ['x'.repeat(290), '# jwt-lens-ignore-next-line token-expired', `token=${expired}`];
    const reports = await analyzeInChunks(lines.join('\n'), options, { chunkSize: 295 });
    assert.ok(reports);
    assert.equal(reports.length, 1);
    assert.deepEqual(reports[0].findings.map((finding) => finding.rule), []);
  });

  it('stops when cancelled', async () => {
    let checks = 0;
    const reports = await analyzeInChunks(textWithTokens(40), options, { chunkSize: 300, isCancelled: () => ++checks > 2 });
    assert.equal(reports, undefined);
  });

  it('handles empty text', async () => {
    assert.deepEqual(await analyzeInChunks('', options), []);
  });
});

describe('analyzeAtCharacter', () => {
  const line = `const a = "${expired}", b = "${expired}";`;

  it('finds the token under the cursor', async () => {
    const second = line.lastIndexOf(expired);
    const report = await analyzeAtCharacter(line, second + 5, options);
    assert.ok(report);
    assert.deepEqual([report.match.start, report.match.end], [second, second + expired.length]);
  });

  it('returns nothing between tokens', async () => {
    assert.equal(await analyzeAtCharacter(line, line.indexOf(',') + 2, options), undefined);
  });
});

describe('reportAtOffset', () => {
  it('finds by binary search, ends included', async () => {
    const text = textWithTokens(5);
    const reports = (await analyzeInChunks(text, options))!;
    const third = reports[2];
    assert.equal(reportAtOffset(reports, third.match.start), third);
    assert.equal(reportAtOffset(reports, third.match.end), third);
    assert.equal(reportAtOffset(reports, third.match.start - 1), undefined);
  });
});

describe('segmentOffsets', () => {
  it('splits at every dot', () => {
    assert.deepEqual(segmentOffsets('ab.c.'), [
      { start: 0, end: 2 },
      { start: 3, end: 4 },
      { start: 5, end: 5 },
    ]);
  });
});
