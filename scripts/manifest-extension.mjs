// Writes the editor's part of package.json: activation, capabilities, the icon,
// repository links, the decode commands, menus, the editor settings and the .jwtlens.json schema
// link. Other keys (the policy settings, other owners' commands) are kept as they are.
// Run under the package lock: flock .pkg.lock node scripts/manifest-extension.mjs
import fs from 'node:fs';

const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const repository = 'https://github.com/jwt-lens/jwt-lens';

pkg.icon = 'images/icon.png';
pkg.repository = { type: 'git', url: `${repository}.git` };
pkg.bugs = { url: `${repository}/issues` };
pkg.homepage = `${repository}#readme`;

const activation = new Set(pkg.activationEvents ?? []);
activation.add('onStartupFinished');
pkg.activationEvents = [...activation];

const policySettings = Object.keys(pkg.contributes?.configuration?.properties ?? {}).filter(
  (key) => key.startsWith('jwtLens.policy.') || key === 'jwtLens.rules',
);
pkg.capabilities = {
  untrustedWorkspaces: {
    supported: 'limited',
    description:
      'In an untrusted workspace JWT Lens ignores the workspace `.jwtlens.json` and the workspace values of the policy settings, so a repository cannot switch off the warnings about its own tokens. Decoding, hovers and diagnostics still work with your user settings.',
    restrictedConfigurations: policySettings,
  },
  virtualWorkspaces: {
    supported: 'limited',
    description:
      'Decoding, hovers, diagnostics and `.jwtlens.json` work on any file system. Loading key files for verification needs files on a local disk.',
  },
};

const contributes = (pkg.contributes ??= {});

const ownCommands = [
  { command: 'jwtLens.decodeSelection', title: 'Decode Selected Token', category: 'JWT Lens' },
  { command: 'jwtLens.decodeClipboard', title: 'Decode Token from Clipboard', category: 'JWT Lens' },
  { command: 'jwtLens.copyDecodedHeader', title: 'Copy Decoded Header', category: 'JWT Lens' },
  { command: 'jwtLens.copyDecodedClaims', title: 'Copy Decoded Claims', category: 'JWT Lens' },
  { command: 'jwtLens.showLog', title: 'Show Log', category: 'JWT Lens' },
  { command: 'jwtLens.disableRule', title: 'Turn Off Rule for This Workspace', category: 'JWT Lens' },
];
const ownIds = new Set(ownCommands.map((entry) => entry.command));
/** Replaces entries with the same `command` where they are and appends the new ones, so reruns keep the order. */
function upsertCommands(existing, entries) {
  const byId = new Map(entries.map((entry) => [entry.command, entry]));
  const result = existing.map((entry) => byId.get(entry.command) ?? entry);
  const present = new Set(existing.map((entry) => entry.command));
  return [...result, ...entries.filter((entry) => !present.has(entry.command))];
}
contributes.commands = upsertCommands(contributes.commands ?? [], ownCommands);

const menus = (contributes.menus ??= {});
const palette = (menus.commandPalette ?? []).filter((entry) => !ownIds.has(entry.command));
// The rule id comes from a diagnostic's code action, so the command makes no sense on its own.
palette.push({ command: 'jwtLens.disableRule', when: 'false' });
palette.push({ command: 'jwtLens.decodeSelection', when: 'editorIsOpen' });
menus.commandPalette = palette;
const editorContext = (menus['editor/context'] ?? []).filter((entry) => !ownIds.has(entry.command));
editorContext.push({ command: 'jwtLens.decodeSelection', when: 'editorHasSelection', group: '9_jwtLens@1' });
menus['editor/context'] = editorContext;

const configuration = (contributes.configuration ??= { title: 'JWT Lens', properties: {} });
Object.assign(configuration.properties, {
  'jwtLens.diagnostics.enabled': {
    type: 'boolean',
    scope: 'resource',
    default: true,
    markdownDescription: 'Report token problems as diagnostics in the Problems view while documents are open.',
  },
  'jwtLens.diagnostics.debounce': {
    type: 'integer',
    scope: 'resource',
    minimum: 0,
    maximum: 10000,
    default: 300,
    markdownDescription: 'Milliseconds to wait after the last edit before a document is scanned again.',
  },
  'jwtLens.maxFileSize': {
    type: 'integer',
    scope: 'resource',
    minimum: 0,
    default: 10000000,
    markdownDescription:
      'Largest document, in characters, that diagnostics scan. Hovers and the status bar still decode the token under the cursor in larger documents.',
  },
  'jwtLens.hover.enabled': {
    type: 'boolean',
    scope: 'language-overridable',
    default: true,
    markdownDescription: 'Show the decoded token, its verification state, times and findings when hovering a token.',
  },
  'jwtLens.statusBar.enabled': {
    type: 'boolean',
    scope: 'resource',
    default: true,
    markdownDescription: 'Show the expiry of the token under the cursor in the status bar (for example `JWT expires in 2 h`).',
  },
});

const validation = (contributes.jsonValidation ?? []).filter((entry) => entry.fileMatch !== '.jwtlens.json');
validation.push({ fileMatch: '.jwtlens.json', url: './schemas/jwtlens.schema.json' });
contributes.jsonValidation = validation;

fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
