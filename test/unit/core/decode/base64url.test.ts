import assert from 'node:assert/strict';
import { decodeBase64Url } from '../../../../src/core/decode/base64url';

function bytesOf(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

describe('decodeBase64Url', () => {
  it('decodes canonical base64url without problems', () => {
    for (const sample of ['', 'f', 'fo', 'foo', 'foob', '~?>100?~', '\u00ff\u00fe']) {
      const result = decodeBase64Url(Buffer.from(sample).toString('base64url'));
      assert.deepEqual(result.bytes, bytesOf(sample));
      assert.deepEqual(result.problems, []);
    }
  });

  it('warns about padding and still decodes', () => {
    const result = decodeBase64Url('Zm9vYg==', 'payload');
    assert.deepEqual(result.bytes, bytesOf('foob'));
    assert.deepEqual(result.problems, [
      {
        rule: 'non-canonical-base64url',
        severity: 'warning',
        message: "Payload ends in '==' padding; JWS base64url omits padding (RFC 7515 §2), so strict verifiers reject the token.",
      },
    ]);
  });

  it('rejects padding that does not fit the length', () => {
    const result = decodeBase64Url('Zm9v==', 'signature');
    assert.deepEqual(
      result.problems.map((problem) => problem.rule),
      ['non-canonical-base64url', 'invalid-base64url'],
    );
    assert.equal(result.problems[1]?.message, "Signature has 2 '=' characters, which does not match its length of 4 characters.");
  });

  it('flags the standard alphabet and decodes it', () => {
    const result = decodeBase64Url('fj8+MTAwP34/', 'payload');
    assert.deepEqual(result.bytes, bytesOf('~?>100?~?'));
    assert.deepEqual(result.problems, [
      {
        rule: 'invalid-base64url',
        message: "Payload uses the standard base64 alphabet ('+'), not base64url ('-' and '_' replace '+' and '/' per RFC 7515 §2); most verifiers reject it.",
      },
    ]);
  });

  it('warns about set unused trailing bits', () => {
    const canonical = decodeBase64Url('Zm9vYg');
    const bumped = decodeBase64Url('Zm9vYh', 'signature');
    assert.deepEqual(bumped.bytes, canonical.bytes);
    assert.deepEqual(bumped.problems, [
      {
        rule: 'non-canonical-base64url',
        severity: 'warning',
        message: 'Signature ends in a character with its 4 unused low bits set; it decodes to the same bytes as the canonical spelling, so lenient verifiers accept a second spelling of the token.',
      },
    ]);
  });

  it('checks the 2 unused bits of a 3-character tail', () => {
    assert.deepEqual(decodeBase64Url('Zm9vYmE').problems, []);
    assert.equal(decodeBase64Url('Zm9vYmF').problems[0]?.message.includes('its 2 unused low bits'), true);
  });

  it('rejects a length of 1 mod 4', () => {
    const result = decodeBase64Url('Zm9vY', 'header');
    assert.deepEqual(result.bytes, bytesOf('foo'));
    assert.deepEqual(result.problems, [
      {
        rule: 'invalid-base64url',
        message: 'Header has 5 base64url characters; a length of 1 more than a multiple of 4 cannot encode whole bytes, so its last character is ignored.',
      },
    ]);
  });

  it('rejects illegal characters', () => {
    const result = decodeBase64Url('Zm9v YmE!', 'payload');
    assert.deepEqual(result.bytes, bytesOf('fooba'));
    assert.equal(result.problems[0]?.rule, 'invalid-base64url');
    assert.equal(
      result.problems[0]?.message,
      "Payload contains 2 characters that are not base64url, the first being U+0020; only A-Z, a-z, 0-9, '-' and '_' are allowed.",
    );
  });

  it('names non-ASCII characters by code point', () => {
    const result = decodeBase64Url('Zm9v🎉');
    assert.match(result.problems[0]?.message ?? '', /^Segment contains U\+1F389, which is not a base64url character;/);
  });

  it('rejects padding inside the segment', () => {
    const result = decodeBase64Url('Zm=9v');
    assert.equal(result.problems[0]?.rule, 'invalid-base64url');
    assert.match(result.problems[0]?.message ?? '', /contains '='/);
  });
});
