// The comparison as Markdown for a PR comment. Pure. Variant names and reasons go through the
// same cell escaping as summary.md, so a `|` or `<` in a name cannot break the table.
import { formatBytes } from '../analyze/format.ts';
import { mdCell } from '../report/markdown.ts';
import { DASH, verdictText } from '../report/variant-figures.ts';
import type { VariantRecord } from '../run-data/run-record.ts';
import type { ChangeKind, Comparison } from './compare-runs.ts';

const MARK: Record<ChangeKind, string> = {
  regression: '❌ regression',
  improvement: '✅ better',
  unchanged: '➖ same',
  'only-before': '⚠️ removed',
  'only-after': '🆕 new',
  'not-judged': '⚠️ not judged',
};

export function comparisonMarkdown(c: Comparison, labels: { before: string; after: string }): string {
  const title = c.scenarioBefore === c.scenarioAfter ? c.scenarioBefore : `${c.scenarioBefore} → ${c.scenarioAfter}`;
  const lines = [
    `### leaklab compare: ${title}`,
    '',
    `Before: \`${labels.before}\` · After: \`${labels.after}\``,
    '',
    '| variant | before | after | slope before | slope after | change |',
    '|---|---|---|---|---|---|',
    ...c.changes.map(
      (ch) =>
        `| ${mdCell(ch.name)} | ${verdict(ch.before)} | ${verdict(ch.after)} | ${slope(ch.before)} | ${slope(ch.after)} | ${MARK[ch.kind]}: ${mdCell(ch.reason)} |`,
    ),
    '',
    c.regressions === 0 ? 'No regression.' : `**${c.regressions} regression${c.regressions === 1 ? '' : 's'}.**`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The verdict, or why there is none (skipped, failed), as summary.md says it. */
function verdict(v: VariantRecord | undefined): string {
  return v ? mdCell(verdictText(v)) : DASH;
}

function slope(v: VariantRecord | undefined): string {
  return v?.verdict ? `${formatBytes(v.slopeBytesPerRequest)}/req` : DASH;
}
