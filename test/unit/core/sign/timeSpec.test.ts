import assert from 'node:assert/strict';

import { parseTimeSpec } from '../../../../src/core/sign/timeSpec';

const NOW = 1767225600;

describe('parseTimeSpec', () => {
  const cases: [string, number][] = [
    ['+45s', NOW + 45],
    ['+30m', NOW + 1800],
    ['+2h', NOW + 7200],
    ['+7d', NOW + 7 * 86400],
    ['+1w', NOW + 604800],
    ['-1h', NOW - 3600],
    [' +5m ', NOW + 300],
    ['1767229200', 1767229200],
    ['0', 0],
  ];
  for (const [text, expected] of cases) {
    it(`parses "${text}"`, () => {
      assert.equal(parseTimeSpec(text, NOW), expected);
    });
  }

  it('floors a fractional clock', () => {
    assert.equal(parseTimeSpec('+1s', NOW + 0.9), NOW + 1);
  });

  for (const text of ['', '30m', '+30', '+1y', '1.5', 'tomorrow', '+-1h', '2026-01-01']) {
    it(`rejects "${text}"`, () => {
      assert.throws(() => parseTimeSpec(text, NOW), {
        name: 'RangeError',
        message: `Invalid time "${text}": use +30m, +2h, +7d, -1h (units s, m, h, d, w) or seconds since the epoch such as 1767225600.`,
      });
    });
  }
});
