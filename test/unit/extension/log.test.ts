import assert from 'node:assert/strict';
import { redactToken } from '../../../src/extension/log';

describe('redactToken', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLWJ5dGVz';

  it('keeps the header and the length', () => {
    assert.equal(redactToken(token), `eyJhbGciOiJIUzI1NiJ9.eyJz… (${token.length} characters)`);
  });

  it('never includes the signature', () => {
    assert.ok(!redactToken(token).includes('c2ln'));
  });

  it('cuts a long header', () => {
    const header = 'e'.repeat(500);
    assert.equal(redactToken(`${header}.payload.sig`), `${'e'.repeat(40)}.payl… (512 characters)`);
  });

  it('shortens text without dots', () => {
    assert.equal(redactToken('supersecretvalue'), 'supersec… (16 characters)');
  });
});
