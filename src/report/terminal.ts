// What the CLI prints when a run ends: one aligned row per variant, then the outcome.
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { WorkerEvent } from '../run-data/types.ts';
import { noJudgementText, skippedText, verdictText } from './variant-figures.ts';
import { COLUMNS, type ColumnKey, rowCells, variantRows } from './variant-rows.ts';

export interface TerminalOptions {
  /** ANSI colours; the caller decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
}

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
  const rows = variantRows(run, events);
  const header = COLUMNS.map((c) => c.header);
  const cells = rows.map(rowCells);
  const widths = COLUMNS.map((_, i) => Math.max(header[i]!.length, ...cells.map((r) => r[i]!.length)));
  // Pad first, colour after: escape codes would otherwise count towards the width.
  const line = (row: string[], styles: (Style | undefined)[]): string =>
    row
      .map((cell, i) => paint(pad(cell, widths[i]!, COLUMNS[i]!.align), styles[i]))
      .join('  ')
      .trimEnd();
  const out = [
    line(
      header,
      header.map(() => 'bold' as const),
    ),
  ];
  rows.forEach((r, i) => {
    out.push(
      line(
        cells[i]!,
        COLUMNS.map((c) => cellStyle(r.record, c.key)),
      ),
    );
  });
  // Every verdict says why, here too: the table alone would make users open the report.
  // One line per note: a failure's detail (a log tail) stays in summary.md and report.html.
  for (const r of rows) {
    if (r.notes.length === 0) continue;
    const v = r.record;
    out.push('', paint(`${v.name} (${verdictText(v)})`, 'bold'), ...r.notes.map((n) => `  ${n.text.split('\n')[0]}`));
  }
  if (run.target === 'docker')
    out.push('', paint(`target: docker, image ${run.image?.tag ?? '?'} (base ${run.image?.baseImage ?? '?'})`, 'dim'));
  out.push('', paint(outcome(run), failedVariants(run).length > 0 || run.status !== 'complete' ? 'red' : 'green'));
  return `${out.join('\n')}\n`;
}

function pad(cell: string, width: number, align: 'left' | 'center' | 'right'): string {
  if (align === 'right') return cell.padStart(width);
  if (align === 'left') return cell.padEnd(width);
  return cell.padStart(Math.floor((width + cell.length) / 2)).padEnd(width);
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
