// Writes workspace/hostile.txt: tokens whose header and claims carry Markdown links, HTML, command
// URIs, bidi and zero-width characters and backtick fences, and one 100 kB token. Each token sits on
// the line after its label. The signatures are fixed bytes; these tokens only test rendering.
// Usage: node test/integration/makeHostileFixture.mjs
import fs from 'node:fs';

// A string is used as the JSON text itself, so a member named __proto__ stays a member.
const encode = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');
const token = (header, claims) => `${encode(header)}.${encode(claims)}.${Buffer.from('not a real signature').toString('base64url')}`;

const tokens = {
  'claims': token(
    { alg: 'HS256', typ: 'JWT' },
    {
      sub: '<script>alert(1)</script>',
      name: '[click me](command:workbench.action.terminal.new)',
      own: '[looks like ours](command:jwtLens.disableRule?["alg-none"])',
      js: '[x](javascript:alert(1))',
      image: '![pixel](https://evil.example/p.png)',
      html: '<img src=x onerror=alert(1)><a href="command:workbench.action.openSettings">settings</a>',
      auto: '<https://evil.example/auto> www.evil.example mail@evil.example https://evil.example/bare',
      bidi: 'user\u202Enimda',
      zeroWidth: 'ad\u200Bmin\u2060\uFEFF',
      fence: '````\n[escaped](command:workbench.action.terminal.new)\n````',
      icon: '$(alert) **bold** _em_ # heading',
      iat: 1767225600,
      exp: 1767229200,
    },
  ),
  'header': token(
    { alg: 'HS256', typ: '<b>JWT</b>', kid: '[k](command:workbench.action.openSettings)\u202E\u2066x', x5u: 'https://evil.example/cert' },
    '{"sub":"user-42","[name](command:workbench.action.terminal.new)":"claim name is a link","__proto__":{"polluted":true}}',
  ),
  'large': token(
    { alg: 'HS256', typ: 'JWT' },
    { sub: 'big', blob: 'A'.repeat(70000), roles: Array.from({ length: 500 }, (_, i) => `role-${i}`) },
  ),
};

const lines = [];
for (const [label, raw] of Object.entries(tokens)) lines.push(`# ${label}`, raw);
fs.writeFileSync(new URL('./workspace/hostile.txt', import.meta.url), `${lines.join('\n')}\n`);
console.log(Object.entries(tokens).map(([label, raw]) => `${label}: ${raw.length} characters`).join('\n'));
