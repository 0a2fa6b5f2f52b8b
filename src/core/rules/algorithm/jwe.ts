import { describeJson } from '../../time';
import { defineRule, type RuleHit } from '../types';

/** PBES2 iteration counts: RFC 7518 4.8.1.2 recommends at least 1000, jose 6 rejects more than 10000 by default. */
const MIN_PBES2_COUNT = 1000;
const MAX_PBES2_COUNT = 10000;

export const weakJweAlgorithm = defineRule({
  id: 'weak-jwe-algorithm',
  defaultSeverity: 'warning',
  title: 'Weak JWE key management',
  check(ctx) {
    if (ctx.decoded.kind !== 'jwe' || ctx.header.alg !== 'RSA1_5') return [];
    // RSAES-PKCS1-v1_5 decryption leaks a padding oracle (Bleichenbacher), RFC 8725 3.2.
    return [{ message: 'JWE uses alg RSA1_5 (RSAES-PKCS1-v1_5), which is open to padding-oracle attacks; encrypt with RSA-OAEP-256 instead', segment: 0 }];
  },
});

export const pbes2Count = defineRule({
  id: 'pbes2-count',
  defaultSeverity: 'warning',
  title: 'PBES2 iteration count',
  check(ctx): RuleHit[] {
    const alg = ctx.header.alg;
    if (ctx.decoded.kind !== 'jwe' || typeof alg !== 'string' || !alg.startsWith('PBES2-')) return [];

    const count = ctx.header.p2c;
    if (count === undefined) {
      return [{ message: `JWE uses ${alg} but has no p2c, which RFC 7518 4.8.1.2 requires`, severity: 'error', segment: 0 }];
    }
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
      return [{ message: `p2c must be a positive integer (RFC 7518 4.8.1.2), got ${describeJson(count)}`, severity: 'error', segment: 0 }];
    }
    if (count < MIN_PBES2_COUNT) {
      return [{ message: `p2c ${count} is below the ${MIN_PBES2_COUNT} iterations RFC 7518 4.8.1.2 recommends, so the password is cheap to brute-force`, segment: 0 }];
    }
    if (count > MAX_PBES2_COUNT) {
      return [{ message: `p2c ${count} makes each decryption run ${count} PBKDF2 iterations, a denial-of-service risk that jose rejects above ${MAX_PBES2_COUNT} by default`, segment: 0 }];
    }
    return [];
  },
});
