/** Literal and comment helpers shared by the snippet renderers. */

/** Quotes text as a string literal that TypeScript and Python both read the same way. */
export function quoteString(text: string): string {
  return JSON.stringify(text);
}

/** Quotes one value as a string, several as a list (a TypeScript array or a Python list). */
export function quoteStringOrList(items: readonly string[]): string {
  return items.length === 1 ? quoteString(items[0]) : `[${items.map(quoteString).join(', ')}]`;
}

/** Returns a comment line marking a placeholder value, or null when the value came from the policy. */
export function placeholderNote(isPlaceholder: boolean, claim: 'issuer' | 'audience', marker: string): string | null {
  if (!isPlaceholder) return null;
  return `${marker} TODO: placeholder ${claim}; replace it with your API's ${claim} before use.`;
}
