// The comparison as Markdown for a PR comment. Pure. The first line is the answer (the gate's
// outcome and what drove it), so a notification or a log tail shows it without the table.
// Variant names and reasons go through the same cell escaping as summary.md.
import { formatBytes } from '../analyze/format.ts';
import { mdCell, mdFence, mdText } from '../report/markdown.ts';
import { errorParts, portablePaths } from '../report/portable-paths.ts';
import { DASH, verdictText } from '../report/variant-figures.ts';
import type { VariantRecord } from '../run-data/run-record.ts';
import type { ChangeKind, Comparison } from './compare-runs.ts';

const MARK: Record<ChangeKind, string> = {
  regression: '❌ regression',
  fixed: '✅ fixed',
  improved: '✅ improved',
  unchanged: '➖ same',
  new: '🆕 new',
  'not-compared': '⚠️ not compared',
};

/** A chart written next to the Markdown: its variant and its path relative to the Markdown file. */
export interface ChartLink {
  variant: string;
  png: string;
}

export function comparisonMarkdown(
  c: Comparison,
  labels: { before: string; after: string },
  charts: readonly ChartLink[] = [],
): string {
  const lines = [
    headline(c),
    '',
    `Before: \`${code(labels.before)}\` · After: \`${code(labels.after)}\``,
    '',
    ...c.runProblems.map((p) => `- ❌ ${mdText(p)}`),
    ...(c.runProblems.length ? [''] : []),
    '| variant | before | after | slope before | slope after | change |',
    '|:--|:--|:--|--:|--:|:--|',
    ...c.changes.map(
      (ch) =>
        `| ${mdCell(ch.name)} | ${verdict(ch.before)} | ${verdict(ch.after)} | ${slope(ch.before)} | ${slope(ch.after)} | ${MARK[ch.kind]}: ${mdCell(ch.reason)} |`,
    ),
  ];
  for (const ch of c.changes.filter((x) => x.after?.status === 'failed'))
    lines.push('', ...failure(ch.name, ch.after!, c.afterRunId));
  lines.push('', ...rules(c.maxSlopeIncrease));
  for (const chart of charts) {
    lines.push('', `![${mdText(chart.variant)}: before dashed, after solid](${encodeURI(chart.png)})`);
  }
  return `${lines.join('\n')}\n`;
}

/** "### ❌ global-list: 2 regressions (fixed: flat → leak; the after run failed)". */
export function headline(c: Comparison): string {
  const scenario = mdText(c.scenario);
  if (c.regressions === 0) {
    const better = c.changes.filter((ch) => ch.kind === 'fixed' || ch.kind === 'improved');
    const what = better.length ? ` (${better.map((ch) => mdText(`${ch.name}: ${ch.reason}`)).join('; ')})` : '';
    return `### ✅ ${scenario}: no regression${what}`;
  }
  const causes = [
    ...c.runProblems,
    ...c.changes.filter((ch) => ch.kind === 'regression').map((ch) => `${ch.name}: ${ch.reason}`),
  ];
  const shown = causes.slice(0, 2).map(mdText).join('; ');
  const more = causes.length > 2 ? `; +${causes.length - 2} more` : '';
  return `### ❌ ${scenario}: ${c.regressions} regression${c.regressions === 1 ? '' : 's'} (${shown}${more})`;
}

/** Why a variant failed in the after run: the error's first line, its traceback's end folded. */
function failure(name: string, v: VariantRecord, runId: string): string[] {
  const { headline, tail } = errorParts(portablePaths(v.error ?? 'no error recorded', runId));
  const what = `${mdText(name)}</b> failed in the after run: ${mdText(headline)}`;
  // GitHub renders no Markdown inside <summary>, hence <b> rather than **.
  if (tail.length === 0) return [`<b>${what}`];
  return [`<details><summary><b>${what}</summary>`, '', ...mdFence(tail), '', '</details>'];
}

/** The gate's rules, folded: a reviewer who wonders why a row is red finds them in the comment. */
function rules(limit: number): string[] {
  return [
    '<details><summary>What counts as a regression</summary>',
    '',
    '- a verdict got worse (flat < bounded < sawtooth < leak), or became inconclusive;',
    `- the slope rose by more than ${limit} B/request and the two 95% intervals do not overlap;`,
    '- the after run failed or was interrupted, or a variant of the before run failed, is missing or was skipped in it.',
    '',
    'Runs of different scenarios, or whose variants differ in requests, Gunicorn settings or env, are not compared (exit 2).',
    '',
    '</details>',
  ];
}

/** The verdict, or why there is none (skipped, failed), as summary.md says it. */
function verdict(v: VariantRecord | undefined): string {
  return v ? mdCell(verdictText(v)) : DASH;
}

function slope(v: VariantRecord | undefined): string {
  return v?.verdict ? `${formatBytes(v.slopeBytesPerRequest)}/req` : DASH;
}

/** Inside backticks a backtick would end the span early. */
function code(text: string): string {
  return text.replace(/`/g, "'");
}
