import assert from 'node:assert/strict';
import { foldJson, foldText, HOVER_FOLD_LIMITS } from '../../../../src/extension/hover/foldJson';

const limits = { ...HOVER_FOLD_LIMITS, maxItems: 2, maxMembers: 2, maxStringLength: 5, maxDepth: 2, maxLines: 100 };

describe('foldJson', () => {
  it('prints small values as JSON', () => {
    assert.equal(foldJson({ a: 1, b: [true, null] }), '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}');
  });

  it('notes folded items and members', () => {
    assert.equal(foldJson([1, 2, 3, 4], limits), '[\n  1,\n  2,\n  … 2 more items\n]');
    assert.equal(foldJson({ a: 1, b: 2, c: 3 }, limits), '{\n  "a": 1,\n  "b": 2,\n  … 1 more member\n}');
  });

  it('notes folded strings', () => {
    assert.equal(foldJson('abcdefgh', limits), '"abcde…" (3 more characters)');
  });

  it('notes folded depth', () => {
    assert.equal(foldJson({ a: { b: { c: 1 } } }, limits), '{\n  "a": {\n    "b": {… 1 member}\n  }\n}');
  });

  it('prints non-finite numbers', () => {
    assert.equal(foldJson({ exp: Infinity }), '{\n  "exp": Infinity\n}');
  });

  it('notes folded lines', () => {
    const folded = foldJson(Array.from({ length: 10 }, (_, i) => i), { ...limits, maxItems: 50, maxLines: 3 });
    assert.equal(folded, '[\n  0,\n  1,\n… 9 more lines');
  });
});

describe('foldText', () => {
  it('keeps short text', () => {
    assert.equal(foldText('abc', 3), 'abc');
  });

  it('notes what it cuts', () => {
    assert.equal(foldText('abcdef', 2), 'ab… (4 more characters)');
  });
});
