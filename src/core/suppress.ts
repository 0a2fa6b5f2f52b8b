/**
 * Suppression directives in comments. They are found as plain text on a line, so they work in any
 * comment syntax (`//`, `#`, `<!-- -->`, `/* *\/`, `--`, `;`):
 *
 * - `jwt-lens-ignore-next-line` silences every rule on the next line;
 * - `jwt-lens-ignore-next-line alg-none, token-expired` silences only the listed rules;
 * - `jwt-lens-ignore-line` (with or without a list) does the same for its own line.
 */
import { RULE_IDS, type Finding, type RuleId } from './model';

const DIRECTIVE = 'jwt-lens-ignore-';
const NEXT_LINE = 'next-line';
const SAME_LINE = 'line';

/** Rules silenced on one line: all of them, or a set of ids. */
export type Suppression = 'all' | ReadonlySet<RuleId>;

const KEBAB_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
const LIST_WORD = /[^\s,]+/g;

/**
 * Reads the rule list after a directive. Words are taken while they look like rule ids, so a
 * trailing `-->`, `*\/` or a reason in prose ends the list. Returns null when no list is given.
 */
function readRuleList(rest: string): RuleId[] | null {
  const ids: string[] = [];
  for (const match of rest.matchAll(LIST_WORD)) {
    if (!KEBAB_ID.test(match[0])) break;
    ids.push(match[0]);
  }
  if (ids.length === 0) return null;
  return ids.filter((id): id is RuleId => (RULE_IDS as readonly string[]).includes(id));
}

function addSuppression(map: Map<number, Suppression>, line: number, rules: RuleId[] | null): void {
  const existing = map.get(line);
  if (existing === 'all') return;
  if (rules === null) {
    map.set(line, 'all');
    return;
  }
  map.set(line, new Set([...(existing ?? []), ...rules]));
}

/** Splits text into lines as VS Code does: at `\r\n`, `\n` or `\r`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Finds every suppression directive in a text, keyed by the zero-based line it silences. */
export function findSuppressions(text: string): Map<number, Suppression> {
  const map = new Map<number, Suppression>();
  if (!text.includes(DIRECTIVE)) return map;

  const starts = lineStarts(text);
  for (let line = 0; line < starts.length; line++) {
    const end = line + 1 < starts.length ? starts[line + 1] : text.length;
    const lineText = text.slice(starts[line], end);
    let from = lineText.indexOf(DIRECTIVE);
    while (from !== -1) {
      const after = lineText.slice(from + DIRECTIVE.length);
      const kind = after.startsWith(NEXT_LINE) ? NEXT_LINE : after.startsWith(SAME_LINE) ? SAME_LINE : null;
      const rest = kind === null ? '' : after.slice(kind.length);
      // The directive must end at a word boundary: `jwt-lens-ignore-lines` is not one.
      if (kind !== null && !/^[a-z0-9-]/i.test(rest)) {
        addSuppression(map, kind === NEXT_LINE ? line + 1 : line, readRuleList(rest));
      }
      from = lineText.indexOf(DIRECTIVE, from + DIRECTIVE.length);
    }
  }
  return map;
}

/** Drops the findings a suppression silences. */
export function applySuppression(findings: readonly Finding[], suppression: Suppression | undefined): Finding[] {
  if (suppression === undefined) return [...findings];
  if (suppression === 'all') return [];
  return findings.filter((finding) => !suppression.has(finding.rule));
}
