// summary.md: what a PR comment or $GITHUB_STEP_SUMMARY shows. One heading, one table narrow
// enough for a PR comment, and per variant what needs acting on (a miss, a failure, a
// warning); the explanations are folded in <details>. Nothing only this machine can read: paths
// are relative to the run directory, a traceback is cut to its last lines.

import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { WorkerEvent } from '../run-data/types.ts';
import { errorParts, portablePaths } from './portable-paths.ts';
import { noJudgementText, skippedText, verdictText } from './variant-figures.ts';
import {
  type Align,
  MARK,
  MARKDOWN_COLUMNS,
  markdownCells,
  type NoteKind,
  restartCausesNote,
  type VariantRow,
  variantRows,
} from './variant-rows.ts';

const ALIGN: Record<Align, string> = { left: ':--', center: ':-:', right: '--:' };
/** Emoji read at a glance in a PR comment. */
const MD_MARK: Record<string, string> = { [MARK.ok]: '✅', [MARK.failed]: '❌' };
/** Notes shown under the variant's name; the rest (why, load, probes, services) are folded. */
const OPEN_NOTES: ReadonlySet<NoteKind> = new Set(['skipped', 'failed', 'expectation', 'warning', 'attribution']);

export function renderMarkdown(run: RunRecord, events: readonly WorkerEvent[] = []): string {
  const lines: string[] = [];
  const title = run.title ? `${run.scenario} — ${run.title}` : run.scenario;
  lines.push(`## ${overallMark(run)} ${mdText(title)}`, '');
  if (run.claim) lines.push(`> ${mdText(run.claim)}`, '');
  lines.push(statusLine(run), '');
  lines.push(row(MARKDOWN_COLUMNS.map((c) => c.header)), row(MARKDOWN_COLUMNS.map((c) => ALIGN[c.align])));
  const rows = variantRows(run, events);
  for (const r of rows)
    lines.push(row(markdownCells(r).map((cell, i) => (MARKDOWN_COLUMNS[i]!.key === 'ok' ? (MD_MARK[cell] ?? cell) : cell))));
  lines.push('');
  for (const r of rows) lines.push(...variantSection(r, run.runId));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The variant's name and what needs acting on, then the rest folded; nothing when there is nothing to say. */
function variantSection(r: VariantRow, runId: string): string[] {
  const text = (t: string) => mdText(portablePaths(t, runId));
  const open = r.notes.filter((n) => OPEN_NOTES.has(n.kind) && n.kind !== 'failed').map((n) => `- ${text(n.text)}`);
  const failure = r.record.status === 'failed' ? failureLines(r.record, runId) : [];
  const restarts = [restartCausesNote(r) ?? []].flat();
  const folded = [...r.notes.filter((n) => !OPEN_NOTES.has(n.kind)).map((n) => n.text), ...restarts].map((t) => `- ${text(t)}`);
  if (open.length + failure.length + folded.length === 0) return [];
  const lines = [`**${mdText(r.record.name)}** (${verdictText(r.record)})`, ...failure, ...open, ''];
  if (folded.length > 0) {
    const summary = r.record.verdict ? `Why ${r.record.verdict}, and how the storm went` : 'How the storm went';
    lines.push(`<details><summary>${summary}</summary>`, '', ...folded, '', '</details>', '');
  }
  return lines;
}

/** "Failed: <first line>" and the error's last lines (a traceback's end) in a fenced block. */
function failureLines(v: VariantRecord, runId: string): string[] {
  const { headline, tail } = errorParts(portablePaths(v.error ?? 'no error recorded', runId));
  const lines = [`- Failed: ${mdText(headline)}`];
  if (tail.length === 0) return lines;
  return [...lines, '', ...mdFence(tail)];
}

function overallMark(run: RunRecord): string {
  const judged = run.variants.filter((v) => v.expectationMet !== undefined);
  // A failed variant measured nothing: the run is not green, whatever the others did.
  if (run.status !== 'complete' || run.variants.some((v) => v.status === 'failed') || judged.some((v) => !v.expectationMet))
    return '❌';
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

/** Lines shown verbatim in a fenced block, the fence longer than any run of backticks in them so none can close it. */
export function mdFence(lines: readonly string[], info = 'text'): string[] {
  const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((b) => b.length)));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, ...lines, fence];
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
