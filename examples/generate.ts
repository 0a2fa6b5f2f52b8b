/**
 * Regenerates every file in `examples/` with `npx tsx examples/generate.ts`.
 *
 * All keys are derived from fixed, public labels and all times are fixed around 2026-01-01T00:00:00Z,
 * so running it twice writes the same bytes. None of these keys or secrets protects anything real.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CompactEncrypt, CompactSign, SignJWT, UnsecuredJWT, exportJWK, type JWTPayload } from 'jose';

/** The clock the examples are written for: 2026-01-01T00:00:00Z. `npm run scan:examples` uses it as `--now`. */
const T0 = 1767225600;
const HOUR = 3600;
const DAY = 86400;

const ISSUER = 'https://auth.example.test/';
const AUDIENCE = 'https://api.example.test/';

const examplesDirectory = __dirname;

function sha256(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label, 'utf8').digest());
}

/** An Ed25519 private key whose 32-byte seed is the SHA-256 of `label` (PKCS #8 prefix from RFC 8410). */
function ed25519FromLabel(label: string): KeyObject {
  const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, sha256(label)]), format: 'der', type: 'pkcs8' });
}

const signingKey = ed25519FromLabel('jwt-lens examples: issuer signing key (test only)');
const attackerKey = ed25519FromLabel('jwt-lens examples: attacker key (test only)');
const hmacKey = sha256('jwt-lens examples: service HMAC key (test only)');
const jweKey = sha256('jwt-lens examples: session encryption key (test only)');

async function signEd25519(claims: JWTPayload, header: Record<string, unknown> = {}, key: KeyObject = signingKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: 'example-ed25519', ...header }).sign(key);
}

async function signHmac(claims: JWTPayload, secret: Uint8Array, alg = 'HS256', header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...header }).sign(secret);
}

async function buildTokens() {
  const userAccess = await signEd25519({ iss: ISSUER, sub: 'user-42', aud: AUDIENCE, scope: 'orders:read orders:write', iat: T0 - 10 * 60, exp: T0 + 50 * 60 });
  const expiredAccess = await signEd25519({ iss: ISSUER, sub: 'user-42', aud: AUDIENCE, scope: 'orders:read', iat: T0 - 3 * DAY - HOUR, exp: T0 - 3 * DAY });
  const adminAudience = await signEd25519({ iss: ISSUER, sub: 'user-42', aud: 'https://admin.example.test/', scope: 'users:delete', iat: T0 - 5 * 60, exp: T0 + 55 * 60 });

  // Signed with the literal secret "secret", which every JWT cracking wordlist contains.
  const weakSecret = await signHmac({ iss: ISSUER, sub: 'service-billing', aud: AUDIENCE, iat: T0 - HOUR, exp: T0 + 23 * HOUR }, new TextEncoder().encode('secret'));
  const noExpiry = await signHmac({ iss: ISSUER, sub: 'cron-nightly-report', aud: AUDIENCE, iat: T0 - 30 * DAY }, hmacKey);

  const unsecured = new UnsecuredJWT({ iss: ISSUER, sub: 'user-42', aud: AUDIENCE, role: 'admin', iat: T0 - 60, exp: T0 + HOUR }).encode();

  const session = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ sid: 'sess-8f14e45f', sub: 'user-42', iat: T0 - 120, exp: T0 + 8 * HOUR })))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: 'session-2026' })
    .setInitializationVector(sha256('jwt-lens examples: session IV').subarray(0, 12))
    .encrypt(jweKey);

  const inner = await signEd25519({ iss: ISSUER, sub: 'user-7', aud: AUDIENCE, iat: T0 - 60, exp: T0 + 15 * 60 });
  const nested = await new CompactSign(new TextEncoder().encode(inner)).setProtectedHeader({ alg: 'HS256', cty: 'JWT', kid: 'gateway-hmac' }).sign(hmacKey);

  // The header points verifiers at a key set on a host the issuer does not control.
  const remoteKeyUrl = await signEd25519(
    { iss: ISSUER, sub: 'user-42', aud: AUDIENCE, iat: T0 - 60, exp: T0 + HOUR },
    { jku: 'https://keys.attacker.example/.well-known/jwks.json', kid: 'attacker-1' },
    attackerKey,
  );
  const kidTraversal = await signHmac({ iss: ISSUER, sub: 'user-42', aud: AUDIENCE, iat: T0 - 60, exp: T0 + HOUR }, hmacKey, 'HS256', { kid: '../../../../dev/null' });

  const attackerJwk = await exportJWK(createPublicKey(attackerKey));
  const embeddedJwk = await signEd25519({ iss: ISSUER, sub: 'user-42', aud: AUDIENCE, email: 'user42@example.test', iat: T0 - 60, exp: T0 + HOUR }, { jwk: attackerJwk, kid: undefined }, attackerKey);

  const millisecondExpiry = await signHmac({ iss: ISSUER, sub: 'user-42', aud: AUDIENCE, iat: T0, exp: (T0 + HOUR) * 1000 }, hmacKey);
  const suppressedExpired = await signHmac({ iss: ISSUER, sub: 'fixture-expired', aud: AUDIENCE, iat: T0 - 2 * DAY, exp: T0 - DAY }, hmacKey);
  const hs384Refresh = await signHmac({ iss: ISSUER, sub: 'user-42', aud: AUDIENCE, typ: 'refresh', iat: T0 - 60, exp: T0 + 7 * DAY }, hmacKey, 'HS384');
  const withPassword = await signHmac({ iss: ISSUER, sub: 'legacy-import', aud: AUDIENCE, password: 'hunter2', iat: T0 - 60, exp: T0 + HOUR }, hmacKey);

  return {
    userAccess,
    expiredAccess,
    adminAudience,
    weakSecret,
    noExpiry,
    unsecured,
    session,
    nested,
    remoteKeyUrl,
    kidTraversal,
    embeddedJwk,
    millisecondExpiry,
    suppressedExpired,
    hs384Refresh,
    withPassword,
  };
}

type Tokens = Awaited<ReturnType<typeof buildTokens>>;

function exampleFiles(t: Tokens, publicKeyPem: string): Record<string, string> {
  return {
    '.jwtlens.json': `${JSON.stringify(
      {
        $schema: '../schemas/jwtlens.schema.json',
        allowedAlgorithms: ['EdDSA', 'ES256', 'RS256', 'HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub'],
        maxLifetime: 86400,
      },
      null,
      2,
    )}\n`,

    'keys/issuer-ed25519.pub.pem': publicKeyPem,

    'requests.http': `# Orders API, for the VS Code REST Client extension.
@baseUrl = https://api.example.test

### List my orders
GET {{baseUrl}}/orders
Authorization: Bearer ${t.userAccess}

### Token copied from the browser last week
GET {{baseUrl}}/orders/1001
Authorization: Bearer ${t.expiredAccess}

### Delete a user (token was issued for the admin API)
DELETE {{baseUrl}}/users/7
Authorization: Bearer ${t.adminAudience}
`,

    '.env': `# Local development settings. Test values only.
DATABASE_URL=postgres://app:app@127.0.0.1:5432/orders
BILLING_SERVICE_TOKEN=${t.weakSecret}
REPORT_JOB_TOKEN=${t.noExpiry}
LOG_LEVEL=debug
`,

    'logs/app.log': `2026-01-01T00:00:02.114Z INFO  http  request started method=GET path=/health
2026-01-01T00:00:03.871Z WARN  http  request started method=GET path=/api/profile?access_token=${t.unsecured}
2026-01-01T00:00:03.902Z INFO  auth  session restored cookie=__Host-session=${t.session}
2026-01-01T00:00:04.330Z ERROR auth  rejected token reason="jwt expired" authorization="Bearer ${t.expiredAccess}"
2026-01-01T00:00:05.017Z INFO  http  request finished status=200 duration_ms=12
`,

    'client.py': `"""Smoke test for the orders API. Run with: python client.py"""
import requests

BASE_URL = "https://api.example.test"

# Token from the partner sandbox. Its header names a key URL and a kid chosen by the sender.
PARTNER_TOKEN = "${t.remoteKeyUrl}"
LEGACY_TOKEN = (
    "${t.kidTraversal}"
)


def list_orders(token: str) -> list:
    response = requests.get(f"{BASE_URL}/orders", headers={"Authorization": f"Bearer {token}"}, timeout=5)
    response.raise_for_status()
    return response.json()


if __name__ == "__main__":
    print(list_orders(PARTNER_TOKEN))
    print(list_orders(LEGACY_TOKEN))
`,

    'auth.test.ts': `import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticate } from '../src/auth';

// Fixtures for the gateway's token handling. Test keys only.
const gatewayToken = '${t.nested}';
const millisecondToken = '${t.millisecondExpiry}';
// This fixture is expired on purpose, so the scanner is told to skip it.
// jwt-lens-ignore-next-line
const expiredFixture = '${t.suppressedExpired}';
const importToken = '${t.withPassword}';

describe('authenticate', () => {
  it('unwraps the gateway token', async () => {
    assert.equal((await authenticate(gatewayToken)).sub, 'user-7');
  });

  it('rejects an expired token', async () => {
    await assert.rejects(authenticate(expiredFixture), /expired/);
  });

  it('reads exp in seconds', async () => {
    await assert.rejects(authenticate(millisecondToken), /exp/);
  });

  it('accepts the legacy import token', async () => {
    assert.equal((await authenticate(importToken)).sub, 'legacy-import');
  });
});
`,

    'fixtures/tokens.json': `${JSON.stringify(
      {
        description: 'Tokens captured from the staging login flow (test keys only)',
        id_token: t.embeddedJwk,
        access_token: t.userAccess,
        refresh_token: t.hs384Refresh,
        session_cookie: t.session,
      },
      null,
      2,
    )}\n`,
  };
}

async function main(): Promise<void> {
  const tokens = await buildTokens();
  const publicKeyPem = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString();

  for (const [name, content] of Object.entries(exampleFiles(tokens, publicKeyPem))) {
    const path = join(examplesDirectory, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
