import { defineRule, type RuleContext, type RuleHit } from '../types';

/** Hash output size in bytes of each HMAC algorithm, the minimum key size (RFC 7518 3.2). */
const HMAC_MIN_KEY_BYTES: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 };

function algOf(ctx: RuleContext): string | null {
  return typeof ctx.header.alg === 'string' ? ctx.header.alg : null;
}

/** Shows a secret's first two characters and its length, never the whole secret. */
export function maskSecret(secret: string): string {
  const shown = Array.from(secret).slice(0, 2).join('');
  return `"${shown}…" (${Array.from(secret).length} characters)`;
}

export const algConfusion = defineRule({
  id: 'alg-confusion',
  defaultSeverity: 'error',
  title: 'Algorithm confusion',
  check(ctx): RuleHit[] {
    const alg = algOf(ctx) ?? 'HMAC';
    const confusionKey = ctx.verification.confusionKey;
    if (confusionKey !== undefined) {
      return [{ message: `${alg} MAC verifies with the public key ${confusionKey} used as the HMAC secret, so anyone holding that public key can forge tokens (algorithm confusion)`, segment: 0 }];
    }
    return keySharedWithAsymmetricAlg(ctx, alg);
  },
});

/**
 * Without key material, a symmetric token whose `kid` also names an asymmetric key elsewhere in
 * the same text is the usual shape of an RS256-to-HS256 forgery. The issuer alone is not compared,
 * because one issuer often signs access tokens with RS256 and its own refresh tokens with HS256.
 * A token that a configured HMAC secret verifies is left alone.
 */
function keySharedWithAsymmetricAlg(ctx: RuleContext, alg: string): RuleHit[] {
  const kid = ctx.header.kid;
  if (!/^HS\d+$/.test(alg) || typeof kid !== 'string' || ctx.file === undefined || ctx.verification.status === 'verified') return [];

  const others = ctx.file.asymmetricAlgsByKid.get(kid);
  if (others === undefined || others.size === 0) return [];

  const otherAlgs = [...others].sort().join(', ');
  return [{
    message: `${alg} token uses kid ${JSON.stringify(kid)}, which another token in this text uses with ${otherAlgs}; verify it with that public key to rule out algorithm confusion`,
    severity: 'warning',
    segment: 0,
  }];
}

export const weakSecret = defineRule({
  id: 'weak-secret',
  defaultSeverity: 'error',
  title: 'Weak HMAC secret',
  check(ctx) {
    const weak = ctx.verification.weakSecret;
    if (weak === undefined) return [];
    return [{ message: `Token is signed with the weak HMAC secret ${maskSecret(weak.secret)} from ${weak.source}, so anyone can forge tokens; rotate to a random secret of at least 32 bytes`, segment: 2 }];
  },
});

export const hmacKeyTooShort = defineRule({
  id: 'hmac-key-too-short',
  defaultSeverity: 'warning',
  title: 'HMAC key shorter than the hash',
  check(ctx) {
    const alg = algOf(ctx);
    const length = ctx.verification.hmacKeyLength;
    const minimum = alg === null ? undefined : HMAC_MIN_KEY_BYTES[alg];
    if (minimum === undefined || length === undefined || length >= minimum) return [];
    return [{ message: `${alg} key is ${length} bytes, shorter than the ${minimum} bytes RFC 7518 3.2 requires; use a random key of at least ${minimum} bytes`, segment: 2 }];
  },
});

export const signatureInvalid = defineRule({
  id: 'signature-invalid',
  defaultSeverity: 'error',
  title: 'Signature does not verify',
  check(ctx) {
    if (ctx.verification.status !== 'invalid') return [];
    // The verifier's reason is a sentence; findings carry no final period.
    const reason = ctx.verification.reason.trim().replace(/\.$/, '');
    return [{ message: reason || 'Signature does not verify with the configured keys', segment: 2 }];
  },
});
