/**
 * What every part of the extension shares: the log, settings, secrets, session keys, the policy of a
 * document, a diagnostics refresh and the clock. Command modules receive it in `register`.
 */
import * as vscode from 'vscode';
import type { KeyMaterial, KeyScope, Policy } from '../core/model';
import { defaultPolicy, mergePolicy, type PolicyFile } from '../core/policy';
import { describeError } from './log';
import type { PolicyFiles } from './policyFiles';
import { SettingsReader } from './settings';
import { UserWordlistCheck, type WordlistOptions } from './weakSecrets';

/**
 * Keys the user handed to the extension during this session (never persisted, never logged). Each
 * key the extension adds carries an `appliesTo` scope from the token it was entered for, so it
 * verifies that token and its issuer's tokens, and leaves every other token unverified.
 */
export class SessionKeyStore implements vscode.Disposable {
  private keys: KeyMaterial[] = [];
  private readonly changed = new vscode.EventEmitter<void>();

  /** Fires when a key is added or removed. */
  readonly onDidChange = this.changed.event;

  /** Adds a key, replacing one with the same label and scope. */
  add(key: KeyMaterial): void {
    const replaced = (existing: KeyMaterial) => existing.label === key.label && sameScope(existing.appliesTo, key.appliesTo);
    this.keys = [...this.keys.filter((existing) => !replaced(existing)), key];
    this.changed.fire();
  }

  /** Removes every key with this label; returns whether one was removed. */
  remove(label: string): boolean {
    const before = this.keys.length;
    this.keys = this.keys.filter((key) => key.label !== label);
    if (this.keys.length === before) return false;
    this.changed.fire();
    return true;
  }

  clear(): void {
    this.keys = [];
    this.changed.fire();
  }

  /** The keys in the order they were added. */
  list(): readonly KeyMaterial[] {
    return this.keys;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function sameScope(a: KeyScope | undefined, b: KeyScope | undefined): boolean {
  return a?.iss === b?.iss && a?.kid === b?.kid && a?.token === b?.token;
}

/** The services handed to every part of the extension and to the command modules of other owners. */
export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  /** The "JWT Lens" log channel. Log tokens only through `redactToken`. */
  readonly log: vscode.LogOutputChannel;
  readonly settings: SettingsReader;
  /** VS Code's SecretStorage, the only place a secret may be persisted. */
  readonly secrets: vscode.SecretStorage;
  /** Keys added in this session; diagnostics and hovers verify with them. */
  readonly keys: SessionKeyStore;
  /** The policy for a document: `package.json` defaults, then settings, then `.jwtlens.json`. */
  policyFor(uri?: vscode.Uri): Policy;
  /** The `.jwtlens.json` of the folder holding `uri`, if there is one. */
  policyFileFor(uri?: vscode.Uri): vscode.Uri | undefined;
  /** Analysis options with the secrets found so far in the `jwtLens.weakSecrets.wordlist` of `uri`. */
  weakSecretOptions(uri?: vscode.Uri): WordlistOptions;
  /** Scans every open document again, for example after a key was added. */
  refreshDiagnostics(): void;
  /** The current time in seconds since the epoch. */
  now(): number;
  /**
   * Reports a failure of a command the user ran: the detail goes to the log, the user gets one short
   * message with a "Show Log" action.
   */
  reportError(summary: string, error: unknown): void;
}

export class JwtLensServices implements ExtensionServices, vscode.Disposable {
  readonly settings = new SettingsReader();
  readonly keys = new SessionKeyStore();
  readonly secrets: vscode.SecretStorage;
  /** The background check of HS* tokens against the user's wordlist. */
  readonly weakSecrets: UserWordlistCheck;
  private clock: () => number = () => Date.now() / 1000;
  private refresh: () => void = () => {};

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    private readonly policyFiles: PolicyFiles,
  ) {
    this.secrets = context.secrets;
    this.weakSecrets = new UserWordlistCheck(this);
  }

  policyFor(uri?: vscode.Uri): Policy {
    // `get` returns the package.json default for a setting the user did not set, so this is the settings layer.
    const fromSettings: PolicyFile = {
      allowedAlgorithms: this.settings.get('policy.allowedAlgorithms', uri),
      requiredClaims: this.settings.get('policy.requiredClaims', uri),
      issuer: this.settings.get('policy.issuer', uri),
      audience: this.settings.get('policy.audience', uri),
      typ: this.settings.get('policy.typ', uri),
      maxLifetime: this.settings.get('policy.maxLifetime', uri),
      clockTolerance: this.settings.get('policy.clockTolerance', uri),
      rules: this.settings.get('rules', uri),
    };
    const policy = mergePolicy(defaultPolicy(), fromSettings);
    const file = this.policyFiles.policyFor(uri);
    return file ? mergePolicy(policy, file) : policy;
  }

  policyFileFor(uri?: vscode.Uri): vscode.Uri | undefined {
    return this.policyFiles.fileFor(uri);
  }

  weakSecretOptions(uri?: vscode.Uri): WordlistOptions {
    return this.weakSecrets.optionsFor(uri);
  }

  refreshDiagnostics(): void {
    this.refresh();
  }

  /** Connects `refreshDiagnostics` to the diagnostics controller once it exists. */
  setRefreshHandler(refresh: () => void): void {
    this.refresh = refresh;
  }

  now(): number {
    return this.clock();
  }

  /** Replaces the clock (seconds since the epoch); integration tests freeze it. */
  setClock(clock: () => number): void {
    this.clock = clock;
  }

  reportError(summary: string, error: unknown): void {
    this.log.error(`${summary}: ${describeError(error)}`);
    const detail = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`JWT Lens: ${summary}: ${detail}`, 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.log.show(true);
    });
  }

  dispose(): void {
    this.weakSecrets.dispose();
    this.keys.dispose();
  }
}
