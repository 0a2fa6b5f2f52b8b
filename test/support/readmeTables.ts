// Builds the README's commands and settings tables from package.json, the single source of titles and
// defaults. `npx tsx test/support/readmeTables.ts` prints them for pasting; the README test compares.
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties?: Record<string, { default?: unknown; markdownDescription?: string; description?: string }> };
  };
}

/** Returns the first sentence of a Markdown description, on one line, with table pipes escaped. */
function firstSentence(markdown: string): string {
  const text = markdown.replace(/\s+/g, ' ').trim();
  const end = text.search(/\.(\s|$)/);
  return (end === -1 ? text : text.slice(0, end + 1)).replace(/\|/g, '\\|');
}

export function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
}

export function readmeTables(manifest: Manifest = readManifest()): { commands: string; settings: string } {
  const commandRows = manifest.contributes.commands.map(
    (command) => `| ${command.category ?? 'JWT Lens'}: ${command.title} | \`${command.command}\` |`,
  );
  const properties = manifest.contributes.configuration.properties ?? {};
  const settingRows = Object.entries(properties).map(([key, setting]) => {
    const description = firstSentence(setting.markdownDescription ?? setting.description ?? '');
    return `| \`${key}\` | \`${JSON.stringify(setting.default)}\` | ${description} |`;
  });
  return {
    commands: ['| Command | Id |', '|---|---|', ...commandRows].join('\n'),
    settings: ['| Setting | Default | Description |', '|---|---|---|', ...settingRows].join('\n'),
  };
}

if (require.main === module) {
  const tables = readmeTables();
  console.log(`${tables.commands}\n\n${tables.settings}`);
}
