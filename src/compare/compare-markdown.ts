// The comparison as Markdown for a PR comment. Pure.
import { formatBytes } from '../analyze/format.ts';
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
        `| ${ch.name} | ${verdict(ch.before)} | ${verdict(ch.after)} | ${slope(ch.before)} | ${slope(ch.after)} | ${MARK[ch.kind]}: ${ch.reason} |`,
    ),
    '',
    c.regressions === 0 ? 'No regression.' : `**${c.regressions} regression${c.regressions === 1 ? '' : 's'}.**`,
  ];
  return `${lines.join('\n')}\n`;
}

function verdict(v: VariantRecord | undefined): string {
  return v?.verdict ?? '—';
}

function slope(v: VariantRecord | undefined): string {
  return v?.verdict ? `${formatBytes(v.slopeBytesPerRequest)}/req` : '—';
}
