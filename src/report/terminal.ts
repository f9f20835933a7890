// What the CLI prints when a run ends: one aligned row per variant, then the outcome.
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { WorkerEvent } from '../run-data/types.ts';
import { cutToWidth, DEFAULT_COLUMNS, textWidth, wrapText } from './text-width.ts';
import { noJudgementText, skippedText, verdictText } from './variant-figures.ts';
import { COLUMNS, type Column, type ColumnKey, restartCausesNote, type VariantRow, variantRows } from './variant-rows.ts';

export interface TerminalOptions {
  /** ANSI colours; the caller decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
  /** The terminal's columns (DEFAULT_COLUMNS when unknown): the table and its notes fit in it. */
  width?: number;
}

const GAP = '  ';

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
type Style = keyof typeof ANSI;
/** Keyed by the verdict's text, so a verdict added later shows, uncoloured, with no edit here. */
const VERDICT_STYLE: Partial<Record<string, Style>> = {
  leak: 'red',
  sawtooth: 'yellow',
  bounded: 'cyan',
  flat: 'green',
  inconclusive: 'dim',
};

export function renderTerminalTable(run: RunRecord, opts: TerminalOptions, events: readonly WorkerEvent[] = []): string {
  const paint = (text: string, style: Style | undefined): string =>
    opts.color && style ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
  const width = opts.width ?? DEFAULT_COLUMNS;
  const rows = variantRows(run, events);
  const table = fitTable(rows, width);
  // Pad first, colour after: escape codes would otherwise count towards the width.
  const line = (row: string[], styles: (Style | undefined)[]): string =>
    row
      .map((cell, i) => paint(pad(cell, table.widths[i]!, table.columns[i]!.align), styles[i]))
      .join(GAP)
      .trimEnd();
  const out = [
    line(
      table.columns.map((c) => c.header),
      table.columns.map(() => 'bold' as const),
    ),
  ];
  rows.forEach((r, i) => {
    out.push(
      line(
        table.cells[i]!,
        table.columns.map((c) => cellStyle(r.record, c.key)),
      ),
    );
  });
  // Every verdict says why, here too: the table alone would make users open the report.
  // A failure's detail (a log tail) stays in summary.md and report.html: its first line here.
  rows.forEach((r, i) => {
    const notes = [...(table.extraNotes[i] ?? []), ...r.notes.map((n) => n.text.split('\n')[0]!)];
    if (notes.length === 0) return;
    const v = r.record;
    out.push(
      '',
      paint(cutToWidth(`${v.name} (${verdictText(v)})`, width), 'bold'),
      ...notes.flatMap((n) => wrapText(n, width, '  ')),
    );
  });
  if (run.target === 'docker')
    out.push('', paint(`target: docker, image ${run.image?.tag ?? '?'} (base ${run.image?.baseImage ?? '?'})`, 'dim'));
  const status = outcome(run);
  const bad = failedVariants(run).length > 0 || run.status !== 'complete';
  out.push('', ...wrapText(status, width).map((l) => paint(l, bad ? 'red' : 'green')));
  return `${out.join('\n')}\n`;
}

interface FittedTable {
  columns: Column[];
  /** Per row, in `columns` order. */
  cells: string[][];
  widths: number[];
  /** Per row: what a shortening took out of a cell, said under the table instead. */
  extraNotes: string[][];
}

/**
 * The table within `width` columns, giving up the least first: shorter headers, then the slope's
 * interval and the restart causes (the causes move under the table), then req/s (also in each
 * variant's load line), then the expected verdict (the ok mark stays, and a miss is named under
 * the table), then the variant names are cut.
 */
export function fitTable(rows: readonly VariantRow[], width: number): FittedTable {
  let columns = [...COLUMNS];
  let cells = rows.map((r) => COLUMNS.map((c) => r.cells[c.key]));
  const extraNotes: string[][] = rows.map(() => []);
  const fitted = (): FittedTable => ({ columns, cells, widths: columnWidths(columns, cells), extraNotes });
  const total = () => {
    const w = columnWidths(columns, cells);
    return w.reduce((a, b) => a + b, 0) + GAP.length * (w.length - 1);
  };
  const drop = (key: ColumnKey) => {
    const i = columns.findIndex((c) => c.key === key);
    if (i < 0) return;
    columns = columns.filter((_, j) => j !== i);
    cells = cells.map((row) => row.filter((_, j) => j !== i));
  };
  const steps: (() => void)[] = [
    () => {
      columns = columns.map((c) => ({ ...c, header: SHORT_HEADERS[c.key] ?? c.header }));
    },
    () => {
      const i = columns.findIndex((c) => c.key === 'slope');
      if (i >= 0) cells = cells.map((row) => row.map((cell, j) => (j === i ? cell.replace(/ ± .*$/, '') : cell)));
    },
    () => {
      const i = columns.findIndex((c) => c.key === 'restarts');
      if (i < 0) return;
      rows.forEach((r, k) => {
        const note = restartCausesNote(r);
        if (note) extraNotes[k]!.push(note);
      });
      cells = cells.map((row) => row.map((cell, j) => (j === i ? cell.replace(/ \(.*\)$/, '') : cell)));
    },
    () => drop('rate'),
    // The ok mark stays; a missed expectation is named under the table ("Expected flat, got leak").
    () => drop('expected'),
  ];
  for (const step of steps) {
    if (total() <= width) return fitted();
    step();
  }
  const over = total() - width;
  if (over > 0) {
    // Cut the longest text column, the variant name, to what is left (at least 8 columns).
    const i = columns.findIndex((c) => c.key === 'variant');
    const room = Math.max(8, columnWidths(columns, cells)[i]! - over);
    cells = cells.map((row) => row.map((cell, j) => (j === i ? cutToWidth(cell, room) : cell)));
  }
  return fitted();
}

const SHORT_HEADERS: Partial<Record<ColumnKey, string>> = {
  slope: 'slope',
  growth: 'growth',
  requests: 'req',
  expected: 'expect',
};

function columnWidths(columns: readonly Column[], cells: readonly string[][]): number[] {
  return columns.map((c, i) => Math.max(textWidth(c.header), ...cells.map((r) => textWidth(r[i]!))));
}

function pad(cell: string, width: number, align: 'left' | 'center' | 'right'): string {
  const room = Math.max(0, width - textWidth(cell));
  if (align === 'right') return ' '.repeat(room) + cell;
  if (align === 'left') return cell + ' '.repeat(room);
  const left = Math.floor(room / 2);
  return ' '.repeat(left) + cell + ' '.repeat(room - left);
}

function cellStyle(v: VariantRecord, key: ColumnKey): Style | undefined {
  if (key === 'verdict')
    return (v.status === 'complete' || v.status === 'interrupted') && v.verdict ? VERDICT_STYLE[v.verdict] : 'dim';
  if (key === 'ok') return v.expectationMet === undefined ? undefined : v.expectationMet ? 'green' : 'red';
  if (key === 'errors') return v.errors > 0 ? 'yellow' : undefined;
  return undefined;
}

function failedVariants(run: RunRecord): VariantRecord[] {
  return run.variants.filter((v) => v.expectationMet === false);
}

function outcome(run: RunRecord): string {
  const failed = failedVariants(run);
  const judged = run.variants.filter((v) => v.expectationMet !== undefined).length;
  const skipped = skippedText(run.variants);
  const status = (skipped ? ` ${skipped}.` : '') + (run.status === 'complete' ? '' : ` Run ${run.status}.`);
  if (failed.length === 0) {
    if (judged === 0 && skipped && run.variants.every((v) => v.status === 'skipped')) return `Nothing was measured:${status}`;
    return judged > 0 ? `✓ All ${judged} expectations held.${status}` : `${noJudgementText(run.variants)}.${status}`;
  }
  const which = failed.map((v) => `${v.name} (expected ${v.expected}, got ${verdictText(v)})`).join(', ');
  return `✗ ${failed.length} of ${judged} expectations failed: ${which}.${status}`;
}

export interface WrittenFile {
  /** What it is, e.g. "report". */
  label: string;
  path: string;
}

/** The lines after the table telling where the outputs went. */
export function renderWrittenPaths(files: readonly WrittenFile[]): string {
  const width = Math.max(0, ...files.map((f) => f.label.length));
  return `${files.map((f) => `  ${f.label.padEnd(width)}  ${f.path}`).join('\n')}\n`;
}
