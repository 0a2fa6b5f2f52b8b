import assert from 'node:assert/strict';

import { buildClaimsTemplate } from '../../../../src/core/sign/claimsTemplate';

const NOW = 1767225600;
const fixedBytes = (length: number) => new Uint8Array(length).fill(0xab);

describe('buildClaimsTemplate', () => {
  it('fills time claims from the clock', () => {
    const claims = buildClaimsTemplate({ now: NOW + 0.75, lifetimeSeconds: 900, randomBytes: fixedBytes });
    assert.deepEqual(claims, { sub: 'test-user', iat: NOW, nbf: NOW, exp: NOW + 900, jti: 'ab'.repeat(16) });
  });

  it('takes issuer and audience from policy', () => {
    const claims = buildClaimsTemplate({
      now: NOW,
      lifetimeSeconds: 3600,
      subject: 'user-42',
      policy: { issuer: ['https://issuer.example.test/', 'https://other.example.test/'], audience: ['api'] },
      randomBytes: fixedBytes,
    });
    assert.equal(claims.iss, 'https://issuer.example.test/');
    assert.equal(claims.aud, 'api');
    assert.equal(claims.sub, 'user-42');
  });

  it('keeps several audiences as an array', () => {
    const claims = buildClaimsTemplate({ now: NOW, lifetimeSeconds: 60, policy: { issuer: [], audience: ['a', 'b'] } });
    assert.deepEqual(claims.aud, ['a', 'b']);
    assert.equal('iss' in claims, false);
  });

  it('jti is random by default', () => {
    const first = buildClaimsTemplate({ now: NOW, lifetimeSeconds: 60 }).jti;
    const second = buildClaimsTemplate({ now: NOW, lifetimeSeconds: 60 }).jti;
    assert.match(String(first), /^[0-9a-f]{32}$/);
    assert.notEqual(first, second);
  });

  it('rejects a non-positive lifetime', () => {
    for (const lifetimeSeconds of [0, -5, Number.NaN]) {
      assert.throws(() => buildClaimsTemplate({ now: NOW, lifetimeSeconds }), {
        name: 'RangeError',
        message: `Token lifetime must be a positive number of seconds, got ${lifetimeSeconds}.`,
      });
    }
  });
});
