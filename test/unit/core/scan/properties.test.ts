import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeToken } from '../../../../src/core/decode/decodeToken';
import { findTokens } from '../../../../src/core/scan/findTokens';
import { LineIndex, rangeOf } from '../../../../src/core/text/lineIndex';
import { jwe, jws, unsecuredJws } from './tokenBuilders';

const SAMPLE_TOKENS = [jws(), jws({ sub: 'ü', roles: ['a', 'b'] }), unsecuredJws(), jwe()];

/** Characters that matter to the scanner, so random text often forms near-tokens. */
const scannerAlphabet = fc.constantFrom(...'eyJhbGciOiwo0ICB7.=+/-_ \n\r"\'`;&?#%\\{}aZ9'.split(''));

const scannerText = fc.array(scannerAlphabet, { maxLength: 300 }).map((chars) => chars.join(''));

/** A real token changed by one insertion, deletion or replacement, joined with junk. */
const mutatedToken = fc
  .tuple(
    fc.constantFrom(...SAMPLE_TOKENS),
    fc.nat(),
    fc.constantFrom('insert', 'delete', 'replace'),
    fc.oneof(scannerAlphabet, fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })),
    scannerText,
    scannerText,
  )
  .map(([token, position, operation, char, before, after]) => {
    const at = position % (token.length + 1);
    let changed: string;
    if (operation === 'insert') {
      changed = token.slice(0, at) + char + token.slice(at);
    } else if (operation === 'delete') {
      changed = token.slice(0, at) + token.slice(at + 1);
    } else {
      changed = token.slice(0, at) + char + token.slice(at + 1);
    }
    return before + changed + after;
  });

function checkMatches(text: string): void {
  const matches = findTokens(text);
  const index = new LineIndex(text);
  let previousEnd = 0;

  for (const match of matches) {
    assert.ok(match.start >= previousEnd, 'matches are ordered and disjoint');
    assert.ok(match.end <= text.length);
    assert.ok(match.start < match.end);
    assert.equal(text.slice(match.start, match.end), match.text);
    assert.equal(match.text.split('.').length, match.segments);
    assert.equal(match.kind, match.segments === 5 ? 'jwe' : 'jws');

    const range = rangeOf(index, match.start, match.end);
    assert.equal(index.offsetAt(range.start), match.start);
    assert.equal(index.offsetAt(range.end), match.end);

    const decoded = decodeToken(match.text);
    assert.equal(decoded.raw, match.text);
    previousEnd = match.end;
  }
}

describe('scanner and decoder properties', () => {
  it('hold on random scanner-alphabet text', () => {
    fc.assert(fc.property(scannerText, checkMatches), { numRuns: 500 });
  });

  it('hold on random Unicode text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), checkMatches), { numRuns: 300 });
  });

  it('hold on mutated real tokens', () => {
    fc.assert(fc.property(mutatedToken, checkMatches), { numRuns: 1000 });
  });

  it('decoding never throws on any string', () => {
    fc.assert(
      fc.property(fc.oneof(scannerText, mutatedToken, fc.string({ unit: 'binary' })), (raw) => {
        const decoded = decodeToken(raw);
        assert.ok(Array.isArray(decoded.problems));
        assert.ok(!JSON.stringify(decoded.problems).includes('\uFFFD'));
      }),
      { numRuns: 1000 },
    );
  });

  it('re-scanning a lone token finds exactly it', () => {
    fc.assert(
      fc.property(mutatedToken, (text) => {
        for (const match of findTokens(text)) {
          const again = findTokens(match.text);
          assert.equal(again.length, 1);
          assert.equal(again[0]?.start, 0);
          assert.equal(again[0]?.end, match.text.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds a token between separators', () => {
    // A `=` after a token would be read as padding and a `.` before it as a fourth part.
    const common = [' ', '\n', '\r\n', '"', "'", '`', ',', ';', '&', '(', ')', '<', '>', '\t'];
    const left = fc.constantFrom(...common, '=', '/', '+');
    const right = fc.constantFrom(...common, '.', '. ');
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLE_TOKENS), left, right, fc.constantFrom('', 'key', 'a b'), (token, left, right, prefix) => {
        const text = `${prefix}${left}${token}${right}`;
        const matches = findTokens(text);
        assert.equal(matches.length, 1);
        assert.equal(matches[0]?.text, token);
      }),
      { numRuns: 300 },
    );
  });
});
