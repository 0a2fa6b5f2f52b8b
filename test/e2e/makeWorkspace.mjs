// Writes the end-to-end workspace: an .http file with realistic tokens and a file of hostile tokens
// whose claims try to run script in the hover and the panel. Times are fixed, so the output is
// reproducible; the HMAC secret is a test value, also used by the scenarios to verify.
// Usage: node test/e2e/makeWorkspace.mjs
import fs from 'node:fs';
import { SignJWT } from 'jose';
import { demoSecretForTests as demoSecret } from './secrets.mjs';

const key = new TextEncoder().encode(demoSecret);
const workspace = new URL('./workspace/', import.meta.url);

const sign = (header, claims) => new SignJWT(claims).setProtectedHeader(header).sign(key);
const unsecured = (claims) =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

const orders = await sign(
  { alg: 'HS256', typ: 'JWT', kid: 'orders-2026' },
  {
    iss: 'https://auth.example.test/',
    sub: 'user-42',
    aud: 'https://api.example.test/',
    scope: 'orders:read orders:write',
    iat: 1764547200,
    nbf: 1764547200,
    exp: 1830297600,
    jti: '7f1c2d9e-4b3a-4c8e-9a61-2f5d0e8b7c13',
  },
);
const legacy = await sign({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-7', iat: 1516239022, exp: 1516242622 });

fs.writeFileSync(
  new URL('requests.http', workspace),
  [
    '### List orders',
    'GET https://api.example.test/orders',
    `Authorization: Bearer ${orders}`,
    '',
    '### Legacy session (expired long ago)',
    'GET https://api.example.test/profile',
    `Authorization: Bearer ${legacy}`,
    '',
    '### Debug token someone pasted',
    'GET https://api.example.test/admin',
    `Authorization: Bearer ${unsecured({ sub: 'admin', role: 'admin', iat: 1764547200 })}`,
    '',
  ].join('\n'),
);

// Each payload tries a different way to run script or smuggle a link; the scenario checks none works.
const hostile = await sign(
  { alg: 'HS256', typ: '<img src=x onerror="window.__jwtLensPwned=1">' },
  {
    sub: '<script>window.__jwtLensPwned = 2</script>',
    name: '<img src=x onerror="window.__jwtLensPwned=3">',
    link: '[open terminal](command:workbench.action.terminal.new)',
    html: '<a href="command:workbench.action.openSettings">settings</a>',
    bidi: 'user\u202Enimda',
    iat: 1764547200,
    exp: 1830297600,
  },
);
fs.writeFileSync(new URL('hostile.txt', workspace), `hostile token:\n${hostile}\n`);
console.log('wrote requests.http and hostile.txt');
