// summary.md: what a PR comment or $GITHUB_STEP_SUMMARY shows. Kept to one heading, one table
// and a few lines per variant, so a reviewer has the answer without scrolling.
import { formatCount } from '../analyze/format.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { WorkerEvent } from '../run-data/types.ts';
import {
    DASH,
  figureText,
  growthText,
  loadText,
  okText,
  rateText,
  restartsText,
  servicesText,
  skippedText,
  slopeText,
  verdictText,
  verdictWithConfidence,
} from './variant-figures.ts';
import { probeText } from './probe-text.ts';

const COLUMNS = ['variant', 'verdict', 'expected', 'ok', 'slope (per worker)', 'growth after warm-up', 'requests', 'req/s', 'errors', 'restarts'];
// Text left, figures right, the mark centred.
const ALIGN = [':--', ':--', ':--', ':-:', '--:', '--:', '--:', '--:', '--:', ':--'];

export function renderMarkdown(run: RunRecord, events: readonly WorkerEvent[] = []): string {
  const lines: string[] = [];
  const title = run.title ? `${run.scenario} — ${run.title}` : run.scenario;
  lines.push(`## ${overallMark(run)} ${mdText(title)}`, '');
  if (run.claim) lines.push(`> ${mdText(run.claim)}`, '');
  lines.push(statusLine(run), '');
  lines.push(row(COLUMNS), row(ALIGN));
  for (const v of run.variants) lines.push(row(variantCells(v, events)));
  lines.push('');
  for (const v of run.variants) {
    const notes = variantNotes(v);
    if (notes.length === 0) continue;
    lines.push(`**${mdText(v.name)}** (${verdictText(v)})`, ...notes.map((n) => `- ${mdText(n)}`), '');
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
    judged.length > 0 ? `**${held} of ${judged.length} expectations held**` : '**no expectations set**',
    ...[skippedText(run.variants) ?? []].flat(),
    `run \`${run.runId.replace(/`/g, "'")}\``,
    run.status,
    run.target === 'docker' && run.image ? `docker \`${run.image.tag}\`` : run.target,
  ];
  if (run.quick) parts.push('quick');
  return parts.join(' · ');
}

function variantCells(v: VariantRecord, events: readonly WorkerEvent[]): string[] {
  return [
    v.name,
    verdictWithConfidence(v),
    v.expected ?? DASH,
    okText(v, { ok: '✅', failed: '❌' }),
    slopeText(v),
    growthText(v),
    figureText(v, formatCount(v.requests)),
    figureText(v, rateText(v.requestsPerSecond)),
    figureText(v, formatCount(v.errors)),
    figureText(v, restartsText(v, events)),
  ];
}

function variantNotes(v: VariantRecord): string[] {
  if (v.status === 'skipped') return [`Skipped: ${v.skipReason ?? 'no reason given'}`];
  if (v.status === 'failed') return [`Failed: ${v.error ?? 'no error recorded'}`];
  const load = loadText(v);
  const notes = [
    ...(v.warnings ?? []).map((w) => `⚠️ ${w}`),
    ...(v.analysis?.explanation ?? []),
    ...(load ? [load] : []),
    ...(v.probes ?? []).map(probeText),
  ];
  if (v.expectationMet === false) notes.unshift(`Expected ${v.expected}, got ${v.verdict}.`);
  const services = servicesText(v);
  if (services) notes.push(services);
  return notes;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

function mdCell(text: string): string {
  return mdText(text).replace(/\|/g, '\\|');
}

/** Scenario text is user input: keep it on one line and let no raw HTML through. */
export function mdText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
