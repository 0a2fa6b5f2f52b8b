import assert from 'node:assert/strict';
import { CLAIM_DESCRIPTIONS, describeClaim, describeHeaderParameter, HEADER_DESCRIPTIONS } from '../../../../src/core/describe/claims';

describe('claim descriptions', () => {
  it('describes registered claims', () => {
    assert.deepEqual(describeClaim('exp'), {
      title: 'Expiration time',
      description: 'The time (NumericDate, seconds since 1970) on or after which the token must be rejected.',
      source: 'RFC 7519',
    });
    assert.equal(describeClaim('nonce')?.source, 'OIDC');
    assert.equal(describeClaim('client_id')?.source, 'RFC 9068');
  });

  it('ignores prototype names', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      assert.equal(describeClaim(name), undefined, name);
      assert.equal(describeHeaderParameter(name), undefined, name);
    }
  });

  it('describes header parameters', () => {
    assert.equal(describeHeaderParameter('kid')?.title, 'Key ID');
    assert.equal(describeHeaderParameter('b64')?.source, 'RFC 7797');
    assert.equal(describeHeaderParameter('sub'), undefined);
  });

  it('has one sentence per entry', () => {
    for (const [name, entry] of [...CLAIM_DESCRIPTIONS, ...HEADER_DESCRIPTIONS]) {
      assert.match(entry.description, /^[A-Z"'a-z].*\.$/, name);
      assert.ok(entry.description.length <= 120, `${name} description is ${entry.description.length} characters`);
    }
  });
});
