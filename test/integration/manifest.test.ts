// The contributed settings and commands as VS Code loaded them.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SETTING_KEYS } from '../../src/extension/settings';
import { activateExtension } from './helpers';

interface SettingSchema {
  scope?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: unknown[];
}

describe('manifest', () => {
  const extension = vscode.extensions.getExtension('jwt-lens.jwt-lens');
  const packageJson = extension?.packageJSON as {
    contributes: { configuration: { properties: Record<string, SettingSchema> }; commands: Array<{ command: string; category?: string }> };
  };

  it('declares every setting the code reads', () => {
    for (const key of SETTING_KEYS) {
      assert.ok(packageJson.contributes.configuration.properties[`jwtLens.${key}`], `jwtLens.${key} is not in package.json`);
    }
  });

  it('documents every setting', () => {
    for (const [key, schema] of Object.entries(packageJson.contributes.configuration.properties)) {
      assert.ok(schema.scope, `${key} has no scope`);
      assert.ok(schema.markdownDescription, `${key} has no markdownDescription`);
      if (schema.enum) assert.equal(schema.enumDescriptions?.length, schema.enum.length, `${key} lacks enumDescriptions`);
    }
  });

  it('registers every contributed command', async () => {
    await activateExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command, category } of packageJson.contributes.commands) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
      assert.equal(category, 'JWT Lens', command);
    }
  });
});
