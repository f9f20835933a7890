// What the CLI prints when a run ends: one aligned row per variant, then the outcome.
import { formatCount } from '../analyze/format.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { Verdict } from '../run-data/types.ts';
import {
  DASH,
  figureText,
  growthText,
  loadText,
  okText,
  rateText,
  servicesText,
  skippedText,
  slopeText,
  verdictText,
  verdictWithConfidence,
} from './variant-figures.ts';

export interface TerminalOptions {
  /** ANSI colours; the caller decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
}

const HEADER = ['variant', 'verdict', 'expected', 'ok', 'slope/worker', 'growth/worker', 'requests', 'req/s', 'errors', 'restarts'];
/** Figures align right so their magnitudes line up. */
const RIGHT = new Set([4, 5, 6, 7, 8, 9]);

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
type Style = keyof typeof ANSI;
const VERDICT_STYLE: Record<Verdict, Style> = { leak: 'red', sawtooth: 'yellow', bounded: 'cyan', flat: 'green', inconclusive: 'dim' };

export function renderTerminalTable(run: RunRecord, opts: TerminalOptions): string {
  const paint = (text: string, style: Style | undefined): string =>
    opts.color && style ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
  const rows = run.variants.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Pad first, colour after: escape codes would otherwise count towards the width.
  const line = (row: string[], styles: (Style | undefined)[]): string =>
    row
      .map((cell, i) => paint(RIGHT.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!), styles[i]))
      .join('  ')
      .trimEnd();
  const out = [line(HEADER, HEADER.map(() => 'bold' as const))];
  run.variants.forEach((v, i) => out.push(line(rows[i]!, rowStyles(v))));
  // Every verdict says why, here too: the table alone would make users open the report.
  for (const v of run.variants) {
    const load = loadText(v);
    const services = servicesText(v);
    const why = v.analysis
      ? [...(v.warnings ?? []).map((w) => `warning: ${w}`), ...v.analysis.explanation, ...(load ? [load] : []), ...(services ? [services] : [])]
      : v.error
        ? [`failed: ${v.error.split('\n')[0]}`]
        : v.skipReason
          ? [`skipped: ${v.skipReason}`]
          : [];
    if (why.length === 0) continue;
    out.push('', paint(`${v.name}${v.verdict ? ` (${v.verdict})` : ''}`, 'bold'), ...why.map((l) => `  ${l}`));
  }
  if (run.target === 'docker') out.push('', paint(`target: docker, image ${run.image?.tag ?? '?'} (base ${run.image?.baseImage ?? '?'})`, 'dim'));
  out.push('', paint(outcome(run), failedVariants(run).length > 0 || run.status !== 'complete' ? 'red' : 'green'));
  return `${out.join('\n')}\n`;
}

function cells(v: VariantRecord): string[] {
  return [
    v.name,
    verdictWithConfidence(v),
    v.expected ?? DASH,
    okText(v, { ok: '✓', failed: '✗' }),
    slopeText(v),
    growthText(v),
    figureText(v, formatCount(v.requests)),
    figureText(v, rateText(v.requestsPerSecond)),
    figureText(v, formatCount(v.errors)),
    figureText(v, String(v.workerRestarts)),
  ];
}

function rowStyles(v: VariantRecord): (Style | undefined)[] {
  const verdict = v.status === 'complete' && v.verdict ? VERDICT_STYLE[v.verdict] : 'dim';
  const ok = v.expectationMet === undefined ? undefined : v.expectationMet ? 'green' : 'red';
  return [undefined, verdict, undefined, ok, undefined, undefined, undefined, undefined, v.errors > 0 ? 'yellow' : undefined];
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
    if (judged === 0 && skipped) return `Nothing was measured:${status}`;
    return judged > 0 ? `✓ All ${judged} expectations held.${status}` : `No expectations set.${status}`;
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
