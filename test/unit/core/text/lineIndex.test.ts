import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex, rangeOf } from '../../../../src/core/text/lineIndex';

describe('LineIndex', () => {
  it('maps offsets with LF line breaks', () => {
    const index = new LineIndex('ab\ncd\n');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
    assert.equal(index.lineCount, 3);
  });

  it('treats CRLF as one line break', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(6), { line: 1, character: 2 });
    assert.equal(index.lineCount, 2);
  });

  it('treats a lone CR as a line break', () => {
    const index = new LineIndex('ab\rcd\r\rx');
    assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(7), { line: 3, character: 0 });
    assert.equal(index.lineCount, 4);
  });

  it('handles mixed line breaks', () => {
    const text = 'a\nb\r\nc\rd';
    const index = new LineIndex(text);
    assert.deepEqual(
      [...text].map((_, offset) => index.positionAt(offset).line),
      [0, 0, 1, 1, 1, 2, 2, 3],
    );
  });

  it('counts UTF-16 code units', () => {
    const index = new LineIndex('🎉é x\ny');
    assert.deepEqual(index.positionAt(4), { line: 0, character: 4 });
    assert.deepEqual(index.positionAt(6), { line: 1, character: 0 });
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  });

  it('maps NaN to the start', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(Number.NaN), { line: 0, character: 0 });
    assert.equal(index.offsetAt({ line: Number.NaN, character: 1 }), 0);
    assert.equal(index.offsetAt({ line: 1, character: Number.NaN }), 3);
  });

  it('handles empty text', () => {
    const index = new LineIndex('');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.equal(index.offsetAt({ line: 3, character: 1 }), 0);
  });

  it('converts positions back to offsets', () => {
    const text = 'one\r\ntwo\nthree\rfour';
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const position = index.positionAt(offset);
      if (text[offset - 1] === '\r' && text[offset] === '\n') {
        continue;
      }
      assert.equal(index.offsetAt(position), offset, `offset ${offset}`);
    }
  });

  it('clamps characters past the line end', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.equal(index.offsetAt({ line: 0, character: 10 }), 2);
    assert.equal(index.offsetAt({ line: 1, character: 10 }), 6);
    assert.equal(index.offsetAt({ line: 9, character: 0 }), 6);
    assert.equal(index.offsetAt({ line: -1, character: 0 }), 0);
  });

  it('finds lines in a long text', () => {
    const text = 'line\n'.repeat(100_000);
    const index = new LineIndex(text);
    assert.deepEqual(index.positionAt(5 * 54_321 + 3), { line: 54_321, character: 3 });
  });
});

/** Returns the position of `offset` by walking the text one character at a time. */
function positionByWalking(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      if (i + 1 < offset) {
        i++;
        line++;
        lineStart = i + 1;
      }
    } else if (text[i] === '\r' || text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

describe('LineIndex properties', () => {
  it('agrees with a character walk', () => {
    const text = fc.array(fc.constantFrom('a', '\r', '\n', '\r\n', '🎉'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (sample) => {
        const index = new LineIndex(sample);
        for (let offset = 0; offset <= sample.length; offset++) {
          assert.deepEqual(index.positionAt(offset), positionByWalking(sample, offset));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('rangeOf', () => {
  it('returns start and end positions', () => {
    const index = new LineIndex('x\r\nBearer abc.def.ghi\r\n');
    assert.deepEqual(rangeOf(index, 10, 21), { start: { line: 1, character: 7 }, end: { line: 1, character: 18 } });
  });
});
