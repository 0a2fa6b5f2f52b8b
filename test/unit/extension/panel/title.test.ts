import assert from 'node:assert/strict';

import { panelTitle } from '../../../../src/extension/panel/title';

function unsigned(header: unknown, payload: unknown): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.c2ln`;
}

describe('panelTitle', () => {
  it('names alg and sub', () => {
    assert.equal(panelTitle(unsigned({ alg: 'HS256' }, { sub: 'user-42' })), 'JWT Lens: HS256 user-42');
  });

  it('takes a numeric sub', () => {
    assert.equal(panelTitle(unsigned({ alg: 'RS256' }, { sub: 42 })), 'JWT Lens: RS256 42');
  });

  it('names alg alone without sub', () => {
    assert.equal(panelTitle(unsigned({ alg: 'none' }, { iss: 'a' })), 'JWT Lens: none');
  });

  it('falls back for tokens that do not decode', () => {
    assert.equal(panelTitle('not.a.token'), 'JWT Lens');
    assert.equal(panelTitle(''), 'JWT Lens');
  });

  it('replaces control and bidi characters', () => {
    assert.equal(panelTitle(unsigned({ alg: 'HS256' }, { sub: 'a\nb\u202Ec\u0000d' })), 'JWT Lens: HS256 a b c d');
  });

  it('cuts a long sub to 40 characters', () => {
    const title = panelTitle(unsigned({ alg: 'HS256' }, { sub: '😀'.repeat(100) }));
    assert.equal(title, `JWT Lens: HS256 ${'😀'.repeat(33)}…`);
    assert.equal([...title.slice('JWT Lens: '.length)].length, 40);
  });
});
