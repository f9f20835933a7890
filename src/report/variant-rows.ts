// The result table and the notes under it, as plain text: the terminal, summary.md and
// report.html only lay this out, so the three cannot drift apart in columns or notes again.
import { formatCount } from '../analyze/format.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { WorkerEvent } from '../run-data/types.ts';
import { attributionNote } from './attribution-table.ts';
import { probeText } from './probe-text.ts';
import { untilNotes } from './until-notes.ts';
import {
  DASH,
  figureText,
  growthText,
  loadText,
  okText,
  rateText,
  restartsText,
  servicesText,
  slopeText,
  verdictText,
  verdictWithConfidence,
} from './variant-figures.ts';

export type Align = 'left' | 'center' | 'right';
export type ColumnKey =
  | 'variant'
  | 'verdict'
  | 'expected'
  | 'ok'
  | 'slope'
  | 'growth'
  | 'requests'
  | 'rate'
  | 'errors'
  | 'restarts';

export interface Column {
  key: ColumnKey;
  header: string;
  align: Align;
}

/** Text left, figures right (their magnitudes line up), the mark centred. */
export const COLUMNS: readonly Column[] = [
  { key: 'variant', header: 'variant', align: 'left' },
  { key: 'verdict', header: 'verdict', align: 'left' },
  { key: 'expected', header: 'expected', align: 'left' },
  { key: 'ok', header: 'ok', align: 'center' },
  { key: 'slope', header: 'slope/worker', align: 'right' },
  { key: 'growth', header: 'growth/worker', align: 'right' },
  { key: 'requests', header: 'requests', align: 'right' },
  { key: 'rate', header: 'req/s', align: 'right' },
  { key: 'errors', header: 'errors', align: 'right' },
  { key: 'restarts', header: 'restarts', align: 'right' },
];

/** The ok column's marks; a formatter may swap them for its own (summary.md uses emoji). */
export const MARK = { ok: '✓', failed: '✗' } as const;

export type NoteKind =
  | 'skipped'
  | 'failed'
  | 'expectation'
  | 'warning'
  | 'explanation'
  | 'attribution'
  | 'until'
  | 'load'
  | 'probe'
  | 'services';

export interface VariantNote {
  kind: NoteKind;
  text: string;
  /** A file the note names, relative to the run directory (a probe's saved answer). */
  file?: string;
}

export interface VariantRow {
  record: VariantRecord;
  cells: Record<ColumnKey, string>;
  /** Why the verdict is what it is, and what else a reader should know, one sentence each. */
  notes: VariantNote[];
}

export function variantRows(run: RunRecord, events: readonly WorkerEvent[] = []): VariantRow[] {
  return run.variants.map((v) => ({ record: v, cells: variantCells(v, events), notes: variantNotes(v) }));
}

/** A row's cells in column order. */
export function rowCells(row: VariantRow): string[] {
  return COLUMNS.map((c) => row.cells[c.key]);
}

/**
 * The columns of a PR comment (summary.md): req/s is in each variant's load line, and restarts
 * are a count with their causes under the table, so ten columns fit GitHub's width.
 */
export const MARKDOWN_COLUMNS: readonly Column[] = COLUMNS.filter((c) => c.key !== 'rate');

/** A row's cells as summary.md has them, in MARKDOWN_COLUMNS order (the ok mark as the terminal's). */
export function markdownCells(row: VariantRow): string[] {
  return MARKDOWN_COLUMNS.map((c) =>
    c.key === 'restarts' ? figureText(row.record, formatCount(row.record.workerRestarts)) : row.cells[c.key],
  );
}

/** "Restarts: 6 (max_requests ×6)." where the table cell has causes that summary.md's count drops. */
export function restartCausesNote(row: VariantRow): string | null {
  return row.cells.restarts.includes('(') ? `Restarts: ${row.cells.restarts}.` : null;
}

function variantCells(v: VariantRecord, events: readonly WorkerEvent[]): Record<ColumnKey, string> {
  return {
    variant: v.name,
    verdict: verdictWithConfidence(v),
    expected: v.expected ?? DASH,
    ok: okText(v, MARK),
    slope: slopeText(v),
    growth: growthText(v),
    requests: figureText(v, formatCount(v.requests)),
    rate: figureText(v, rateText(v.requestsPerSecond)),
    errors: figureText(v, formatCount(v.errors)),
    restarts: figureText(v, restartsText(v, events)),
  };
}

function variantNotes(v: VariantRecord): VariantNote[] {
  const notes: VariantNote[] = [];
  if (v.status === 'skipped') notes.push({ kind: 'skipped', text: `Skipped: ${v.skipReason ?? 'no reason given'}` });
  if (v.status === 'failed') notes.push({ kind: 'failed', text: `Failed: ${v.error ?? 'no error recorded'}` });
  if (v.expectationMet === false) notes.push({ kind: 'expectation', text: `Expected ${v.expected}, got ${verdictText(v)}.` });
  for (const w of v.warnings ?? []) notes.push({ kind: 'warning', text: `⚠ ${w}` });
  for (const line of v.analysis?.explanation ?? []) notes.push({ kind: 'explanation', text: line });
  const grower = attributionNote(v);
  if (grower) notes.push({ kind: 'attribution', text: grower });
  for (const line of untilNotes(v)) notes.push({ kind: 'until', text: line });
  const load = loadText(v);
  if (load) notes.push({ kind: 'load', text: load });
  for (const p of v.probes ?? [])
    notes.push({ kind: 'probe', text: probeText(p), ...(p.status === undefined ? {} : { file: p.file }) });
  const services = servicesText(v);
  if (services) notes.push({ kind: 'services', text: services });
  return notes;
}
