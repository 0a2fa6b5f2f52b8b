import { describeJson, describeJsonType, describeTypedJson } from '../../time';
import { normalizeTyp } from '../claims/required';
import { defineRule, type RuleHit } from '../types';

/** Header parameters that JWT Lens understands when a token lists them in `crit`. */
const UNDERSTOOD_EXTENSIONS = new Set(['b64']);

/** Parameters RFC 7515 and RFC 7516 define, which `crit` must not list (RFC 7515 4.1.11). */
const REGISTERED_PARAMETERS = new Set([
  'alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit', 'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c',
]);

export const critUnsupported = defineRule({
  id: 'crit-unsupported',
  defaultSeverity: 'error',
  title: 'Critical header not understood',
  check(ctx): RuleHit[] {
    const crit = ctx.header.crit;
    if (crit === undefined) return [];
    if (!Array.isArray(crit) || crit.length === 0) {
      return [{ message: `crit must be a non-empty array of header names (RFC 7515 4.1.11), got ${describeJson(crit)}`, segment: 0 }];
    }

    const hits: RuleHit[] = [];
    for (const name of crit) {
      if (typeof name !== 'string') {
        hits.push({ message: `crit lists ${describeJson(name)}, but crit entries must be header names (strings)`, segment: 0 });
      } else if (REGISTERED_PARAMETERS.has(name)) {
        hits.push({ message: `crit lists ${JSON.stringify(name)}, a parameter RFC 7515 4.1.11 forbids in crit because every verifier already understands it`, segment: 0 });
      } else if (!Object.hasOwn(ctx.header, name)) {
        hits.push({ message: `crit lists ${JSON.stringify(name)}, but the header has no such parameter`, segment: 0 });
      } else if (!UNDERSTOOD_EXTENSIONS.has(name)) {
        hits.push({ message: `crit lists ${JSON.stringify(name)}, an extension JWT Lens does not understand, so a conforming verifier must reject the token`, segment: 0 });
      }
    }
    return hits;
  },
});

export const b64Unencoded = defineRule({
  id: 'b64-unencoded',
  defaultSeverity: 'warning',
  title: 'Unencoded payload (b64 false)',
  check(ctx): RuleHit[] {
    const b64 = ctx.header.b64;
    if (b64 === undefined) return [];
    if (typeof b64 !== 'boolean') {
      return [{ message: `b64 must be a boolean (RFC 7797 3), got ${describeJsonType(b64)} (${describeJson(b64)})`, severity: 'error', segment: 0 }];
    }

    const crit = ctx.header.crit;
    const listedInCrit = Array.isArray(crit) && crit.includes('b64');
    const hits: RuleHit[] = [];
    if (b64 === false) {
      hits.push({ message: 'Header sets b64 false, so the payload is signed unencoded (RFC 7797) and most JWT libraries cannot verify it because JWTs expect a base64url payload', segment: 0 });
    }
    if (!listedInCrit) {
      hits.push({ message: 'Header has b64 but crit does not list it, which RFC 7797 6 requires, so verifiers may read the payload differently', severity: 'error', segment: 0 });
    }
    return hits;
  },
});

export const typMismatch = defineRule({
  id: 'typ-mismatch',
  defaultSeverity: 'warning',
  title: 'Unexpected typ',
  check(ctx): RuleHit[] {
    const typ = ctx.header.typ;
    if (typ !== undefined && typeof typ !== 'string') {
      return [{ message: `typ must be a string (RFC 7515 4.1.9), got ${describeTypedJson(typ)}`, segment: 0 }];
    }

    const expected = ctx.policy.typ;
    if (expected === null || expected === '') return [];
    if (typ === undefined) {
      return [{ message: `Header has no typ, but ${JSON.stringify(expected)} is expected (jwtLens.policy.typ); explicit typing keeps one kind of token from being accepted as another`, segment: 0 }];
    }
    if (normalizeTyp(typ) === normalizeTyp(expected)) return [];
    return [{ message: `typ ${JSON.stringify(typ)} is not the expected ${JSON.stringify(expected)} (jwtLens.policy.typ)`, segment: 0 }];
  },
});

export const zipOnJws = defineRule({
  id: 'zip-on-jws',
  defaultSeverity: 'warning',
  title: 'Compression header',
  check(ctx): RuleHit[] {
    const zip = ctx.header.zip;
    if (zip === undefined) return [];
    if (ctx.decoded.kind === 'jws') {
      return [{ message: `Header zip ${describeJson(zip)} is defined only for JWE (RFC 7516 4.1.3), so verifiers will ignore it or reject the token`, segment: 0 }];
    }
    // RFC 8725 3.6: compressing before encrypting can leak the plaintext through its length.
    return [{ message: `JWE compresses its plaintext (zip ${describeJson(zip)}), which can leak secrets through the ciphertext length (RFC 8725 3.6)`, severity: 'info', segment: 0 }];
  },
});

export const emptyHeader = defineRule({
  id: 'empty-header',
  defaultSeverity: 'error',
  title: 'Empty JOSE header',
  check(ctx) {
    if (ctx.decoded.parts[0] === '') {
      return [{ message: 'JOSE header segment is empty, so the token has no alg and is malformed (RFC 7515 4.1.1)', segment: 0 }];
    }
    if (ctx.headerDecoded && Object.keys(ctx.header).length === 0) {
      return [{ message: 'JOSE header is an empty object {}, so the token has no alg and is malformed (RFC 7515 4.1.1)', segment: 0 }];
    }
    return [];
  },
});
