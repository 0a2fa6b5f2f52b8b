import { defineRule } from '../types';

/** Characters that end a URL in text: whitespace, quotes and angle brackets. */
const URL_DELIMITERS = /[\s"'`<>()[\]{}]/;

/** Returns the URL-like word that runs up to the token, or an empty string. */
function wordBefore(prefix: string): string {
  let start = prefix.length;
  while (start > 0 && !URL_DELIMITERS.test(prefix[start - 1])) start--;
  return prefix.slice(start);
}

export const tokenInUrl = defineRule({
  id: 'token-in-url',
  defaultSeverity: 'info',
  title: 'Token in a URL',
  check(ctx) {
    if (ctx.linePrefix === undefined) return [];

    const word = wordBefore(ctx.linePrefix);
    const parameterStart = Math.max(word.lastIndexOf('?'), word.lastIndexOf('&'), word.lastIndexOf('#'));
    // RFC 6750 5.3: URLs end up in server logs, browser history and Referer headers.
    const advice = 'where logs, browser history and Referer headers keep it (RFC 6750 5.3); send it in the Authorization header';
    if (word.endsWith('=') && parameterStart >= 0 && /[?#]/.test(word)) {
      const parameter = word.slice(parameterStart + 1, -1);
      const hash = word.indexOf('#');
      const part = hash >= 0 && hash <= parameterStart ? 'fragment' : 'query';
      return [{ message: `Token is passed in the URL ${part} parameter ${parameter || '(unnamed)'}, ${advice}` }];
    }
    if (word.includes('://') && word.endsWith('/')) {
      return [{ message: `Token is part of a URL path, ${advice}` }];
    }
    return [];
  },
});
