import { describeJson, describeTypedJson } from '../../time';
import { defineRule, type RuleContext, type RuleHit } from '../types';

/** Returns the `alg` of a JWS whose header decoded, or undefined for a JWE or an undecoded header. */
function jwsAlg(ctx: RuleContext): unknown {
  return ctx.decoded.kind === 'jws' && ctx.headerDecoded ? ctx.header.alg : undefined;
}

function isNone(alg: unknown): alg is string {
  return typeof alg === 'string' && alg.toLowerCase() === 'none';
}

export const algNone = defineRule({
  id: 'alg-none',
  defaultSeverity: 'error',
  title: 'Unsecured token (alg none)',
  check(ctx) {
    const alg = jwsAlg(ctx);
    if (!isNone(alg)) return [];

    // RFC 8725 3.1: libraries must not accept "none" unless asked to; case variants slip past
    // blocklists that compare case-sensitively.
    const variant = alg === 'none' ? '' : `, a case variant that slips past case-sensitive blocklists`;
    return [{ message: `Token is unsecured (alg ${JSON.stringify(alg)}${variant}), so anyone can forge it; accept only signed tokens`, segment: 0 }];
  },
});

export const algNoneSignature = defineRule({
  id: 'alg-none-signature',
  defaultSeverity: 'error',
  title: 'Unsecured token with a signature',
  check(ctx) {
    const alg = jwsAlg(ctx);
    const signature = ctx.decoded.parts[2] ?? '';
    if (!isNone(alg) || signature === '') return [];

    // RFC 7518 3.6: an unsecured JWS must have an empty signature.
    return [{ message: `Token has alg ${JSON.stringify(alg)} but a ${signature.length}-character signature, which RFC 7518 3.6 forbids (malformed token)`, segment: 2 }];
  },
});

/** Checks a JWE's key management `alg`, which RFC 7516 4.1.1 requires and which is never "none". */
function checkJweAlg(alg: unknown): RuleHit[] {
  if (alg === undefined) {
    return [{ message: 'JWE protected header has no alg, which RFC 7516 4.1.1 requires; add the key management algorithm', segment: 0 }];
  }
  if (typeof alg !== 'string' || alg === '') {
    return [{ message: `alg must be a non-empty string, got ${describeTypedJson(alg)}`, segment: 0 }];
  }
  if (isNone(alg)) {
    return [{ message: `JWE alg ${JSON.stringify(alg)} is not a key management algorithm (RFC 7518 4.1), so the token cannot be decrypted`, segment: 0 }];
  }
  return [];
}

export const algMissing = defineRule({
  id: 'alg-missing',
  defaultSeverity: 'error',
  title: 'Missing or invalid alg',
  check(ctx): RuleHit[] {
    if (!ctx.headerDecoded || Object.keys(ctx.header).length === 0) return [];
    if (ctx.decoded.kind === 'jwe') return checkJweAlg(ctx.header.alg);

    const alg = ctx.header.alg;
    if (alg === undefined) {
      return [{ message: 'JOSE header has no alg, which RFC 7515 4.1.1 requires; add the signing algorithm', segment: 0 }];
    }
    if (typeof alg !== 'string' || alg === '') {
      return [{ message: `alg must be a non-empty string, got ${describeTypedJson(alg)}`, segment: 0 }];
    }
    return [];
  },
});

export const algNotAllowed = defineRule({
  id: 'alg-not-allowed',
  defaultSeverity: 'error',
  title: 'Algorithm not allowed',
  check(ctx) {
    const alg = jwsAlg(ctx);
    if (typeof alg !== 'string' || alg === '' || isNone(alg)) return [];
    if (ctx.policy.allowedAlgorithms.includes(alg)) return [];

    const allowed = ctx.policy.allowedAlgorithms.join(', ') || 'none configured';
    return [{ message: `alg ${describeJson(alg)} is not in the allowed algorithms (${allowed}); sign with an allowed one or change jwtLens.policy.allowedAlgorithms`, segment: 0 }];
  },
});
