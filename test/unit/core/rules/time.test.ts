import assert from 'node:assert/strict';
import { decodeToken } from '../../../../src/core/decode/decodeToken';
import { deepJson, evaluate, freshClaims, hitsOf, HS256, NOW, rawToken, rulesOf, token } from './helpers';

const HOUR = 3600;

describe('time rules', () => {
  describe('numeric-date-type', () => {
    it('reports a deeply nested exp instead of failing', () => {
      const findings = evaluate(decodeToken(rawToken(JSON.stringify(HS256), `{"sub":"a","exp":${deepJson(20000)}}`)));
      assert.deepEqual(hitsOf(findings, 'numeric-date-type'), ['error: exp must be a JSON number (NumericDate), got an array']);
    });

    it('rejects a numeric string exp without calling it missing', () => {
      const findings = evaluate(token(HS256, { sub: 'user-42', iat: NOW, exp: '1767229200' }));
      assert.deepEqual(hitsOf(findings, 'numeric-date-type'), ['error: exp must be a JSON number (NumericDate), got a string (the string looks like 2026-01-01T01:00:00Z)']);
      assert.deepEqual(hitsOf(findings, 'missing-exp'), []);
      assert.deepEqual(hitsOf(findings, 'token-expired'), []);
    });

    it('reports one type error each for a list, null and a boolean', () => {
      const findings = evaluate(token(HS256, { sub: 'user-42', iat: true, nbf: null, exp: [1767229200] }));
      assert.deepEqual(hitsOf(findings, 'numeric-date-type'), [
        'error: exp must be a JSON number (NumericDate), got an array ([1767229200])',
        'error: nbf must be a JSON number (NumericDate), got null',
        'error: iat must be a JSON number (NumericDate), got a boolean (true)',
      ]);
    });

    it('reads ISO 8601 strings as a hint only', () => {
      const findings = evaluate(token(HS256, { iat: '2025-12-31T23:55:00.067Z', exp: '2026-01-01T00:05:00.067Z' }));
      assert.deepEqual(hitsOf(findings, 'numeric-date-type'), [
        'error: exp must be a JSON number (NumericDate), got a string (the string is an ISO 8601 date, 2026-01-01T00:05:00.067Z, which is NumericDate 1767225900.067)',
        'error: iat must be a JSON number (NumericDate), got a string (the string is an ISO 8601 date, 2025-12-31T23:55:00.067Z, which is NumericDate 1767225300.067)',
      ]);
      assert.deepEqual(hitsOf(findings, 'token-expired'), []);
    });

    it('gives no hint for other strings or objects', () => {
      const findings = evaluate(token(HS256, { exp: 'tomorrow', nbf: { at: 1 } }));
      assert.deepEqual(hitsOf(findings, 'numeric-date-type'), [
        'error: exp must be a JSON number (NumericDate), got a string',
        'error: nbf must be a JSON number (NumericDate), got an object ({"at":1})',
      ]);
    });

    it('accepts fractional NumericDates', () => {
      const findings = evaluate(token(HS256, { sub: 'user-42', iat: NOW - 0.75, nbf: NOW - 0.75, exp: NOW + 3600.5 }));
      assert.deepEqual(findings, []);
    });
  });

  describe('numeric-date-out-of-range', () => {
    it('warns on exp 1e50 and never says expired', () => {
      const findings = evaluate(token(HS256, { sub: 'user-42', iat: NOW, exp: 1e50 }));
      assert.deepEqual(hitsOf(findings, 'numeric-date-out-of-range'), ['warning: exp 1e+50 is not a plausible NumericDate (after the year 275760), so the token effectively never expires']);
      assert.deepEqual(hitsOf(findings, 'lifetime-too-long'), ['warning: Token lifetime is unbounded (exp 1e+50), above the maximum of 30 days (jwtLens.policy.maxLifetime)']);
      assert.deepEqual(hitsOf(findings, 'token-expired'), []);
    });

    it('warns on exp Infinity', () => {
      const findings = evaluate(token(HS256, { sub: 'user-42', iat: NOW, exp: Infinity }));
      assert.deepEqual(hitsOf(findings, 'numeric-date-out-of-range'), ['warning: exp Infinity is not a plausible NumericDate (after the year 275760), so the token effectively never expires']);
      assert.deepEqual(hitsOf(findings, 'token-expired'), []);
    });

    it('names a microsecond reading', () => {
      const findings = evaluate(token(HS256, { iat: 1767225600000000 }));
      assert.deepEqual(hitsOf(findings, 'numeric-date-out-of-range'), ['warning: iat 1767225600000000 is not a plausible NumericDate (after the year 275760), and read as microseconds it is 2026-01-01T00:00:00Z']);
    });

    it('flags negative dates and an nbf that never comes', () => {
      const findings = evaluate(token(HS256, { iat: -5, nbf: 1e300, exp: NOW + HOUR }));
      assert.deepEqual(hitsOf(findings, 'numeric-date-out-of-range'), [
        'warning: nbf 1e+300 is not a plausible NumericDate (after the year 275760), so the token never becomes valid',
        'warning: iat -5 is not a plausible NumericDate (before 1970)',
      ]);
      assert.deepEqual(hitsOf(findings, 'token-not-yet-valid'), []);
    });
  });

  describe('exp-in-milliseconds', () => {
    it('gives both readings and the lifetime warning', () => {
      const findings = evaluate(token(HS256, { userId: 37, exp: 1767229200000, iat: NOW }));
      assert.deepEqual(hitsOf(findings, 'exp-in-milliseconds'), ['warning: exp 1767229200000 looks like milliseconds: as seconds it is in the year 57971, as milliseconds it is 2026-01-01T01:00:00Z; divide it by 1000']);
      assert.deepEqual(hitsOf(findings, 'lifetime-too-long'), ['warning: Token lifetime is 55944 years 41 days (iat 2026-01-01T00:00:00Z to exp +057971-04-07T16:00:00Z read as seconds), above the maximum of 30 days (jwtLens.policy.maxLifetime)']);
      assert.deepEqual(hitsOf(findings, 'token-expired'), []);
      assert.deepEqual(hitsOf(findings, 'iat-in-future'), []);
    });

    it('covers iat in milliseconds too', () => {
      const findings = evaluate(token(HS256, { iat: NOW * 1000, exp: NOW + HOUR }));
      assert.deepEqual(rulesOf(findings), ['exp-in-milliseconds']);
    });
  });

  describe('token-expired', () => {
    it('reports a 2018 token as expired since 2018', () => {
      const findings = evaluate(token(HS256, { sub: '1234567890', iat: 1516239022, exp: 1516242622 }));
      assert.deepEqual(hitsOf(findings, 'token-expired'), ['error: Token expired 7 years 348 days ago (exp 2018-01-18T02:30:22Z)']);
    });

    it('expires at exp itself with no leeway', () => {
      const decoded = token(HS256, { sub: 'user-42', iat: NOW, nbf: NOW, exp: NOW + HOUR });
      const policy = { clockToleranceSeconds: 0 };
      assert.deepEqual(hitsOf(evaluate(decoded, { policy, now: NOW - 1 }), 'token-not-yet-valid'), ['error: Token is not valid before 2026-01-01T00:00:00Z (nbf, 1 s from now)']);
      assert.deepEqual(evaluate(decoded, { policy, now: NOW }), []);
      assert.deepEqual(evaluate(decoded, { policy, now: NOW + 3599 }), []);
      assert.deepEqual(hitsOf(evaluate(decoded, { policy, now: NOW + HOUR }), 'token-expired'), ['error: Token expired just now (exp 2026-01-01T01:00:00Z)']);
    });

    it('notes an expiry within the clock tolerance', () => {
      const findings = evaluate(token(HS256, freshClaims({ exp: NOW - 30 })));
      assert.deepEqual(hitsOf(findings, 'token-expired'), ['info: Token expired 30 s ago (exp 2025-12-31T23:59:30Z) but is still within the 60 s clock tolerance']);
    });

    it('is an error once past the tolerance', () => {
      const findings = evaluate(token(HS256, freshClaims({ iat: NOW - 4 * 86400, exp: NOW - 3 * 86400 })));
      assert.deepEqual(hitsOf(findings, 'token-expired'), ['error: Token expired 3 days ago (exp 2025-12-29T00:00:00Z)']);
    });
  });

  describe('token-not-yet-valid', () => {
    it('accepts an nbf in the past', () => {
      const findings = evaluate(token(HS256, freshClaims({ iat: NOW - 60, nbf: NOW - 60 })));
      assert.deepEqual(findings, []);
    });

    it('reports an nbf an hour ahead', () => {
      const findings = evaluate(token(HS256, freshClaims({ nbf: NOW + HOUR, exp: NOW + 2 * HOUR })));
      assert.deepEqual(hitsOf(findings, 'token-not-yet-valid'), ['error: Token is not valid before 2026-01-01T01:00:00Z (nbf, 1 h from now)']);
    });

    it('tolerates an nbf within the leeway', () => {
      const decoded = token(HS256, freshClaims({ nbf: NOW + 5 }));
      assert.deepEqual(evaluate(decoded), []);
      assert.deepEqual(evaluate(decoded, { policy: { clockToleranceSeconds: 5 } }), []);
      assert.deepEqual(rulesOf(evaluate(decoded, { policy: { clockToleranceSeconds: 4 } })), ['token-not-yet-valid']);
    });
  });

  describe('iat-in-future', () => {
    it('ignores one second of skew', () => {
      assert.deepEqual(evaluate(token(HS256, freshClaims({ iat: NOW + 1, exp: NOW + HOUR + 1 }))), []);
    });

    it('warns on a day ahead', () => {
      const findings = evaluate(token(HS256, freshClaims({ iat: NOW + 86400, exp: NOW + 86400 + HOUR })));
      assert.deepEqual(hitsOf(findings, 'iat-in-future'), ['warning: iat 2026-01-02T00:00:00Z is 1 day in the future, beyond the 60 s clock tolerance; check the issuer\'s clock']);
    });

    it('names a timezone bug for whole hours', () => {
      const findings = evaluate(token(HS256, freshClaims({ iat: NOW + 3 * HOUR, exp: NOW + 3 * HOUR + 420 })));
      assert.deepEqual(hitsOf(findings, 'iat-in-future'), ['warning: iat 2026-01-01T03:00:00Z is 3 h in the future, a whole time zone offset that suggests the issuer wrote local time as UTC']);
    });

    it('names a timezone bug for a 45-minute zone offset', () => {
      const ahead = 5 * HOUR + 45 * 60 - 20;
      const findings = evaluate(token(HS256, freshClaims({ iat: NOW + ahead, exp: NOW + ahead + HOUR })));
      assert.match(hitsOf(findings, 'iat-in-future')[0] ?? '', /whole time zone offset/);
    });

    it('calls an odd offset a clock problem', () => {
      const findings = evaluate(token(HS256, freshClaims({ iat: NOW + 2 * HOUR + 400, exp: NOW + 3 * HOUR })));
      assert.match(hitsOf(findings, 'iat-in-future')[0] ?? '', /check the issuer's clock$/);
    });
  });

  describe('missing-exp', () => {
    it('warns when exp is absent', () => {
      const findings = evaluate(token(HS256, { sub: 'user-42', iat: NOW }));
      assert.deepEqual(hitsOf(findings, 'missing-exp'), ['warning: Token has no exp claim, so it never expires; add an exp']);
    });

    it('stays quiet for non-object payloads', () => {
      assert.deepEqual(hitsOf(evaluate(token(HS256, ['not', 'claims'])), 'missing-exp'), []);
    });
  });

  describe('lifetime-too-long', () => {
    it('measures exp minus iat', () => {
      const findings = evaluate(token(HS256, freshClaims({ exp: NOW + 31 * 86400 })));
      assert.deepEqual(hitsOf(findings, 'lifetime-too-long'), ['warning: Token lifetime is 31 days (iat 2026-01-01T00:00:00Z to exp 2026-02-01T00:00:00Z), above the maximum of 30 days (jwtLens.policy.maxLifetime)']);
    });

    it('measures from now without iat or nbf', () => {
      const findings = evaluate(token(HS256, { exp: NOW + 40 * 86400 }));
      assert.deepEqual(hitsOf(findings, 'lifetime-too-long'), ['warning: Token stays valid for another 40 days (exp 2026-02-10T00:00:00Z), above the maximum of 30 days (jwtLens.policy.maxLifetime)']);
    });

    it('follows the configured maximum and can be turned off', () => {
      const decoded = token(HS256, freshClaims({ exp: NOW + 2 * HOUR }));
      assert.deepEqual(rulesOf(evaluate(decoded, { policy: { maxLifetimeSeconds: HOUR } })), ['lifetime-too-long']);
      assert.deepEqual(evaluate(decoded, { policy: { maxLifetimeSeconds: null } }), []);
    });
  });
});

describe('iat-in-future with a future nbf', () => {
  it('leaves the report to token-not-yet-valid', () => {
    const findings = evaluate(token(HS256, freshClaims({ iat: NOW + 2 * HOUR, nbf: NOW + 2 * HOUR, exp: NOW + 3 * HOUR })));
    assert.deepEqual(rulesOf(findings), ['token-not-yet-valid']);
  });
});

describe('empty-validity-window', () => {
  it('reports exp before iat', () => {
    const findings = evaluate(token(HS256, { iat: NOW, exp: NOW - HOUR }));
    assert.deepEqual(hitsOf(findings, 'empty-validity-window'), ['warning: exp 2025-12-31T23:00:00Z is not after iat 2026-01-01T00:00:00Z, so the token is never valid; check how the issuer computes exp']);
  });

  it('reports exp equal to nbf', () => {
    const findings = evaluate(token(HS256, { iat: NOW, nbf: NOW + HOUR, exp: NOW + HOUR }));
    assert.deepEqual(hitsOf(findings, 'empty-validity-window'), ['warning: exp 2026-01-01T01:00:00Z is not after nbf 2026-01-01T01:00:00Z, so the token is never valid; check how the issuer computes exp']);
  });

  it('accepts an ordinary window', () => {
    assert.deepEqual(hitsOf(evaluate(token(HS256, freshClaims({ nbf: NOW }))), 'empty-validity-window'), []);
  });
});
