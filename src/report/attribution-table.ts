// The attribution section (--diagnose, --isolate): per growing variant with a mix of several
// entries, `entry → bytes/hit (interval), share, confirmed`. One row model (attributionSection,
// carried by variant-rows' VariantRow), three formatters: terminal, Markdown, HTML.

import { namedEntry, namedShare } from '../analyze/attribution-record.ts';
import { formatByteRange, formatBytes, formatSlope } from '../analyze/format.ts';
import type { AttributedEntry, IsolationOutcome, VariantAttribution } from '../run-data/attribution.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import { mdCode, sectionsHtml } from './section-tables.ts';

export interface AttributionRow {
  /** "→" on the entry the growth went with, when the estimate or isolation names one. */
  mark: string;
  entry: string;
  bytesPerHit: string;
  interval: string;
  share: string;
  /** yes / no / — (not tested). */
  confirmed: string;
}

export interface AttributionSection {
  variant: string;
  headline: string;
  notes: string[];
  rows: AttributionRow[];
}

export const ATTRIBUTION_HEADERS = ['', 'entry', 'bytes/hit', 'interval', 'share', 'confirmed'] as const;

export function attributionSection(v: VariantRecord, a: VariantAttribution): AttributionSection {
  const notes: string[] = [];
  if (a.problem) notes.push(`No estimate: ${a.problem}.`);
  const top = a.entries[0];
  const named = namedEntry(a);
  if (top && top.share > 0)
    notes.push(
      a.clearCut
        ? `Clear-cut: ${entryText(top)} holds ${percent(top.share)} of the growth, its interval above every other entry's.`
        : `Not clear-cut: ${entryText(top)} holds ${percent(top.share)} of the growth${top.confirmed === null ? '; run with --isolate to test it alone' : ''}.`,
    );
  if (a.unresolvedShare)
    notes.push(
      `${percent(a.unresolvedShare)} of the fitted growth went with entries whose interval reaches 0 (noise, or creep every request shares): left out of the shares.`,
    );
  if (a.lagSamples)
    notes.push(
      `Memory showed late (when pages were next needed): counts averaged over the last ${a.lagSamples} samples fitted best.`,
    );
  for (const i of a.isolation ?? [])
    notes.push(
      isolationText(
        i,
        a.entries.find((e) => e.index === i.index),
      ),
    );
  return {
    variant: v.name,
    headline: `${v.name}: which entry the memory grew with (${a.rows.toLocaleString('en-US')} samples after warm-up, ${Math.round(a.level * 100)} % intervals)`,
    notes,
    rows: a.entries.map((e) => attributionRow(e, e === named)),
  };
}

function attributionRow(e: AttributedEntry, first: boolean): AttributionRow {
  return {
    mark: first ? '→' : '',
    entry: entryText(e),
    bytesPerHit: formatBytes(e.bytesPerHit),
    interval: formatByteRange(e.low, e.high),
    // Beside the estimate's share, what isolation measured for a tested entry.
    share: e.isolatedShare === undefined ? percent(e.share) : `${percent(e.share)} (alone ${percent(e.isolatedShare)})`,
    confirmed: e.confirmed === null ? '—' : e.confirmed ? 'yes' : 'no',
  };
}

function isolationText(i: IsolationOutcome, e: AttributedEntry | undefined): string {
  if (i.problem) return `Isolation of ${i.path} gave nothing to judge: ${i.problem}.`;
  const own =
    e?.isolatedShare === undefined ? '' : ` (${percent(e.isolatedShare)} of the mix's growth at its part of the traffic)`;
  return `Isolation of ${i.path}: alone ${formatSlope(i.aloneSlope)}${own}, the mix without it ${formatSlope(i.withoutSlope)} (the whole mix ${formatSlope(i.mixSlope)}): ${i.confirmed ? 'confirmed' : 'not confirmed'}.`;
}

function entryText(e: AttributedEntry): string {
  return `${e.method} ${e.path}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** One line beside the verdict: the entry the growth went with, or that none stood out. */
export function attributionNote(v: VariantRecord): string | null {
  const a = v.attribution;
  const top = a?.entries[0];
  if (!a || !top || !(top.share > 0)) return null;
  const named = namedEntry(a);
  const shown = named ?? top;
  const confirmed = shown.confirmed === null ? '' : `, confirmed by isolation: ${shown.confirmed ? 'yes' : 'no'}`;
  const lead = named ? 'Grows with' : 'Most likely grows with (not clear-cut)';
  const by = shown.confirmed === true && shown.isolatedShare !== undefined ? ' (isolation)' : '';
  return `${lead} ${entryText(shown)}: ${formatBytes(shown.bytesPerHit)}/hit (${formatByteRange(shown.low, shown.high)}), ${percent(namedShare(shown))} of the growth${by}${confirmed}.`;
}

export function attributionSections(run: RunRecord): AttributionSection[] {
  return run.variants.flatMap((v) => (v.attribution ? [attributionSection(v, v.attribution)] : []));
}

function cellsOf(r: AttributionRow): string[] {
  return [r.mark, r.entry, r.bytesPerHit, r.interval, r.share, r.confirmed];
}

export function attributionTerminal(run: RunRecord): string {
  const out: string[] = [];
  for (const s of attributionSections(run)) {
    out.push('', s.headline, ...s.notes.map((n) => `  ${n}`));
    const cells = [[...ATTRIBUTION_HEADERS] as string[], ...s.rows.map(cellsOf)];
    const widths = ATTRIBUTION_HEADERS.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
    // Entry left, figures right, so magnitudes line up.
    for (const c of cells)
      out.push(`  ${c.map((cell, i) => (i <= 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd());
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

export function attributionMarkdown(run: RunRecord): string {
  const out: string[] = [];
  for (const s of attributionSections(run)) {
    out.push(`**${mdCode(s.headline)}**`, '', ...s.notes.map((n) => `- ${mdCode(n)}`), '');
    if (s.rows.length === 0) continue;
    out.push(`| ${ATTRIBUTION_HEADERS.join(' | ')} |`, '|:-:|:--|--:|--:|--:|:-:|');
    for (const r of s.rows)
      out.push(`| ${r.mark} | \`${mdCode(r.entry)}\` | ${r.bytesPerHit} | ${r.interval} | ${r.share} | ${r.confirmed} |`);
    out.push('');
  }
  return out.length ? `### Which endpoint (attribution)\n\n${out.join('\n').trimEnd()}\n` : '';
}

export function attributionHtml(run: RunRecord): string {
  return sectionsHtml('attribution', 'Which endpoint (attribution)', attributionSections(run), ATTRIBUTION_HEADERS, (r) =>
    cellsOf(r).map((text, i) => ({ text, code: i === 1 })),
  );
}
