import assert from 'node:assert/strict';
import { findTokens } from '../../../../src/core/scan/findTokens';
import { base64url, encodeJson, HS256_HEADER, jwe, jws, SIGNATURE, unsecuredJws } from './tokenBuilders';

const TOKEN = jws();

/** Asserts that `text` contains exactly `tokens`, each at its first occurrence. */
function assertFinds(text: string, tokens: string[]): void {
  const matches = findTokens(text);
  assert.equal(matches.length, tokens.length, `expected ${tokens.length} tokens in ${JSON.stringify(text.slice(0, 80))}`);

  let from = 0;
  tokens.forEach((token, i) => {
    const start = text.indexOf(token, from);
    const match = matches[i];
    assert.equal(match.text, token);
    assert.equal(match.start, start);
    assert.equal(match.end, start + token.length);
    from = match.end;
  });
}

describe('findTokens', () => {
  describe('contexts', () => {
    const contexts: Array<[string, string]> = [
      ['HTTP header', `Authorization: Bearer ${TOKEN}`],
      ['JWT scheme', `Authorization: JWT ${TOKEN}\r\n`],
      ['curl line', `curl -H "Authorization: Bearer ${TOKEN}" https://api.example.test/v1/users`],
      ['double quotes', `const token = "${TOKEN}";`],
      ['single quotes', `token = '${TOKEN}'`],
      ['JSON member', `{"access_token":"${TOKEN}","token_type":"Bearer"}`],
      ['YAML value', `auth:\n  token: ${TOKEN}\n`],
      ['.env line', `JWT_TOKEN=${TOKEN}\nOTHER=1`],
      ['cookie', `Cookie: theme=dark; session=${TOKEN}; lang=en`],
      ['Set-Cookie', `Set-Cookie: jwt=${TOKEN}; Path=/; HttpOnly`],
      ['query string', `https://app.example.test/callback?id_token=${TOKEN}&state=xyz`],
      ['fragment', `https://app.example.test/cb#access_token=${TOKEN}&token_type=Bearer`],
      ['URL path', `https://api.example.test/reset/${TOKEN}`],
      ['URL path then more path', `https://api.example.test/t/${TOKEN}/revoke`],
      ['form-encoded space', `Authorization=Bearer+${TOKEN}`],
      ['percent-encoded space', `Authorization=Bearer%20${TOKEN}`],
      ['JSON string escape', `"lines":"first\\n${TOKEN}"`],
      ['Markdown code', `Send \`${TOKEN}\` in the header.`],
      ['Markdown link', `[debug](https://jwt.example.test/#token=${TOKEN})`],
      ['parentheses', `(${TOKEN})`],
      ['log line', `2026-01-01T00:00:00.123Z INFO auth token=${TOKEN} user=bob ip=10.0.0.1`],
      ['sentence end', `The token is ${TOKEN}.`],
      ['ellipsis', `The token is ${TOKEN}...`],
      ['sentence end then text', `Use ${TOKEN}. Then retry.`],
      ['tab separated', `a\t${TOKEN}\tb`],
      ['CRLF file', `first line\r\n${TOKEN}\r\nlast line\r\n`],
      ['start and end of text', TOKEN],
      ['JSON with escaped slashes', `{"url":"https:\\/\\/app.example.test\\/cb\\/${TOKEN}"}`],
      ['HTML attribute', `<input type="hidden" value="${TOKEN}">`],
      ['XML element', `<token>${TOKEN}</token>`],
      ['text with non-ASCII neighbours', `héllo 🎉${TOKEN}ü wörld`],
      ['Python string', `headers = {"Authorization": f"Bearer ${TOKEN}"}`],
    ];

    for (const [name, text] of contexts) {
      it(`finds the token in a ${name}`, () => {
        assertFinds(text, [TOKEN]);
      });
    }

    it('excludes the CR of a CRLF line', () => {
      const [match] = findTokens(`token: ${TOKEN}\r\n`);
      assert.equal(match?.end, 'token: '.length + TOKEN.length);
    });

    it('finds several tokens on one line', () => {
      const other = jws({ sub: 'other' });
      assertFinds(`${TOKEN},${other} ${TOKEN}`, [TOKEN, other, TOKEN]);
    });

    it('finds a JWE with an empty encrypted key', () => {
      const token = jwe();
      const [match] = findTokens(`enc: ${token}\n`);
      assert.equal(match?.text, token);
      assert.equal(match?.kind, 'jwe');
      assert.equal(match?.segments, 5);
    });

    it('finds a JWE followed by a sentence dot', () => {
      const token = jwe();
      assertFinds(`It was ${token}.`, [token]);
    });
  });

  describe('segment rules', () => {
    it('keeps the trailing dot of an unsecured token', () => {
      const token = unsecuredJws();
      assert.ok(token.endsWith('.'));
      assertFinds(`x ${token} y`, [token]);
      assertFinds(`"${token}"`, [token]);
    });

    it('keeps one dot of an unsecured token ending a sentence', () => {
      const token = unsecuredJws();
      assertFinds(`It is ${token}.`, [token]);
    });

    it('reads a dot after a signed token as punctuation', () => {
      const [match] = findTokens(`It is ${TOKEN}.`);
      assert.equal(match?.text, TOKEN);
      assert.equal(match?.segments, 3);
    });

    it('rejects four dot-separated parts', () => {
      assert.deepEqual(findTokens(`${TOKEN}.more`), []);
      assert.deepEqual(findTokens(`prefix.${TOKEN}`), []);
    });

    it('accepts a long non-JSON payload', () => {
      const token = `${HS256_HEADER}.${base64url('plain text payload of a JWS')}.${SIGNATURE}`;
      assertFinds(token, [token]);
    });

    it('accepts short JSON payloads', () => {
      for (const payload of ['{}', '{ }', '[]', '[1]', '"x"', '42']) {
        const token = `${HS256_HEADER}.${base64url(payload)}.${SIGNATURE}`;
        assertFinds(`t: ${token}`, [token]);
      }
    });

    it('rejects a short non-JSON payload', () => {
      assert.deepEqual(findTokens(`${HS256_HEADER}.js.map`), []);
    });

    it('rejects two parts without a trailing dot', () => {
      assert.deepEqual(findTokens(`${HS256_HEADER}.${encodeJson({ sub: 'x' })} end`), []);
    });

    it('accepts a detached-payload JWS', () => {
      const token = `${HS256_HEADER}..${SIGNATURE}`;
      assertFinds(`sig: ${token}`, [token]);
    });

    it('rejects header and dots only', () => {
      assert.deepEqual(findTokens(`${HS256_HEADER}..`), []);
    });

    it('includes padding inside segments', () => {
      const token = `${HS256_HEADER}.${Buffer.from('{"sub":"a"}').toString('base64')}.${SIGNATURE}=`;
      assert.ok(token.includes('='));
      assertFinds(`t=${token}&x=1`, [token]);
    });

    it('rejects more than two padding characters', () => {
      assert.deepEqual(findTokens(`${HS256_HEADER}.${encodeJson({ a: 1 })}===.${SIGNATURE}`), []);
    });

    it('rejects padding inside a segment', () => {
      assert.deepEqual(findTokens(`${HS256_HEADER}.ab=cd.${SIGNATURE}`), []);
    });

    it('finds a standard-base64 token whole', () => {
      const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64').replace(/=+$/, '');
      const payload = Buffer.from('{"note":"~?>100?~~?>"}').toString('base64').replace(/=+$/, '');
      const token = `${header}.${payload}.ab+/cd`;
      assert.match(payload, /[+/]/);
      assertFinds(`token: ${token}\n`, [token]);
    });

    it('cuts a signature at a slash before a URL path', () => {
      const token = jws();
      assertFinds(`https://api.example.test/t/${token}/revoke`, [token]);
    });

    it('keeps a standard-base64 signature with + after its slash', () => {
      const token = `${HS256_HEADER}.${encodeJson({ sub: 'a' })}.ab/cd+ef`;
      assertFinds(`Authorization: Bearer ${token}\n`, [token]);
    });

    it('finds tokens of tens of kilobytes whole', () => {
      const token = jws({ sub: 'big', data: 'x'.repeat(60_000) });
      assert.ok(token.length > 80_000);
      assertFinds(`big=${token}\n`, [token]);
    });

    it('finds an empty-header token', () => {
      const token = `.${encodeJson({ username: 'sample-user' })}.`;
      const [match] = findTokens(`C no header: ${token}\n`);
      assert.equal(match?.text, token);
      assert.equal(match?.segments, 3);
    });

    it('ignores an empty header without JSON payload', () => {
      assert.deepEqual(findTokens('see .config.json.'), []);
    });
  });

  describe('header prefixes from decoding', () => {
    const headers: Array<[string, string, string]> = [
      ['compact', '{"alg":"HS256"}', 'eyJ'],
      ['space after brace', '{ "alg": "HS256" }', 'eyA'],
      ['newline after brace', '{\n  "alg": "HS256"\n}', 'ewo'],
      ['CRLF after brace', '{\r\n  "alg": "HS256"\r\n}', 'ew0'],
      ['tab after brace', '{\t"alg":"HS256"}', 'ewk'],
      ['spaces before brace', '  {"alg":"HS256"}', 'ICB7'],
      ['newline before brace', '\n{"alg":"HS256"}', 'CnsiY'],
      ['byte order mark', '\uFEFF{"alg":"HS256"}', '77u/'],
    ];

    for (const [name, json, prefix] of headers) {
      it(`accepts a header with ${name}`, () => {
        const header = base64url(json);
        assert.ok(header.startsWith(prefix.replace('/', '_')), `${header} should start with ${prefix}`);
        const token = `${header}.${encodeJson({ sub: 'a' })}.${SIGNATURE}`;
        assertFinds(`x ${token} y`, [token]);
      });
    }

    it('rejects an empty object header', () => {
      assert.deepEqual(findTokens(`e30.${encodeJson({ sub: 'a' })}.${SIGNATURE}`), []);
    });

    it('rejects a header that is a JSON array', () => {
      assert.deepEqual(findTokens(`${base64url('["alg"]')}.${encodeJson({ sub: 'a' })}.${SIGNATURE}`), []);
    });
  });

  describe('look-alikes', () => {
    const lookAlikes: Array<[string, string]> = [
      ['dotted identifiers', 'com.example.Foo this.props.value a.b.c window.location.href.length'],
      ['version strings', 'node v20.19.0, 1.2.3, 10.0.0.1, 2026.01.01, 1.2.3-beta.4'],
      ['source map comment', '//# sourceMappingURL=data:application/json;charset=utf-8;base64,eyJ2ZXJzaW9uIjozLCJzb3VyY2VzIjpbImEudHMiXX0='],
      ['source map file', '//# sourceMappingURL=main.js.map and bundle.min.js.map'],
      ['source map base64 with dots after', 'map=eyJ2ZXJzaW9uIjozfQ==.js.map'],
      ['opaque tokens', 'Authorization: Bearer ya29.a0AfH6SMBx-long_opaque_token_value'],
      ['GitHub token', 'token ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
      ['base64 blob', Buffer.from('{"alg":"HS256"}'.repeat(20)).toString('base64')],
      ['JWT inside a longer base64url word', `QUJDREVGR0g${TOKEN}`],
      ['JWT inside a longer word with digits', `x9${TOKEN}`],
      ['JWT after a dot', `abc.${TOKEN}`],
      ['hostnames and URLs', 'https://eyj.example.test/a.b.c?x=y.z.w#frag.ment.here'],
      ['minified JS', 'var e=t.exports.default;n.a.b(e.c.d),r.e.f.g=function(){return o.p.q}'],
      ['email and domain', 'contact eyJohn.Doe.Smith@example.test or ewok.config.js'],
      ['ewok word', 'ewok.config.js'],
      ['numbers', '3.14159.26535 1e10.5.5'],
      ['four parts', `${HS256_HEADER}.${encodeJson({ a: 1 })}.${SIGNATURE}.${SIGNATURE}`],
      ['six parts', `${jwe()}.extra`],
    ];

    for (const [name, text] of lookAlikes) {
      it(`ignores ${name}`, () => {
        assert.deepEqual(findTokens(text), []);
      });
    }
  });

  describe('pathological input', () => {
    const size = 1_000_000;
    const inputs: Array<[string, string]> = [
      ['eyJ. repeats', 'eyJ.'.repeat(size / 4)],
      ['a. repeats', 'a.'.repeat(size / 2)],
      ['dots only', '.'.repeat(size)],
      ['/eyJ repeats then dots', `${'/eyJ'.repeat(size / 4)}.a.b`],
      ['=eyJ repeats then dots', `${'=eyJ'.repeat(size / 4)}.a.b`],
      ['whitespace header repeats', `${'/ICAg'.repeat(size / 5)}.a.b`],
      ['header-like segments', `${'eyJhbGciOiJIUzI1NiJ9.'.repeat(size / 21)}`],
      ['long base64 word', 'A'.repeat(size)],
      ['long word then two dots', `${'eyJh'.repeat(size / 4)}.x.y`],
      ['alternating separators', '.=/+'.repeat(size / 4)],
    ];

    for (const [name, text] of inputs) {
      it(`completes on 1 MB of ${name}`, () => {
        const matches = findTokens(text);
        for (const match of matches) {
          assert.equal(text.slice(match.start, match.end), match.text);
        }
      });
    }

    it('findTokens stays linear without slashes', () => {
      // A padded standard-base64 signature without `/` makes the scanner look for a `/` that never comes.
      const signature = Buffer.alloc(32, 1).toString('base64');
      assert.doesNotMatch(signature, /\//);
      const lines = Array.from({ length: 300_000 }, (_, index) => `${HS256_HEADER}.${encodeJson({ i: index })}.${signature}`);
      const matches = findTokens(lines.join('\n'));
      assert.equal(matches.length, 300_000);
      assert.equal(matches[299_999]?.text, lines[299_999]);
    });

    it('finds a token with a 1 MB header', () => {
      const text = `${'eyJh'.repeat(250_000)}.${encodeJson({ sub: 'a' })}.${SIGNATURE}`;
      const matches = findTokens(text);
      assert.equal(matches.length, 1);
      assert.equal(matches[0]?.end, text.length);
    });
  });
});
