import { defineRule, type RuleHit } from '../types';

/** Claim names (lowercase, letters and digits only) that hold secrets or personal data. */
const SENSITIVE_NAMES: ReadonlyMap<string, string> = new Map([
  ['password', 'a password'],
  ['passwd', 'a password'],
  ['pwd', 'a password'],
  ['pass', 'a password'],
  ['passphrase', 'a password'],
  ['secret', 'a secret'],
  ['clientsecret', 'a client secret'],
  ['apisecret', 'a secret'],
  ['privatekey', 'a private key'],
  ['privkey', 'a private key'],
  ['apikey', 'an API key'],
  ['accesskey', 'an access key'],
  ['secretkey', 'a secret key'],
  ['secretaccesskey', 'a secret key'],
  ['ssn', 'a social security number'],
  ['socialsecuritynumber', 'a social security number'],
  ['creditcard', 'a payment card number'],
  ['creditcardnumber', 'a payment card number'],
  ['cardnumber', 'a payment card number'],
  ['ccnumber', 'a payment card number'],
  ['cvv', 'a card security code'],
  ['cvc', 'a card security code'],
  ['cvv2', 'a card security code'],
]);

/** Name endings that mark a secret whatever the prefix (`db_password`, `stripeSecretKey`). */
const SENSITIVE_SUFFIXES: ReadonlyArray<[string, string]> = [
  ['password', 'a password'],
  ['secret', 'a secret'],
  ['privatekey', 'a private key'],
  ['apikey', 'an API key'],
  ['secretkey', 'a secret key'],
];

const MAX_DEPTH = 6;
const MAX_VALUES = 2000;

const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;
const CARD_TEXT = /^\d(?:[ -]?\d){12,18}$/;

function describeName(name: string): string | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const exact = SENSITIVE_NAMES.get(key);
  if (exact !== undefined) return exact;
  return SENSITIVE_SUFFIXES.find(([suffix]) => key.endsWith(suffix))?.[1];
}

/** Luhn checksum and an issuer prefix of Visa, Mastercard, American Express or Discover. */
function isCardNumber(text: string): boolean {
  if (!CARD_TEXT.test(text)) return false;
  const digits = text.replace(/[ -]/g, '');
  if (!/^(?:4|5[1-5]|2[2-7]|3[47]|6011|65)/.test(digits)) return false;

  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function describeValue(value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (PRIVATE_KEY_PEM.test(value)) return 'a PEM private key';
    if (SSN.test(value)) return 'a social security number';
    if (isCardNumber(value)) return 'a payment card number';
    return undefined;
  }
  // A JWK with a private exponent or scalar (`d`) is a private key (RFC 7518 6.2.2.1, 6.3.2.1).
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const jwk = value as Record<string, unknown>;
    if (typeof jwk.kty === 'string' && typeof jwk.d === 'string') return 'a private JWK';
    if (jwk.kty === 'oct' && typeof jwk.k === 'string') return 'a symmetric JWK';
  }
  return undefined;
}

/** Walks the claims breadth-first up to a fixed depth and count, so a huge payload stays fast. */
function findSensitive(claims: Readonly<Record<string, unknown>>): Array<{ path: string; description: string; byName: boolean }> {
  const found: Array<{ path: string; description: string; byName: boolean }> = [];
  const queue: Array<{ path: string; value: unknown; depth: number }> = [];
  for (const [name, value] of Object.entries(claims)) queue.push({ path: name, value, depth: 1 });

  for (let visited = 0; visited < queue.length && visited < MAX_VALUES; visited++) {
    const { path, value, depth } = queue[visited];
    const name = path.slice(path.lastIndexOf('.') + 1);
    const byName = value !== null && value !== '' && value !== false ? describeName(name) : undefined;
    const description = describeValue(value) ?? byName;
    if (description !== undefined) {
      found.push({ path, description, byName: byName !== undefined && describeValue(value) === undefined });
      continue;
    }
    if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') continue;

    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    for (const [key, child] of entries) queue.push({ path: `${path}.${key}`, value: child, depth: depth + 1 });
  }
  return found;
}

export const sensitiveClaim = defineRule({
  id: 'sensitive-claim',
  defaultSeverity: 'warning',
  title: 'Sensitive data in claims',
  check(ctx) {
    if (ctx.claims === null) return [];

    const hits: RuleHit[] = [];
    for (const { path, description, byName } of findSensitive(ctx.claims)) {
      const looks = byName ? `is named like ${description}` : `holds what looks like ${description}`;
      hits.push({ message: `Claim ${path} ${looks}, and anyone holding the token can read it because a JWS payload is only encoded; remove it or encrypt the token (JWE)`, segment: 1 });
    }
    return hits;
  },
});
