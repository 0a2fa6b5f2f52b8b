/**
 * `--format sarif`: a SARIF 2.1.0 log that GitHub code scanning accepts. Results point at the token's
 * range; they carry the finding's message but never the token, so the log can be uploaded.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import packageJson from '../../../package.json';
import type * as Sarif from 'sarif';
import type { Severity, TokenReport } from '../../core/model';
import { RULES } from '../../core/rules';
import type { FileReport, RunReport } from '../report';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';

/** The repository's web address, from package.json `repository.url` without `git+` and `.git`. */
export const INFORMATION_URI = repositoryWebUrl((packageJson as { repository?: { url?: string } }).repository?.url);

function repositoryWebUrl(url: string | undefined): string {
  if (url === undefined) {
    throw new Error('package.json has no repository.url, which the SARIF log links to');
  }
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** Absolute directory that artifact URIs are relative to: the repository root, as code scanning expects. */
  root: string;
}

export function formatSarif(report: RunReport, options: SarifOptions): string {
  return `${JSON.stringify(toSarifLog(report, options), null, 2)}\n`;
}

export function toSarifLog(report: RunReport, options: SarifOptions): Sarif.Log {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id as string, index]));
  const results = report.files.flatMap((file) => fileResults(file, ruleIndex, options.root));
  const notifications: Sarif.Notification[] = [
    ...report.skipped.map((input) => notification(input.path, `Skipped ${input.path}: ${input.reason}`, 'note')),
    ...report.errors.map((input) => notification(input.path, `Could not read ${input.path}: ${input.reason}`, 'error')),
  ];

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'JWT Lens',
            version: packageJson.version,
            semanticVersion: packageJson.version,
            informationUri: INFORMATION_URI,
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: ruleName(rule.id),
              shortDescription: { text: rule.title },
              helpUri: `${INFORMATION_URI}/blob/main/docs/rules.md#${rule.docsAnchor}`,
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(options.root) } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: report.errors.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

/** "alg-none" → "AlgNone": SARIF's `name` is an identifier-like form of the rule id. */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function fileResults(file: FileReport, ruleIndex: ReadonlyMap<string, number>, root: string): Sarif.Result[] {
  const occurrences = new Map<string, number>();
  return file.tokens.flatMap((token) => {
    const tokenHash = sha256(token.match.text);
    const occurrence = occurrences.get(tokenHash) ?? 0;
    occurrences.set(tokenHash, occurrence + 1);

    return token.findings.map((finding) => {
      const result: Sarif.Result = {
        ruleId: finding.rule,
        level: LEVELS[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(file, root), region: region(token) } }],
        // The hash of the token, not its line, identifies the result, so edits above it do not
        // reopen the alert. Repeats of one token in a file are distinguished by their occurrence count.
        partialFingerprints: { 'jwtLens/v1': sha256(`${finding.rule}\u0000${tokenHash}\u0000${occurrence}`) },
      };
      const index = ruleIndex.get(finding.rule);
      if (index !== undefined) {
        result.ruleIndex = index;
      }
      return result;
    });
  });
}

/** SARIF regions are 1-based; the end column is one past the last character, like our exclusive end. */
function region(token: TokenReport): Sarif.Region {
  return {
    startLine: token.range.start.line + 1,
    startColumn: token.range.start.character + 1,
    endLine: token.range.end.line + 1,
    endColumn: token.range.end.character + 1,
  };
}

/**
 * Locates a file relative to `root` under `%SRCROOT%`, or by absolute `file:` URI when it lies
 * outside. Standard input and arguments keep their label (`-`, `<argument>`) as a relative URI.
 */
function artifactLocation(file: FileReport, root: string): Sarif.ArtifactLocation {
  if (file.absolutePath === null) {
    return { uri: encodePath(file.path) };
  }
  const relativePath = relative(root, file.absolutePath);
  if (relativePath.startsWith('..') || isAbsolute(relativePath)) {
    return { uri: pathToFileURL(file.absolutePath).href };
  }
  return { uri: encodePath(relativePath.split(sep).join('/')), uriBaseId: SOURCE_ROOT };
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Returns the nearest folder at or above `directory` that contains `.git`, or undefined outside a repository. */
export async function findRepositoryRoot(directory: string): Promise<string | undefined> {
  let current = resolve(directory);
  for (;;) {
    if (await exists(join(current, '.git'))) {
      return current;
    }
    const parent = dirname(current);
    if (parent === current) {
      return undefined;
    }
    current = parent;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function notification(path: string, text: string, level: 'note' | 'error'): Sarif.Notification {
  return { level, message: { text }, descriptor: { id: level === 'error' ? 'read-failed' : 'input-skipped' }, properties: { path } };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
