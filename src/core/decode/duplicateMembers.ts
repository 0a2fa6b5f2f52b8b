/**
 * Finds object member names that occur more than once in a JSON text. RFC 7515 §4 and RFC 7519 §4
 * require unique names and let parsers either reject duplicates or keep the last one. `JSON.parse`
 * silently keeps the last value while other parsers keep the first, so a duplicate can make two
 * systems read different claims from the same token.
 */

/** Upper bound on reported duplicates, so a crafted token cannot flood the problem list. */
export const MAX_REPORTED_DUPLICATES = 20;

interface ObjectFrame {
  kind: 'object';
  path: string;
  names: Set<string>;
  expectingName: boolean;
  /** The member whose value is being read, for building child paths. */
  currentName: string;
}

interface ArrayFrame {
  kind: 'array';
  path: string;
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

/**
 * Returns the paths of duplicated member names (such as `sub` or `address.city`), in order of
 * their second occurrence, each once. `text` must be valid JSON; the scan is linear and keeps its
 * own stack, so deeply nested input cannot overflow the call stack.
 */
export function findDuplicateMembers(text: string): string[] {
  const duplicates: string[] = [];
  const reported = new Set<string>();
  const stack: Frame[] = [];
  let i = 0;

  while (i < text.length && duplicates.length < MAX_REPORTED_DUPLICATES) {
    const code = text.charCodeAt(i);
    const top = stack[stack.length - 1];

    if (code === 0x7b || code === 0x5b) {
      const path = childPath(top);
      stack.push(code === 0x7b ? { kind: 'object', path, names: new Set(), expectingName: true, currentName: '' } : { kind: 'array', path, index: 0 });
      i++;
    } else if (code === 0x7d || code === 0x5d) {
      stack.pop();
      i++;
    } else if (code === 0x2c) {
      if (top?.kind === 'object') {
        top.expectingName = true;
      } else if (top?.kind === 'array') {
        top.index++;
      }
      i++;
    } else if (code === 0x22) {
      const end = stringEnd(text, i);
      if (top?.kind === 'object' && top.expectingName) {
        const name = JSON.parse(text.slice(i, end)) as string;
        const path = joinPath(top.path, name);
        if (top.names.has(name) && !reported.has(path)) {
          reported.add(path);
          duplicates.push(path);
        }
        top.names.add(name);
        top.currentName = name;
        top.expectingName = false;
      }
      i = end;
    } else {
      i++;
    }
  }
  return duplicates;
}

/** Returns the offset just past the closing quote of the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) {
      i += 2;
    } else if (code === 0x22) {
      return i + 1;
    } else {
      i++;
    }
  }
  return text.length;
}

function childPath(parent: Frame | undefined): string {
  if (!parent) {
    return '';
  }
  return parent.kind === 'object' ? joinPath(parent.path, parent.currentName) : `${parent.path}[${parent.index}]`;
}

function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}
