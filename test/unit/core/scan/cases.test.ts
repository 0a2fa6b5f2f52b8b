import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeToken } from '../../../../src/core/decode/decodeToken';
import { findTokens } from '../../../../src/core/scan/findTokens';
import { LineIndex, rangeOf } from '../../../../src/core/text/lineIndex';

const casesDir = join(__dirname, '../../../fixtures/cases');

interface ExpectedToken {
  label: string;
  offset: [number, number];
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  length: number;
  segments: number;
  headerText: string;
  payloadText: string;
}

interface ExpectedCase {
  id: string;
  file: string;
  tokens: ExpectedToken[];
}

const expected = JSON.parse(readFileSync(join(casesDir, 'expected.json'), 'utf8')) as { cases: ExpectedCase[] };

/** Tokens whose payload is deliberately not UTF-8: expected.json holds the lossy U+FFFD text. */
const NOT_UTF8 = new Set(['C03 B']);

describe('edge cases: scanning and decoding', () => {
  it('covers all 15 cases', () => {
    assert.equal(expected.cases.length, 15);
  });

  for (const testCase of expected.cases) {
    describe(`${testCase.id} (${testCase.file})`, () => {
      const text = readFileSync(join(casesDir, testCase.file), 'utf8');
      const matches = findTokens(text);
      const index = new LineIndex(text);

      it('finds exactly the listed tokens', () => {
        assert.deepEqual(
          matches.map((match) => [match.start, match.end]),
          testCase.tokens.map((token) => token.offset),
        );
      });

      testCase.tokens.forEach((token, position) => {
        it(`token ${token.label}: offsets, range and segments`, () => {
          const match = matches[position];
          assert.ok(match, `token ${token.label} not found`);
          assert.equal(match.start, token.offset[0]);
          assert.equal(match.end, token.offset[1]);
          assert.equal(match.end - match.start, token.length);
          assert.equal(match.text, text.slice(token.offset[0], token.offset[1]));
          assert.equal(match.segments, token.segments);
          assert.equal(match.kind, 'jws');
          assert.deepEqual(rangeOf(index, match.start, match.end), token.range);
          assert.equal(index.offsetAt(token.range.start), token.offset[0]);
          assert.equal(index.offsetAt(token.range.end), token.offset[1]);
        });

        it(`token ${token.label}: header and payload text`, () => {
          const decoded = decodeToken(text.slice(token.offset[0], token.offset[1]));
          assert.equal(decoded.headerText, token.headerText);
          if (NOT_UTF8.has(`${testCase.id} ${token.label}`)) {
            assert.equal(decoded.payloadText, null);
            assert.equal(decoded.payloadDisplayText, token.payloadText.replace('\uFFFD', '\\xE9'));
          } else {
            assert.equal(decoded.payloadText, token.payloadText);
          }
        });
      });
    });
  }
});
