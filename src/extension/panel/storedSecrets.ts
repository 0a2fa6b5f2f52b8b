/**
 * HMAC secrets the user asked the panel to remember, kept only in VS Code's SecretStorage (the
 * operating system's keychain where there is one), one per token issuer.
 */

import { createHash } from 'node:crypto';

import type * as vscode from 'vscode';

import type { KeyMaterial } from '../../core/model';
import { describeJson } from '../../core/time';

const KEY_PREFIX = 'jwtLens.hmacSecret:';

/** The SecretStorage entries for HMAC secrets, keyed by the `iss` of the tokens they verify. */
export class StoredSecrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  async has(issuer: string | null): Promise<boolean> {
    return (await this.storage.get(storageKey(issuer))) !== undefined;
  }

  /** Returns the stored secret as key material, or undefined when none is stored for `issuer`. */
  async get(issuer: string | null): Promise<KeyMaterial | undefined> {
    const secret = await this.storage.get(storageKey(issuer));
    if (secret === undefined) return undefined;
    return { label: storedSecretLabel(issuer), kind: 'secret', data: new TextEncoder().encode(secret) };
  }

  async store(issuer: string | null, secret: string): Promise<void> {
    await this.storage.store(storageKey(issuer), secret);
  }

  async delete(issuer: string | null): Promise<void> {
    await this.storage.delete(storageKey(issuer));
  }
}

/** Returns the label a stored secret is shown and reported under; it names the issuer, never the secret. */
export function storedSecretLabel(issuer: string | null): string {
  return issuer === null ? 'stored HMAC secret' : `stored HMAC secret for issuer ${describeJson(issuer, 80)}`;
}

function storageKey(issuer: string | null): string {
  // JSON keeps "no issuer" (null) apart from an issuer spelt "null"; the hash bounds the key's length.
  const digest = createHash('sha256').update(JSON.stringify(issuer)).digest('base64url');
  return `${KEY_PREFIX}${digest}`;
}
