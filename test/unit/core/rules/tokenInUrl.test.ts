import assert from 'node:assert/strict';
import { defaultPolicy, evaluatePolicy } from '../../../../src/core/policy';
import { freshClaims, HS256, NOW, token, UNVERIFIED } from './helpers';

function urlHits(linePrefix: string | undefined): string[] {
  const findings = evaluatePolicy(token(HS256, freshClaims()), UNVERIFIED, defaultPolicy(), NOW, undefined, linePrefix);
  return findings.filter((finding) => finding.rule === 'token-in-url').map((finding) => `${finding.severity}: ${finding.message}`);
}

const ADVICE = 'where logs, browser history and Referer headers keep it (RFC 6750 5.3); send it in the Authorization header';

describe('token-in-url', () => {
  it('flags a query parameter', () => {
    assert.deepEqual(urlHits('curl "https://api.example.test/v1/me?x=1&access_token='), [`info: Token is passed in the URL query parameter access_token, ${ADVICE}`]);
  });

  it('flags a fragment parameter', () => {
    assert.deepEqual(urlHits('Location: https://app.example.test/cb#state=1&id_token='), [`info: Token is passed in the URL fragment parameter id_token, ${ADVICE}`]);
  });

  it('flags a URL path', () => {
    assert.deepEqual(urlHits('GET https://api.example.test/reset/'), [`info: Token is part of a URL path, ${ADVICE}`]);
  });

  it('ignores headers, form bodies and assignments', () => {
    assert.deepEqual(urlHits('Authorization: Bearer '), []);
    assert.deepEqual(urlHits('grant_type=x&assertion='), []);
    assert.deepEqual(urlHits('token='), []);
    assert.deepEqual(urlHits('const url = "?" + "token='), []);
    assert.deepEqual(urlHits(undefined), []);
  });
});
