/**
 * Ready-to-paste verifier code for a generated key: TypeScript with `jose`, Python with PyJWT and
 * Rust with `jsonwebtoken`. Each pins the algorithm, checks issuer and audience, and loads the key
 * from the path it was written to.
 */

import { renderPythonSnippet } from './python';
import { renderRustSnippet } from './rust';
import { renderTypeScriptSnippet } from './typescript';

export type SnippetLanguage = 'ts' | 'python' | 'rust';

export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = ['ts', 'python', 'rust'];

export interface VerifierSnippetOptions {
  /** The JWS algorithm to pin: HS*, RS*, PS*, ES* or EdDSA. */
  algorithm: string;
  /** Path of the key file: the SPKI PEM for asymmetric algorithms, the base64url secret text for HS*. */
  keyPath: string;
  /** Accepted issuers. When empty, the snippet contains a marked placeholder to replace. */
  issuer?: readonly string[];
  /** Accepted audiences. When empty, the snippet contains a marked placeholder to replace. */
  audience?: readonly string[];
  /** Clock skew to tolerate, in seconds; 0 when not given. */
  clockToleranceSeconds?: number;
}

/** The values a snippet renders, with placeholders filled in where the caller gave none. */
export interface SnippetValues {
  algorithm: string;
  keyPath: string;
  issuers: string[];
  issuerIsPlaceholder: boolean;
  audiences: string[];
  audienceIsPlaceholder: boolean;
  leeway: number;
  /** True for HS* algorithms, whose key file contains base64url text to decode. */
  isHmac: boolean;
}

export const PLACEHOLDER_ISSUER = 'https://issuer.example.invalid/';
export const PLACEHOLDER_AUDIENCE = 'https://api.example.invalid/';

const SUPPORTED = /^(HS|RS|PS|ES)(256|384|512)$|^EdDSA$/;

/** Renders the verifier snippet for `language`; throws a RangeError for an algorithm it cannot pin. */
export function renderVerifierSnippet(language: SnippetLanguage, options: VerifierSnippetOptions): string {
  if (!SUPPORTED.test(options.algorithm)) {
    throw new RangeError(`No verifier snippet for algorithm ${options.algorithm}; use HS*, RS*, PS*, ES* or EdDSA.`);
  }
  const values = snippetValues(options);

  switch (language) {
    case 'ts':
      return renderTypeScriptSnippet(values);
    case 'python':
      return renderPythonSnippet(values);
    case 'rust':
      return renderRustSnippet(values);
    default:
      throw new RangeError(`Unknown snippet language ${String(language)}; use ts, python or rust.`);
  }
}

/** The file name extension and VS Code language id of each snippet language. */
export const SNIPPET_FILE: Readonly<Record<SnippetLanguage, { extension: string; languageId: string }>> = {
  ts: { extension: 'ts', languageId: 'typescript' },
  python: { extension: 'py', languageId: 'python' },
  rust: { extension: 'rs', languageId: 'rust' },
};

function snippetValues(options: VerifierSnippetOptions): SnippetValues {
  const issuers = [...(options.issuer ?? [])];
  const audiences = [...(options.audience ?? [])];
  return {
    algorithm: options.algorithm,
    keyPath: options.keyPath,
    issuers: issuers.length > 0 ? issuers : [PLACEHOLDER_ISSUER],
    issuerIsPlaceholder: issuers.length === 0,
    audiences: audiences.length > 0 ? audiences : [PLACEHOLDER_AUDIENCE],
    audienceIsPlaceholder: audiences.length === 0,
    leeway: options.clockToleranceSeconds ?? 0,
    isHmac: options.algorithm.startsWith('HS'),
  };
}
