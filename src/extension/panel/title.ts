/** The panel's tab title, which distinguishes tokens by their `alg` and `sub`. */

import { decodeToken } from '../../core/decode/decodeToken';

const BASE_TITLE = 'JWT Lens';
/** Maximum characters after "JWT Lens: ", so a tab stays about as wide as an editor tab. */
const MAX_DETAIL_LENGTH = 40;
/** Control, format (bidi overrides, zero-width) and line-separator characters, which a tab label must not carry. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;

/**
 * Returns "JWT Lens: ALG SUB" for a token, as plain text with unprintable characters replaced and
 * the detail cut to 40 characters, or "JWT Lens" when the token has neither an `alg` nor a `sub`.
 */
export function panelTitle(token: string): string {
  const decoded = decodeToken(token.trim());
  const alg = decoded.header?.alg;
  const payload = decoded.payload;
  const sub = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>).sub : undefined;

  const words = [alg, sub].filter((value) => typeof value === 'string' || typeof value === 'number').map(String);
  const detail = words.join(' ').replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  if (detail === '') return BASE_TITLE;

  const characters = [...detail];
  const shown = characters.length > MAX_DETAIL_LENGTH ? `${characters.slice(0, MAX_DETAIL_LENGTH - 1).join('')}…` : detail;
  return `${BASE_TITLE}: ${shown}`;
}
