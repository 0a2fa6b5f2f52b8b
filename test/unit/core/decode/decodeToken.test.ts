import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeToken, MAX_NESTING_DEPTH } from '../../../../src/core/decode/decodeToken';
import { findTokens } from '../../../../src/core/scan/findTokens';
import { base64url, encodeJson, HS256_HEADER, jwe, jws, SIGNATURE, unsecuredJws } from '../scan/tokenBuilders';

const casesDir = join(__dirname, '../../../fixtures/cases');

/** Returns the tokens of a case file, in order. */
function caseTokens(file: string): string[] {
  return findTokens(readFileSync(join(casesDir, file), 'utf8')).map((match) => match.text);
}

function rules(raw: string): string[] {
  return decodeToken(raw).problems.map((problem) => problem.rule);
}

describe('decodeToken', () => {
  describe('edge cases', () => {
    it('C01: warns about padding in payload and signature', () => {
      const [token] = caseTokens('case-01.txt');
      const decoded = decodeToken(token);
      assert.deepEqual(decoded.problems, [
        {
          rule: 'non-canonical-base64url',
          severity: 'warning',
          segment: 1,
          message: "Payload ends in '==' padding; JWS base64url omits padding (RFC 7515 §2), so strict verifiers reject the token.",
        },
        {
          rule: 'non-canonical-base64url',
          severity: 'warning',
          segment: 2,
          message: "Signature ends in '=' padding; JWS base64url omits padding (RFC 7515 §2), so strict verifiers reject the token.",
        },
      ]);
      assert.deepEqual(decoded.payload, { sub: 'user-42', name: 'Sample UserX', iat: 1767225600, exp: 1767229200 });
      assert.equal(decoded.signature?.length, 32);
    });

    it('C02 A: decodes - and _ without problems', () => {
      const [a] = caseTokens('case-02.txt');
      const decoded = decodeToken(a);
      assert.deepEqual(decoded.problems, []);
      assert.equal((decoded.payload as { note: string }).note, '~?>100?~');
    });

    it('C02 B: flags the standard alphabet and decodes', () => {
      const [, b] = caseTokens('case-02.txt');
      const decoded = decodeToken(b);
      assert.deepEqual(
        decoded.problems.map((problem) => [problem.rule, problem.segment]),
        [
          ['invalid-base64url', 1],
          ['invalid-base64url', 2],
        ],
      );
      assert.equal(
        decoded.problems[0]?.message,
        "Payload uses the standard base64 alphabet ('/'), not base64url ('-' and '_' replace '+' and '/' per RFC 7515 §2); most verifiers reject it.",
      );
      assert.equal((decoded.payload as { note: string }).note, '~?>100?~');
    });

    it('C02 C: warns about trailing bits, same signature bytes', () => {
      const [a, , c] = caseTokens('case-02.txt');
      const decoded = decodeToken(c);
      assert.deepEqual(decoded.problems, [
        {
          rule: 'non-canonical-base64url',
          severity: 'warning',
          segment: 2,
          message: 'Signature ends in a character with its 2 unused low bits set; it decodes to the same bytes as the canonical spelling, so lenient verifiers accept a second spelling of the token.',
        },
      ]);
      assert.deepEqual(decoded.signature, decodeToken(a).signature);
    });

    it('C03 A: decodes UTF-8 claims exactly', () => {
      const [a] = caseTokens('case-03.txt');
      const decoded = decodeToken(a);
      const claims = decoded.payload as Record<string, unknown>;
      assert.deepEqual(decoded.problems, []);
      assert.equal(claims['name'], 'Zoë Ünïcødé 🎉');
      assert.equal(claims['city'], 'Kraków');
      assert.equal(claims['nick'], '测试用户');
    });

    it('C03 B: reports invalid UTF-8 without U+FFFD', () => {
      const [, b] = caseTokens('case-03.txt');
      const decoded = decodeToken(b);
      assert.deepEqual(decoded.problems, [
        {
          rule: 'invalid-utf8',
          segment: 1,
          message: 'Payload is not valid UTF-8 (byte 0xE9 at offset 28); JWT JSON must be UTF-8 (RFC 7519 §7.2), so the byte is shown as \\xE9.',
        },
      ]);
      assert.equal(decoded.payloadText, null);
      assert.equal(decoded.payloadDisplayText, '{"sub":"user-43","name":"Ren\\xE9","iat":1767225600,"exp":1767229200}');
      assert.equal((decoded.payload as { name: string }).name, 'Ren\\xE9');
      assert.equal(decoded.payloadParsed, true);
      assert.ok(!JSON.stringify(decoded).includes('\uFFFD'));
    });

    it('C06: keeps JSON.parse number semantics', () => {
      const [a, b] = caseTokens('case-06.txt');
      assert.equal((decodeToken(a).payload as { exp: number }).exp, 1e50);
      assert.equal((decodeToken(b).payload as { exp: number }).exp, Infinity);
    });

    it('C14 A: decodes an unsecured token', () => {
      const [a] = caseTokens('case-14.txt');
      const decoded = decodeToken(a);
      assert.deepEqual(decoded.problems, []);
      assert.equal(decoded.header?.['alg'], 'none');
      assert.deepEqual(decoded.signature, new Uint8Array(0));
      assert.equal((decoded.payload as { sub: string }).sub, 'user-42');
    });

    it('C14 C: reports the empty header', () => {
      const [, , c] = caseTokens('case-14.txt');
      const decoded = decodeToken(c);
      assert.deepEqual(decoded.problems, [
        {
          rule: 'malformed-token',
          segment: 0,
          message: 'Empty JOSE header: the first segment is empty, but every JWS and JWE needs a JSON object header with at least "alg" (RFC 7515 §4.1.1).',
        },
      ]);
      assert.equal(decoded.header, null);
      assert.deepEqual(decoded.payload, { username: 'sample-user' });
    });
  });

  describe('structure', () => {
    it('splits a JWS into its parts', () => {
      const token = jws({ sub: 'a' });
      const decoded = decodeToken(token);
      assert.equal(decoded.kind, 'jws');
      assert.deepEqual(decoded.parts, token.split('.'));
      assert.deepEqual(decoded.header, { alg: 'HS256', typ: 'JWT' });
      assert.equal(decoded.headerText, '{"alg":"HS256","typ":"JWT"}');
      assert.equal(decoded.payloadText, '{"sub":"a"}');
      assert.deepEqual(decoded.payloadBytes, new Uint8Array(Buffer.from('{"sub":"a"}')));
      assert.equal(decoded.signature?.length, 32);
      assert.equal(decoded.nested, undefined);
    });

    it('rejects a wrong segment count', () => {
      for (const raw of ['', 'abc', 'a.b', 'a.b.c.d', 'a.b.c.d.e.f']) {
        const decoded = decodeToken(raw);
        assert.deepEqual(
          decoded.problems.map((problem) => problem.rule),
          ['malformed-token'],
        );
        assert.equal(
          decoded.problems[0]?.message,
          `Token has ${raw.split('.').length} dot-separated segments; a compact JWS has 3 and a compact JWE has 5.`,
        );
      }
    });

    it('decodes only the protected header of a JWE', () => {
      const decoded = decodeToken(jwe());
      assert.equal(decoded.kind, 'jwe');
      assert.deepEqual(decoded.header, { alg: 'dir', enc: 'A256GCM' });
      assert.equal(decoded.payload, null);
      assert.equal(decoded.payloadParsed, false);
      assert.equal(decoded.payloadText, null);
      assert.equal(decoded.payloadBytes, null);
      assert.equal(decoded.signature, null);
      assert.deepEqual(decoded.problems, []);
    });

    it('checks the encoding of JWE segments', () => {
      const parts = jwe().split('.');
      parts[3] = `${parts[3]}==`;
      const decoded = decodeToken(parts.join('.'));
      assert.deepEqual(
        decoded.problems.map((problem) => [problem.rule, problem.segment]),
        [['non-canonical-base64url', 3]],
      );
      assert.match(decoded.problems[0]?.message ?? '', /^Ciphertext ends in '==' padding/);
    });

    it('rejects a JWE with empty IV, ciphertext and tag', () => {
      const header = jwe().split('.')[0];
      const decoded = decodeToken(`${header}....`);
      assert.deepEqual(decoded.problems, [
        { rule: 'malformed-token', segment: 2, message: 'JWE initialization vector is empty, but every registered enc needs one (RFC 7518 5.2.2.1 and 5.3).' },
        { rule: 'malformed-token', segment: 3, message: 'JWE ciphertext is empty, so the token carries no encrypted content (RFC 7516 5.1).' },
        { rule: 'malformed-token', segment: 4, message: 'JWE authentication tag is empty, but every registered enc produces one (RFC 7518 5.2.2.1 and 5.3).' },
      ]);
    });

    it('rejects a JWE header without a usable enc', () => {
      const parts = jwe().split('.');
      const missing = decodeToken([encodeJson({ alg: 'dir' }), ...parts.slice(1)].join('.'));
      assert.deepEqual(missing.problems, [
        { rule: 'malformed-token', segment: 0, message: 'JWE protected header has no enc, which RFC 7516 4.1.2 requires; name the content encryption algorithm.' },
      ]);
      const none = decodeToken([encodeJson({ alg: 'none', enc: 'none' }), ...parts.slice(1)].join('.'));
      assert.deepEqual(none.problems, [
        { rule: 'malformed-token', segment: 0, message: 'JWE enc "none" is not a content encryption algorithm (RFC 7518 5.1), so the token cannot be decrypted.' },
      ]);
    });

    it('reports a header that is not an object', () => {
      const decoded = decodeToken(`${base64url('["HS256"]')}.${encodeJson({ a: 1 })}.${SIGNATURE}`);
      assert.equal(decoded.header, null);
      assert.equal(decoded.headerText, '["HS256"]');
      assert.deepEqual(decoded.problems, [
        { rule: 'malformed-token', segment: 0, message: 'JOSE header is an array, not a JSON object (RFC 7515 §4).' },
      ]);
    });

    it('reads an unencoded payload when b64 is false', () => {
      const header = encodeJson({ alg: 'HS256', b64: false, crit: ['b64'] });
      const decoded = decodeToken(`${header}.$.02.${SIGNATURE}`.replace('.$.02.', '.{"amount":2}.'));
      assert.deepEqual(decoded.payload, { amount: 2 });
      assert.deepEqual(decoded.problems, []);
    });
  });

  describe('JSON', () => {
    it('reports invalid JSON', () => {
      const decoded = decodeToken(`${HS256_HEADER}.${base64url('{"sub":')}.${SIGNATURE}`);
      assert.equal(decoded.payloadText, '{"sub":');
      assert.equal(decoded.payloadParsed, false);
      assert.equal(decoded.problems[0]?.rule, 'invalid-json');
      assert.equal(decoded.problems[0]?.segment, 1);
      assert.match(decoded.problems[0]?.message ?? '', /^Payload is not valid JSON: /);
    });

    it('reports invalid header JSON', () => {
      const decoded = decodeToken(`${base64url('{"alg":HS256}')}.${encodeJson({ a: 1 })}.${SIGNATURE}`);
      assert.equal(decoded.header, null);
      assert.deepEqual(
        decoded.problems.map((problem) => [problem.rule, problem.segment]),
        [['invalid-json', 0]],
      );
      assert.match(decoded.problems[0]?.message ?? '', /^Header is not valid JSON: /);
    });

    it('reports a byte order mark in the header', () => {
      const decoded = decodeToken(`${base64url('\uFEFF{"alg":"HS256"}')}.${encodeJson({ a: 1 })}.${SIGNATURE}`);
      assert.deepEqual(decoded.header, { alg: 'HS256' });
      assert.deepEqual(decoded.problems, [
        {
          rule: 'invalid-json',
          segment: 0,
          message: 'Header starts with a UTF-8 byte order mark, which JSON sent between systems must not carry (RFC 8259 §8.1); many JWT libraries reject it.',
        },
      ]);
    });

    it('reports a byte order mark in the payload', () => {
      const decoded = decodeToken(`${HS256_HEADER}.${base64url('\uFEFF{"a":1}')}.${SIGNATURE}`);
      assert.deepEqual(decoded.payload, { a: 1 });
      assert.deepEqual(
        decoded.problems.map((problem) => [problem.rule, problem.segment]),
        [['invalid-json', 1]],
      );
      assert.match(decoded.problems[0]?.message ?? '', /^Payload starts with a UTF-8 byte order mark/);
    });

    it('reports duplicate claims at any depth', () => {
      const payload = '{"sub":"a","role":"user","address":{"city":"X","city":"Y"},"sub":"b","list":[{"k":1,"k":2}]}';
      const decoded = decodeToken(`${HS256_HEADER}.${base64url(payload)}.${SIGNATURE}`);
      assert.deepEqual(
        decoded.problems.map((problem) => problem.message),
        [
          'Payload has the member "address.city" more than once; JSON.parse keeps the last value but other parsers may keep the first (RFC 7515 §4, RFC 7519 §4).',
          'Payload has the member "sub" more than once; JSON.parse keeps the last value but other parsers may keep the first (RFC 7515 §4, RFC 7519 §4).',
          'Payload has the member "list[0].k" more than once; JSON.parse keeps the last value but other parsers may keep the first (RFC 7515 §4, RFC 7519 §4).',
        ],
      );
      assert.ok(decoded.problems.every((problem) => problem.rule === 'duplicate-member' && problem.segment === 1));
      assert.equal((decoded.payload as { sub: string }).sub, 'b');
    });

    it('reports a duplicate header parameter', () => {
      const decoded = decodeToken(`${base64url('{"alg":"HS256","alg":"none"}')}.${encodeJson({ a: 1 })}.${SIGNATURE}`);
      assert.deepEqual(
        decoded.problems.map((problem) => [problem.rule, problem.segment]),
        [['duplicate-member', 0]],
      );
      assert.match(decoded.problems[0]?.message ?? '', /^Header has the member "alg" more than once/);
    });

    it('treats escaped names as the same member', () => {
      assert.deepEqual(rules(`${HS256_HEADER}.${base64url('{"sub":1,"\\u0073ub":2}')}.${SIGNATURE}`), ['duplicate-member']);
    });

    it('keeps claims that are not an object', () => {
      const samples: Array<[string, unknown, string]> = [
        ['[1,2]', [1, 2], 'an array'],
        ['"text"', 'text', 'a string'],
        ['42', 42, 'a number'],
        ['null', null, 'null'],
        ['true', true, 'a boolean'],
      ];
      for (const [json, value, described] of samples) {
        const decoded = decodeToken(`${HS256_HEADER}.${base64url(json)}.${SIGNATURE}`);
        assert.deepEqual(decoded.payload, value);
        assert.equal(decoded.payloadParsed, true);
        assert.deepEqual(decoded.problems, [
          {
            rule: 'claims-not-object',
            segment: 1,
            message: `Claims are ${described}, not a JSON object; a JWT payload must be a JSON object of claims (RFC 7519 §7.2).`,
          },
        ]);
      }
    });

    it('reports invalid UTF-8 in the header', () => {
      const header = base64url(Buffer.concat([Buffer.from('{"alg":"HS256","x":"'), Buffer.from([0xff]), Buffer.from('"}')]));
      const decoded = decodeToken(`${header}.${encodeJson({ a: 1 })}.${SIGNATURE}`);
      assert.equal(decoded.headerText, null);
      assert.equal(decoded.headerDisplayText, '{"alg":"HS256","x":"\\xFF"}');
      assert.deepEqual(decoded.header, { alg: 'HS256', x: '\\xFF' });
      assert.deepEqual(
        decoded.problems.map((problem) => [problem.rule, problem.segment]),
        [['invalid-utf8', 0]],
      );
    });
  });

  describe('nesting', () => {
    it('decodes a nested token named by cty', () => {
      const inner = jws({ sub: 'inner' });
      const header = encodeJson({ alg: 'HS256', cty: 'jwt' });
      const decoded = decodeToken(`${header}.${base64url(inner)}.${SIGNATURE}`);
      assert.equal(decoded.payloadText, inner);
      assert.equal(decoded.payload, null);
      assert.equal(decoded.payloadParsed, false);
      assert.deepEqual(decoded.problems, []);
      assert.deepEqual(decoded.nested?.payload, { sub: 'inner' });
    });

    it('decodes a token-shaped payload without cty', () => {
      const inner = unsecuredJws({ sub: 'inner' });
      const decoded = decodeToken(`${HS256_HEADER}.${base64url(inner)}.${SIGNATURE}`);
      assert.equal(decoded.nested?.raw, inner);
      assert.equal(decoded.nested?.header?.['alg'], 'none');
    });

    it('parses JSON claims despite cty JWT', () => {
      const header = encodeJson({ alg: 'HS256', cty: 'JWT' });
      const decoded = decodeToken(`${header}.${encodeJson({ sub: 'a' })}.${SIGNATURE}`);
      assert.deepEqual(decoded.payload, { sub: 'a' });
      assert.equal(decoded.nested, undefined);
    });

    it('stops at the maximum depth', () => {
      let token = jws({ sub: 'core' });
      for (let level = 0; level <= MAX_NESTING_DEPTH + 2; level++) {
        token = `${HS256_HEADER}.${base64url(token)}.${SIGNATURE}`;
      }

      let decoded = decodeToken(token);
      let depth = 0;
      while (decoded.nested) {
        decoded = decoded.nested;
        depth++;
      }
      assert.equal(depth, MAX_NESTING_DEPTH);
      assert.deepEqual(decoded.problems, [
        {
          rule: 'malformed-token',
          segment: 1,
          severity: 'warning',
          message: `Payload is a token nested more than ${MAX_NESTING_DEPTH} levels deep; JWT Lens does not decode it further.`,
        },
      ]);
    });
  });

  describe('robustness', () => {
    it('never throws on odd input', () => {
      const samples = ['....', '.', 'a..', '\u0000.\uFFFF.\uD800', '🎉.🎉.🎉', `${'['.repeat(100_000)}`, `${HS256_HEADER}.${base64url('['.repeat(200_000))}.x`];
      for (const raw of samples) {
        const decoded = decodeToken(raw);
        assert.equal(decoded.raw, raw);
        assert.ok(Array.isArray(decoded.problems));
      }
    });

    it('reports deeply nested JSON without overflowing', () => {
      const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
      const decoded = decodeToken(`${HS256_HEADER}.${base64url(deep)}.${SIGNATURE}`);
      assert.equal(typeof decoded.payloadParsed, 'boolean');
    });
  });
});
