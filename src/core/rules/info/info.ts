import { describeJson } from '../../time';
import { normalizeTyp } from '../claims/required';
import { defineRule, type RuleHit } from '../types';

export const jweEncrypted = defineRule({
  id: 'jwe-encrypted',
  defaultSeverity: 'info',
  title: 'Encrypted token (JWE)',
  check(ctx) {
    if (ctx.decoded.kind !== 'jwe') return [];

    const alg = typeof ctx.header.alg === 'string' ? ctx.header.alg : 'unknown';
    const enc = typeof ctx.header.enc === 'string' ? ctx.header.enc : 'unknown';
    return [{ message: `Token is an encrypted JWE (alg ${alg}, enc ${enc}), so its claims cannot be read or checked without the decryption key` }];
  },
});

export const nestedJwt = defineRule({
  id: 'nested-jwt',
  defaultSeverity: 'info',
  title: 'Nested token',
  check(ctx) {
    const inner = ctx.decoded.nested;
    if (inner === undefined) return [];

    const alg = typeof inner.header?.alg === 'string' ? ` (alg ${inner.header.alg})` : '';
    return [{ message: `Payload is a nested ${inner.kind === 'jwe' ? 'JWE' : 'JWS'}${alg}, so the findings marked "Nested token" judge its claims`, segment: 1 }];
  },
});

export const ctyMismatch = defineRule({
  id: 'cty-mismatch',
  defaultSeverity: 'warning',
  title: 'Content type does not match the payload',
  check(ctx): RuleHit[] {
    if (ctx.decoded.kind !== 'jws' || !ctx.headerDecoded) return [];

    const cty = ctx.header.cty;
    const saysJwt = typeof cty === 'string' && normalizeTyp(cty) === 'jwt';
    const nested = ctx.decoded.nested !== undefined;
    if (saysJwt && !nested && ctx.decoded.payloadText !== null) {
      return [{ message: `cty ${JSON.stringify(cty)} marks the payload as a nested JWT, but the payload is not a token`, segment: 0 }];
    }
    if (nested && !saysJwt) {
      // RFC 7519 5.2: with nested signing or encryption, cty must be present and be "JWT".
      const actual = cty === undefined ? 'is missing' : `is ${describeJson(cty)}`;
      return [{ message: `Payload is a nested JWT but cty ${actual}, and RFC 7519 5.2 requires cty "JWT"`, segment: 0 }];
    }
    return [];
  },
});
