import assert from 'node:assert/strict';
import { findDuplicateMembers, MAX_REPORTED_DUPLICATES } from '../../../../src/core/decode/duplicateMembers';

describe('findDuplicateMembers', () => {
  it('returns nothing for unique names', () => {
    assert.deepEqual(findDuplicateMembers('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}'), []);
  });

  it('finds top-level and nested duplicates', () => {
    assert.deepEqual(findDuplicateMembers('{"a":1,"b":{"x":1,"x":2},"a":3}'), ['b.x', 'a']);
  });

  it('reports each duplicate once', () => {
    assert.deepEqual(findDuplicateMembers('{"a":1,"a":2,"a":3}'), ['a']);
  });

  it('ignores names inside string values', () => {
    assert.deepEqual(findDuplicateMembers('{"a":"\\"a\\":1","b":"{\\"a\\""}'), []);
  });

  it('compares decoded names', () => {
    assert.deepEqual(findDuplicateMembers('{"é":1,"\\u00e9":2}'), ['é']);
  });

  it('names array elements by index', () => {
    assert.deepEqual(findDuplicateMembers('[0,{"k":1,"k":2}]'), ['[1].k']);
  });

  it('limits the number of reports', () => {
    const members = Array.from({ length: 50 }, (_, i) => `"m${i}":1,"m${i}":2`).join(',');
    assert.equal(findDuplicateMembers(`{${members}}`).length, MAX_REPORTED_DUPLICATES);
  });

  it('handles deep nesting iteratively', () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    assert.deepEqual(findDuplicateMembers(deep), []);
  });
});
