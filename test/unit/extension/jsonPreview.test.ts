import assert from 'node:assert/strict';

import { DEPTH_MARKER, MAX_PREVIEW_DEPTH, stringifyJsonPreview } from '../../../src/extension/jsonPreview';

describe('stringifyJsonPreview', () => {
  it('matches JSON.stringify on ordinary values', () => {
    const values: unknown[] = [
      JSON.parse('{"__proto__":{"admin":true},"aud":["a","b"],"n":1e21,"s":"\\u202e\\"q\\"","e":{},"l":[],"t":true,"z":null}'),
      'text',
      -0.5,
      false,
      null,
      [[1, [2, [3]]], { a: { b: { c: 'd' } } }],
    ];
    for (const value of values) {
      assert.equal(stringifyJsonPreview(value), JSON.stringify(value));
    }
  });

  it('keeps exactly MAX_PREVIEW_DEPTH levels', () => {
    const fits = JSON.parse(`${'['.repeat(MAX_PREVIEW_DEPTH)}${']'.repeat(MAX_PREVIEW_DEPTH)}`) as unknown;
    assert.equal(stringifyJsonPreview(fits), JSON.stringify(fits));

    const deeper = JSON.parse(`{"a":${'['.repeat(MAX_PREVIEW_DEPTH)}${']'.repeat(MAX_PREVIEW_DEPTH)}}`) as unknown;
    assert.equal(stringifyJsonPreview(deeper), `{"a":${'['.repeat(MAX_PREVIEW_DEPTH - 1)}${DEPTH_MARKER}${']'.repeat(MAX_PREVIEW_DEPTH - 1)}}`);
  });

  it('formats 100 000 nested arrays without overflow', () => {
    const depth = 100000;
    const value = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    assert.equal(stringifyJsonPreview(value), `${'['.repeat(MAX_PREVIEW_DEPTH)}${DEPTH_MARKER}${']'.repeat(MAX_PREVIEW_DEPTH)}`);
  });
});
