/**
 * Typed access to the `jwtLens.*` settings. Every key and its value type is listed once here, so a
 * misspelt key fails to compile; the defaults live only in `package.json` (`contributes.configuration`).
 */
import * as vscode from 'vscode';
import type { RuleId, RuleLevel } from '../core/model';

/** Each setting under `jwtLens.` and the type of its value. */
export interface SettingTypes {
  'diagnostics.enabled': boolean;
  /** Milliseconds to wait after the last edit before a document is scanned again. */
  'diagnostics.debounce': number;
  /** Largest document, in characters, that diagnostics, hovers and the status bar look at. */
  maxFileSize: number;
  'hover.enabled': boolean;
  'statusBar.enabled': boolean;
  rules: Partial<Record<RuleId, RuleLevel>>;
  'policy.allowedAlgorithms': string[];
  'policy.requiredClaims': string[];
  'policy.issuer': string[];
  'policy.audience': string[];
  'policy.typ': string | null;
  'policy.maxLifetime': number | null;
  'policy.clockTolerance': number;
  /** Seconds from `iat` to `exp` of a test token signed by Sign Test Token. */
  'sign.defaultLifetime': number;
  /** A user wordlist file (absolute, or relative to the workspace folder) checked in the background; "" for none. */
  'weakSecrets.wordlist': string;
}

export type SettingKey = keyof SettingTypes;

/** Every key of `SettingTypes`, for code that walks them all (a test checks each is in `package.json`). */
export const SETTING_KEYS = Object.keys({
  'diagnostics.enabled': true,
  'diagnostics.debounce': true,
  maxFileSize: true,
  'hover.enabled': true,
  'statusBar.enabled': true,
  rules: true,
  'policy.allowedAlgorithms': true,
  'policy.requiredClaims': true,
  'policy.issuer': true,
  'policy.audience': true,
  'policy.typ': true,
  'policy.maxLifetime': true,
  'policy.clockTolerance': true,
  'sign.defaultLifetime': true,
  'weakSecrets.wordlist': true,
} satisfies Record<SettingKey, true>) as SettingKey[];

export const SETTINGS_SECTION = 'jwtLens';

/** Reads `jwtLens.*` settings for a resource, so folder-level settings apply to their files. */
export class SettingsReader {
  /** Returns the effective value: the most specific one set, else the `package.json` default. */
  get<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingTypes[K] {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get(key) as SettingTypes[K];
  }

  /** Returns the value set in the workspace (or the folder, when `scope` is in one), ignoring defaults. */
  workspaceValue<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingTypes[K] | undefined {
    const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).inspect<SettingTypes[K]>(key);
    return inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  }

  /** Fires when any `jwtLens.*` setting changes. */
  onDidChange(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) listener(event);
    });
  }
}
