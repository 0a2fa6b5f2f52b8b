import assert from 'node:assert/strict';
import { describeJson, describeRelative, formatDuration, formatNumericDate } from '../../../src/core/time';
import { deepArray } from './rules/helpers';

const NOW = 1767225600;

describe('formatNumericDate', () => {
  it('formats whole seconds without milliseconds', () => {
    assert.equal(formatNumericDate(1767225600), '2026-01-01T00:00:00Z');
  });

  it('reads seconds, not milliseconds', () => {
    assert.equal(formatNumericDate(1516239022), '2018-01-18T01:30:22Z');
  });

  it('keeps fractional seconds', () => {
    assert.equal(formatNumericDate(1767229200.5), '2026-01-01T01:00:00.500Z');
  });

  it('never throws for values Date cannot hold', () => {
    assert.equal(formatNumericDate(1e50), '1e+50 (not a representable date)');
    assert.equal(formatNumericDate(Infinity), 'Infinity (not a representable date)');
    assert.equal(formatNumericDate(-Infinity), '-Infinity (not a representable date)');
    assert.equal(formatNumericDate(NaN), 'NaN (not a representable date)');
    assert.equal(formatNumericDate(8.64e12 + 1), '8640000000001 (not a representable date)');
  });

  it('formats the last representable date', () => {
    assert.equal(formatNumericDate(8.64e12), '+275760-09-13T00:00:00Z');
  });

  it('formats negative dates before 1970', () => {
    assert.equal(formatNumericDate(-86400), '1969-12-31T00:00:00Z');
  });

  it('labels non-numbers', () => {
    assert.equal(formatNumericDate('1767229200'), '"1767229200" (not a NumericDate)');
    assert.equal(formatNumericDate(null), 'null (not a NumericDate)');
    assert.equal(formatNumericDate(undefined), 'undefined (not a NumericDate)');
  });
});

describe('formatDuration', () => {
  const cases: Array<[number, string]> = [
    [0, '0 s'],
    [0.25, 'less than 1 s'],
    [45, '45 s'],
    [300, '5 min'],
    [2 * 3600 + 13 * 60, '2 h 13 min'],
    [3600 + 5, '1 h'],
    [3 * 86400, '3 days'],
    [86400 + 3600, '1 day 1 h'],
    [365.25 * 86400, '1 year'],
    [365 * 86400, '365 days'],
    [-90, '1 min 30 s'],
    [Infinity, 'an unbounded time'],
  ];
  for (const [seconds, expected] of cases) {
    it(`formats ${seconds} s as ${expected}`, () => {
      assert.equal(formatDuration(seconds), expected);
    });
  }
});

describe('describeRelative', () => {
  it('describes the future', () => {
    assert.equal(describeRelative(NOW + 2 * 3600 + 13 * 60, NOW), 'in 2 h 13 min');
  });

  it('describes the past', () => {
    assert.equal(describeRelative(NOW - 3 * 86400, NOW), '3 days ago');
  });

  it('describes the present', () => {
    assert.equal(describeRelative(NOW, NOW), 'now');
  });

  it('handles unrepresentable dates', () => {
    assert.equal(describeRelative(1e50, NOW), 'at an unrepresentable time');
    assert.equal(describeRelative(NaN, NOW), 'at an unrepresentable time');
  });
});

describe('describeJson', () => {
  it('cuts long values to the maximum', () => {
    assert.equal(describeJson('x'.repeat(100), 10), '"xxxxxxxx…');
  });

  it('describeJson never throws on deep nesting', () => {
    const text = describeJson(deepArray(20000));
    assert.equal(text, 'an array');
    assert.ok(text.length <= 60);
    assert.equal(describeJson({ a: deepArray(20000) }), 'an object');
  });
});
