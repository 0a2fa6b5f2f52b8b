import { describeJson, describeJsonType, describeTypedJson } from '../../time';
import { defineRule, type RuleHit } from '../types';

export const embeddedJwk = defineRule({
  id: 'embedded-jwk',
  defaultSeverity: 'warning',
  title: 'Key embedded in the header',
  check(ctx): RuleHit[] {
    const jwk = ctx.header.jwk;
    if (jwk === undefined) return [];

    if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) {
      return [{ message: `Header jwk must be a JSON object (RFC 7515 4.1.3), got ${describeJsonType(jwk)}`, segment: 0 }];
    }
    const key = jwk as Record<string, unknown>;
    if (key.d !== undefined) {
      return [{ message: 'Header jwk contains a private key (d), so the signing key is exposed to anyone holding the token; rotate that key', severity: 'error', segment: 0 }];
    }
    if (key.k !== undefined) {
      return [{ message: 'Header jwk contains a symmetric key (k), so the secret is exposed to anyone holding the token; rotate that key', severity: 'error', segment: 0 }];
    }
    // CVE-2018-0114: a verifier that trusts the embedded key accepts a token signed with any key.
    const kty = typeof key.kty === 'string' ? `, kty ${key.kty}` : '';
    return [{ message: `Header embeds a public key (jwk${kty}), which a verifier must never trust to check the token itself; verify with a key you configured`, segment: 0 }];
  },
});

const URL_HEADERS = ['jku', 'x5u'] as const;

export const remoteKeyUrl = defineRule({
  id: 'remote-key-url',
  defaultSeverity: 'warning',
  title: 'Key URL in the header',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const name of URL_HEADERS) {
      const url = ctx.header[name];
      if (url === undefined) continue;
      // RFC 8725 3.10: fetching a URL the token names lets the token choose its own key.
      hits.push({ message: `Header ${name} points to ${describeJson(url, 100)}; JWT Lens never fetches it, and a verifier should use it only if the URL is on an allowlist`, segment: 0 });
    }
    return hits;
  },
});

/** Patterns in a `kid` that point at file, SQL, command or URL injection into the key lookup. */
const KID_SIGNS: ReadonlyArray<[RegExp, string]> = [
  [/\0/, 'a NUL byte'],
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern looks for
  [/[\x01-\x1f\x7f]/, 'control characters'],
  [/(?:^|[/\\])\.\.(?:[/\\]|$)/, 'path traversal (..)'],
  [/\/dev\/null|\/proc\/|\/etc\//, 'a system file path'],
  [/^(?:\/|[A-Za-z]:\\|\\\\)/, 'an absolute path'],
  // `--` counts only before a space or the end (MySQL needs the space), so `key--2024` stays a name.
  [/['"]|--(?:\s|$)|\/\*|;/, 'SQL metacharacters'],
  [/[|`]|\$\(|&&|\$\{/, 'shell metacharacters'],
  [/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, 'a URL'],
];

export const kidInjection = defineRule({
  id: 'kid-injection',
  defaultSeverity: 'warning',
  title: 'Suspicious kid',
  check(ctx): RuleHit[] {
    const kid = ctx.header.kid;
    if (kid === undefined) return [];
    if (typeof kid !== 'string') {
      return [{ message: `kid must be a string (RFC 7515 4.1.4), got ${describeTypedJson(kid)}`, segment: 0 }];
    }

    const signs = KID_SIGNS.filter(([pattern]) => pattern.test(kid)).map(([, label]) => label);
    if (signs.length === 0) return [];
    const quotedKid = JSON.stringify(kid.length > 60 ? `${kid.slice(0, 59)}…` : kid);
    return [{ message: `kid ${quotedKid} contains ${signs.join(' and ')}, a sign of injection into the key lookup; a verifier must look kid up in a fixed key set`, segment: 0 }];
  },
});
