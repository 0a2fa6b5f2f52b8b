/**
 * Fetching a JWK Set from a URL the user typed or configured. Never call this with a URL taken from a
 * token (`jku`, `x5u`, `iss`): a key the token points to proves nothing.
 */

import type { KeyMaterial } from '../model';

export interface FetchJwksOptions {
  /** Time allowed for the whole request, body included, in milliseconds. */
  timeoutMs?: number;
  /** Largest response body accepted, in bytes. */
  maxBytes?: number;
  /** Redirects followed, each only to the same origin. */
  maxRedirects?: number;
}

/** Raised when a JWK Set cannot be fetched or is not a JWK Set; the message names the URL. */
export class FetchJwksError extends Error {
  override readonly name = 'FetchJwksError';
}

export const FETCH_JWKS_DEFAULTS = { timeoutMs: 5000, maxBytes: 512 * 1024, maxRedirects: 3 } as const;

/**
 * Fetches a JWK Set over https (or http to a loopback address), following redirects only within the
 * same origin, and returns it as key material labelled with the URL.
 */
export async function fetchJwks(url: string, options: FetchJwksOptions = {}): Promise<KeyMaterial> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...FETCH_JWKS_DEFAULTS, ...options };
  const origin = checkedUrl(url, url);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const text = await fetchText(origin, url, { maxBytes, maxRedirects, signal: controller.signal });
    return { label: url, kind: 'jwks', data: checkedJwkSet(url, text) };
  } catch (error) {
    if (controller.signal.aborted) throw new FetchJwksError(`Fetching the JWK Set from ${url} timed out after ${timeoutMs} ms`);
    if (error instanceof FetchJwksError) throw error;
    throw new FetchJwksError(`Fetching the JWK Set from ${url} failed: ${describeFetchError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function fetchText(origin: URL, url: string, limits: { maxBytes: number; maxRedirects: number; signal: AbortSignal }): Promise<string> {
  let current = origin;
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(current, {
      redirect: 'manual',
      signal: limits.signal,
      headers: { accept: 'application/jwk-set+json, application/json' },
      credentials: 'omit',
    });

    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new FetchJwksError(`${url} responded with redirect ${response.status} but no Location header`);
      const next = checkedUrl(new URL(location, current).href, url);
      if (next.origin !== origin.origin) throw new FetchJwksError(`${url} redirects to another origin (${next.origin}); configure that URL directly if you trust it`);
      if (redirects >= limits.maxRedirects) throw new FetchJwksError(`${url} redirected more than ${limits.maxRedirects} times`);
      current = next;
      continue;
    }
    if (response.type === 'opaqueredirect') throw new FetchJwksError(`${url} redirects, and this runtime hides where to`);
    if (!response.ok) {
      await response.body?.cancel();
      throw new FetchJwksError(`${url} responded with HTTP ${response.status}`);
    }
    return readLimited(response, url, limits.maxBytes);
  }
}

async function readLimited(response: Response, url: string, maxBytes: number): Promise<string> {
  const tooLarge = (): FetchJwksError => new FetchJwksError(`The JWK Set at ${url} is larger than the ${maxBytes} bytes allowed`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FetchJwksError(`The response from ${url} is not UTF-8 text`);
  }
}

/** Returns why `url` may not be fetched as a JWK Set, or undefined when it may; for input validation. */
export function jwksUrlProblem(url: string): string | undefined {
  try {
    checkedUrl(url, url);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Accepts https, and http only to loopback, so no key is fetched in clear text over a network. */
function checkedUrl(candidate: string, original: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    throw new FetchJwksError(`${original} is not a valid URL`);
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopback(parsed.hostname)) return parsed;
  if (parsed.protocol === 'http:') throw new FetchJwksError(`${candidate} uses http; JWK Sets are fetched only over https, or http to 127.0.0.1, ::1 or localhost`);
  throw new FetchJwksError(`${candidate} is not an https URL`);
}

function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

function checkedJwkSet(url: string, text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FetchJwksError(`The response from ${url} is not JSON, so it is not a JWK Set`);
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { keys?: unknown }).keys)) {
    throw new FetchJwksError(`The response from ${url} is JSON but not a JWK Set (no "keys" array)`);
  }
  return text;
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
