/**
 * Pretty-prints a JSON value for a hover with explicit folding: long arrays, objects and strings and
 * deep nesting are shortened with a visible "… N more" note, never cut silently.
 */

export interface FoldLimits {
  /** Array items shown before "… N more items". */
  maxItems: number;
  /** Object members shown before "… N more members". */
  maxMembers: number;
  /** String characters shown before "… (N more characters)". */
  maxStringLength: number;
  /** Nesting depth shown before "{… N members}" or "[… N items]". */
  maxDepth: number;
  /** Lines of output shown before "… N more lines". */
  maxLines: number;
}

export const HOVER_FOLD_LIMITS: FoldLimits = {
  maxItems: 20,
  maxMembers: 40,
  maxStringLength: 200,
  maxDepth: 6,
  maxLines: 80,
};

function plural(count: number, singular: string): string {
  return `${count} ${singular}${count === 1 ? '' : 's'}`;
}

function foldString(value: string, limits: FoldLimits): string {
  if (value.length <= limits.maxStringLength) return JSON.stringify(value);
  const shown = JSON.stringify(value.slice(0, limits.maxStringLength));
  return `${shown.slice(0, -1)}…" (${plural(value.length - limits.maxStringLength, 'more character')})`;
}

function foldValue(value: unknown, limits: FoldLimits, indent: string, depth: number): string {
  if (typeof value === 'string') return foldString(value, limits);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value);

  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (depth >= limits.maxDepth) return `[… ${plural(value.length, 'item')}]`;
    const lines = value.slice(0, limits.maxItems).map((item) => `${inner}${foldValue(item, limits, inner, depth + 1)}`);
    if (value.length > limits.maxItems) lines.push(`${inner}… ${plural(value.length - limits.maxItems, 'more item')}`);
    return `[\n${lines.join(',\n')}\n${indent}]`;
  }

  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  if (depth >= limits.maxDepth) return `{… ${plural(entries.length, 'member')}}`;
  const lines = entries
    .slice(0, limits.maxMembers)
    .map(([key, member]) => `${inner}${foldString(key, limits)}: ${foldValue(member, limits, inner, depth + 1)}`);
  if (entries.length > limits.maxMembers) lines.push(`${inner}… ${plural(entries.length - limits.maxMembers, 'more member')}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** Formats a JSON value with two-space indentation, folding whatever exceeds `limits`. */
export function foldJson(value: unknown, limits: FoldLimits = HOVER_FOLD_LIMITS): string {
  const lines = foldValue(value, limits, '', 0).split('\n');
  if (lines.length <= limits.maxLines) return lines.join('\n');
  return [...lines.slice(0, limits.maxLines), `… ${plural(lines.length - limits.maxLines, 'more line')}`].join('\n');
}

/** Shortens plain text to `max` characters with a visible note of what was left out. */
export function foldText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${plural(text.length - max, 'more character')})`;
}
