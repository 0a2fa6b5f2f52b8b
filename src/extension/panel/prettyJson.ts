/**
 * Re-indents JSON text without parsing it into values, so what the panel shows is what the token
 * holds: `1e400` stays `1e400` (not `null`), duplicate members stay visible, and number spellings
 * are kept. One pass over the text, no regular expressions.
 */

const INDENT = '  ';
/** Deeper levels keep this indentation, so a deeply nested hostile payload cannot grow quadratically. */
const MAX_INDENT_DEPTH = 16;

/**
 * Re-indents valid JSON text with two spaces per level. The input must already be known to parse
 * (the decoder checked it); on text that is not JSON the output is still a lossless re-spacing.
 */
export function reindentJson(text: string): string {
  const out: string[] = [];
  let depth = 0;
  let i = 0;

  while (i < text.length) {
    const char = text[i];

    if (char === '"') {
      const end = stringEnd(text, i);
      out.push(text.slice(i, end));
      i = end;
      continue;
    }

    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      i++;
      continue;
    }

    if (char === '{' || char === '[') {
      const next = nextSignificant(text, i + 1);
      const close = char === '{' ? '}' : ']';
      if (text[next] === close) {
        out.push(char, close);
        i = next + 1;
        continue;
      }
      depth++;
      out.push(char, '\n', indent(depth));
    } else if (char === '}' || char === ']') {
      depth = Math.max(0, depth - 1);
      out.push('\n', indent(depth), char);
    } else if (char === ',') {
      out.push(',\n', indent(depth));
    } else if (char === ':') {
      out.push(': ');
    } else {
      out.push(char);
    }
    i++;
  }
  return out.join('');
}

function indent(depth: number): string {
  return INDENT.repeat(Math.min(depth, MAX_INDENT_DEPTH));
}

/** Index one past the closing quote of the string starting at `start`, or the text's end. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\') {
      i += 2;
    } else if (char === '"') {
      return i + 1;
    } else {
      i++;
    }
  }
  return text.length;
}

function nextSignificant(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}
