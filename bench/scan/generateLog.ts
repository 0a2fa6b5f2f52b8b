/**
 * Writes a deterministic synthetic application log for the scan benchmark: realistic lines with
 * timestamps, IPs, dotted identifiers and base64 blobs, a few thousand planted tokens in the
 * contexts where tokens leak, and decoys that a naive `eyJ…\.…\.…` pattern also matches.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Bumped whenever the generated content changes, so a stale file is regenerated. */
export const GENERATOR_VERSION = 2;

export interface LogSummary {
  version: number;
  bytes: number;
  lines: number;
  /** Tokens planted; `findTokens` should report exactly these. */
  plantedTokens: number;
  /** Decoys the naive regular expression matches but that are not tokens. */
  naiveOnlyDecoys: number;
}

/** Mulberry32: a small seeded generator, so every run scans the same bytes. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const b64url = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');

export function generateLog(path: string, targetBytes: number): LogSummary {
  const random = createRandom(20260101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const randomBytes = (length: number): Uint8Array => Uint8Array.from({ length }, () => Math.floor(random() * 256));

  const headers = [
    b64url('{"alg":"HS256","typ":"JWT"}'),
    b64url('{"alg":"RS256","typ":"JWT","kid":"rsa-key-1"}'),
    b64url('{"alg":"ES256","kid":"ec-1"}'),
    b64url('{"alg":"none"}'),
  ];
  const jweHeader = b64url('{"alg":"dir","enc":"A256GCM"}');

  const makeToken = (): string => {
    if (random() < 0.05) {
      return `${jweHeader}..${b64url(randomBytes(12))}.${b64url(randomBytes(60 + Math.floor(random() * 200)))}.${b64url(randomBytes(16))}`;
    }
    const header = pick(headers);
    const claims = { sub: `user-${Math.floor(random() * 1e6)}`, iat: 1767225600, exp: 1767229200, scope: pick(['read', 'read write', 'admin']) };
    const signature = header === headers[3] ? '' : b64url(randomBytes(header === headers[1] ? 256 : 32));
    return `${header}.${b64url(JSON.stringify(claims))}.${signature}`;
  };

  const tokenContexts: Array<(token: string) => string> = [
    (token) => `auth header="Authorization: Bearer ${token}"`,
    (token) => `session token=${token} refreshed`,
    (token) => `body={"access_token":"${token}","token_type":"Bearer"}`,
    (token) => `cookie="theme=dark; jwt=${token}; lang=en"`,
    (token) => `redirect https://app.example.test/cb?id_token=${token}&state=af0ifjsldkj`,
    (token) => `user pasted ${token}.`,
  ];

  const naiveDecoys: Array<() => string> = [
    // A token with a fourth part: the naive pattern matches its first three.
    () => `trace ${makeSignedToken()}.${b64url(randomBytes(6))}`,
    // A token glued to a longer base64 word.
    () => `blob=QUJDREVGR0hJSktMTU5P${makeSignedToken()}`,
    // A dotted word that merely starts with eyJ.
    () => `contact eyJohn.Doe.Smith@example.test`,
  ];
  function makeSignedToken(): string {
    return `${headers[0]}.${b64url(`{"sub":"decoy-${Math.floor(random() * 1e6)}"}`)}.${b64url(randomBytes(32))}`;
  }

  const otherDecoys: Array<() => string> = [
    () => `loaded com.example.auth.TokenService v${Math.floor(random() * 9)}.${Math.floor(random() * 20)}.${Math.floor(random() * 9)}`,
    () => `payload=${Buffer.from(randomBytes(30 + Math.floor(random() * 90))).toString('base64')}`,
    () => `partial ${headers[0]}.${b64url('{"sub":"x"}')}`,
    () => `map //# sourceMappingURL=data:application/json;base64,${b64url('{"version":3,"sources":["a.ts"]}')}`,
    () => `call this.props.value.length window.location.href`,
  ];

  const modules = ['com.example.api.UserController', 'org.acme.gateway.AuthFilter', 'io.jwtlens.sample.Service', 'net.example.cache.Store'];
  const messages = ['request completed', 'cache miss for key', 'retrying upstream call', 'user signed in', 'rate limit applied', 'config reloaded'];

  const file = openSync(path, 'w');
  let buffered: string[] = [];
  let bufferedBytes = 0;
  let bytes = 0;
  let lines = 0;
  let plantedTokens = 0;
  let naiveOnlyDecoys = 0;

  while (bytes < targetBytes) {
    const millis = lines % 86_400_000;
    const time = new Date(Date.UTC(2026, 0, 1) + millis * 37).toISOString();
    const ip = `10.${lines & 255}.${(lines >> 8) & 255}.${Math.floor(random() * 255)}`;
    let line = `${time} ${pick(['INFO', 'DEBUG', 'WARN'])} [${pick(modules)}] ${pick(messages)} ip=${ip} took=${(random() * 900).toFixed(3)}ms`;

    const roll = random();
    if (roll < 0.004) {
      line += ` ${pick(tokenContexts)(makeToken())}`;
      plantedTokens++;
    } else if (roll < 0.007) {
      line += ` ${pick(naiveDecoys)()}`;
      naiveOnlyDecoys++;
    } else if (roll < 0.2) {
      line += ` ${pick(otherDecoys)()}`;
    }
    line += '\n';

    buffered.push(line);
    bufferedBytes += line.length;
    bytes += line.length;
    lines++;
    if (bufferedBytes > 4 * 1024 * 1024) {
      writeSync(file, buffered.join(''));
      buffered = [];
      bufferedBytes = 0;
    }
  }
  writeSync(file, buffered.join(''));
  closeSync(file);

  return { version: GENERATOR_VERSION, bytes, lines, plantedTokens, naiveOnlyDecoys };
}
