// summary.md: what a PR comment or $GITHUB_STEP_SUMMARY shows. Kept to one heading, one table
// and a few lines per variant, so a reviewer has the answer without scrolling.
import type { RunRecord } from '../run-data/run-record.ts';
import type { WorkerEvent } from '../run-data/types.ts';
import { noJudgementText, skippedText, verdictText } from './variant-figures.ts';
import { type Align, COLUMNS, MARK, rowCells, variantRows } from './variant-rows.ts';

const ALIGN: Record<Align, string> = { left: ':--', center: ':-:', right: '--:' };
/** Emoji read at a glance in a PR comment. */
const MD_MARK: Record<string, string> = { [MARK.ok]: '✅', [MARK.failed]: '❌' };

export function renderMarkdown(run: RunRecord, events: readonly WorkerEvent[] = []): string {
  const lines: string[] = [];
  const title = run.title ? `${run.scenario} — ${run.title}` : run.scenario;
  lines.push(`## ${overallMark(run)} ${mdText(title)}`, '');
  if (run.claim) lines.push(`> ${mdText(run.claim)}`, '');
  lines.push(statusLine(run), '');
  lines.push(row(COLUMNS.map((c) => c.header)), row(COLUMNS.map((c) => ALIGN[c.align])));
  const rows = variantRows(run, events);
  for (const r of rows)
    lines.push(row(rowCells(r).map((cell, i) => (COLUMNS[i]!.key === 'ok' ? (MD_MARK[cell] ?? cell) : cell))));
  lines.push('');
  for (const r of rows) {
    if (r.notes.length === 0) continue;
    lines.push(`**${mdText(r.record.name)}** (${verdictText(r.record)})`, ...r.notes.map((n) => `- ${mdText(n.text)}`), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function overallMark(run: RunRecord): string {
  const judged = run.variants.filter((v) => v.expectationMet !== undefined);
  if (run.status !== 'complete' || judged.some((v) => !v.expectationMet)) return '❌';
  return '✅';
}

function statusLine(run: RunRecord): string {
  const judged = run.variants.filter((v) => v.expectationMet !== undefined);
  const held = judged.filter((v) => v.expectationMet).length;
  const parts = [
    judged.length > 0 ? `**${held} of ${judged.length} expectations held**` : `**${noJudgementText(run.variants)}**`,
    ...[skippedText(run.variants) ?? []].flat(),
    `run \`${run.runId.replace(/`/g, "'")}\``,
    run.status,
    run.target === 'docker' && run.image ? `docker \`${run.image.tag}\`` : run.target,
  ];
  if (run.quick) parts.push('quick');
  return parts.join(' · ');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

/** A table cell: one line, no raw HTML, pipes escaped. */
export function mdCell(text: string): string {
  return mdText(text).replace(/\|/g, '\\|');
}

/** Scenario text is user input: keep it on one line and let no raw HTML through. */
export function mdText(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
