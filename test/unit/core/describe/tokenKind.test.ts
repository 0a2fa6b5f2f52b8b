import assert from 'node:assert/strict';

import { describeTokenKind } from '../../../../src/core/describe/tokenKind';

describe('describeTokenKind', () => {
  it('names a signed JWS', () => {
    assert.equal(describeTokenKind({ kind: 'jws', header: { alg: 'HS256' } }), 'JWS (signed)');
  });

  it('names an alg none JWS unsecured', () => {
    assert.equal(describeTokenKind({ kind: 'jws', header: { alg: 'none' } }), 'JWS (unsecured, alg none)');
  });

  it('keeps the spelling of alg NONE', () => {
    assert.equal(describeTokenKind({ kind: 'jws', header: { alg: 'NONE' } }), 'JWS (unsecured, alg NONE)');
  });

  it('names a JWE encrypted', () => {
    assert.equal(describeTokenKind({ kind: 'jwe', header: { alg: 'dir', enc: 'A256GCM' } }), 'JWE (encrypted)');
  });

  it('calls an undecodable header signed', () => {
    assert.equal(describeTokenKind({ kind: 'jws', header: null }), 'JWS (signed)');
  });
});
