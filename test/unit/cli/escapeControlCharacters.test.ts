import { strict as assert } from 'node:assert';

import { escapeControlCharacters } from '../../../src/cli/format/color';

describe('escapeControlCharacters', () => {
  it('shows zero-width characters', () => {
    assert.equal(escapeControlCharacters('ad\u200Bmin\u2060\uFEFF'), 'ad\\u200bmin\\u2060\\ufeff');
  });

  it('shows bidi controls and terminal escapes', () => {
    assert.equal(escapeControlCharacters('user\u202Enimda'), 'user\\u202enimda');
    assert.equal(escapeControlCharacters('\u001b]0;title\u0007'), '\\u001b]0;title\\u0007');
  });

  it('keeps ordinary text', () => {
    assert.equal(escapeControlCharacters('Zoë Ünïcødé 🎉 测试'), 'Zoë Ünïcødé 🎉 测试');
  });
});
