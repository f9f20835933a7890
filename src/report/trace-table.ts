// The --trace section: per traced variant, which lines grew, per request, and how much of the
// RSS slope they explain. One row model (traceSections), three formatters: terminal, Markdown, HTML.
import { formatBytes } from '../analyze/format.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { TraceLine, VariantTrace } from '../trace/types.ts';
import { mdCode, sectionsHtml } from './section-tables.ts';

/** Below this share most of the growth is outside tracemalloc's sight (native allocations). */
export const LOW_ACCOUNTED_SHARE = 0.5;
const GROWING: readonly (string | undefined)[] = ['leak', 'bounded', 'sawtooth'];

export interface TraceRow {
  /** "→" on the first app line: the line to look at first. */
  mark: string;
  where: string;
  code: string;
  bytes: string;
  objects: string;
}

export interface TraceSection {
  variant: string;
  headline: string;
  notes: string[];
  rows: TraceRow[];
}

export function traceSections(run: RunRecord): TraceSection[] {
  return run.variants.flatMap((v) => (v.trace ? [traceSection(v, v.trace)] : []));
}

export function traceSection(v: VariantRecord, t: VariantTrace): TraceSection {
  const notes: string[] = [];
  if (t.problem) notes.push(t.lines.length ? `Note: ${t.problem}.` : `No lines: ${t.problem}.`);
  const growing = GROWING.includes(v.verdict) && v.slopeBytesPerRequest > 0;
  if (growing) {
    notes.push(
      `traced ${formatBytes(Math.max(0, t.tracedBytesPerRequest))} of ${formatBytes(v.slopeBytesPerRequest)}/request (${Math.round(t.accountedShare * 100)} % of the RSS slope).`,
    );
    if (t.tracer === 'tracemalloc' && t.accountedShare < LOW_ACCOUNTED_SHARE && !t.problem)
      notes.push(
        "Most of the growth is not seen by tracemalloc: it sees only allocations made through Python, not native ones (C extensions, a C library called through ctypes). Run again with --trace memray (memray in the app's venv) to name the native line.",
      );
  }
  if (t.cost)
    notes.push(
      `Cost of tracing (${t.tracer}): throughput ×${t.cost.throughputRatio.toFixed(2)} of untraced (${t.cost.tracedRequestsPerSecond.toLocaleString('en-US')} traced requests/s), ${formatBytes(t.cost.extraRssBytesPerWorker)} more RSS per worker.`,
    );
  const firstApp = t.lines.findIndex((l) => l.appFrame);
  if (t.settled) {
    const seen = t.settled.appLines.map((l) => `${shortFile(l.file)}:${l.line} ${formatBytes(l.bytesPerRequest)}/req`).join(', ');
    notes.push(
      t.settled.verdict === 'inconclusive'
        ? `No leak line: the untraced pass did not see memory keep growing (inconclusive, not still rising), so what app lines kept while tracing is not named as a leak${seen ? ` (left out: ${seen})` : ''}.`
        : `No leak line: the untraced pass judged the variant ${t.settled.verdict}, so what app lines kept while tracing is bounded (a cache filling, turnover), not a leak${seen ? ` (left out: ${seen})` : ''}.`,
    );
  } else if (t.lines.length > 0 && firstApp < 0) notes.push('No line of the app itself grew above the noise.');
  return {
    variant: v.name,
    headline: `${v.name}: traced pass (${t.tracer}, for locating only; the verdict is the untraced pass's), ${t.requests.toLocaleString('en-US')} requests over ${t.workers} worker${t.workers === 1 ? '' : 's'}`,
    notes,
    rows: t.lines.map((l, i) => traceRow(l, i === firstApp)),
  };
}

function traceRow(l: TraceLine, first: boolean): TraceRow {
  return {
    mark: first ? '→' : l.appFrame ? 'app' : '',
    where: `${shortFile(l.file)}:${l.line}`,
    code: l.code,
    bytes: `${formatBytes(l.bytesPerRequest)}/req`,
    objects: `${l.objectsPerRequest.toFixed(2)} obj/req`,
  };
}

/** An installed package's file from its package folder on; the interpreter's from lib/pythonX. */
export function shortFile(file: string): string {
  const m = /[\\/](?:site-packages|dist-packages)[\\/](.*)$/.exec(file) ?? /[\\/]lib[\\/]python[\d.]+[\\/](.*)$/.exec(file);
  return m ? m[1]! : file;
}

export function traceTerminal(run: RunRecord): string {
  const out: string[] = [];
  for (const s of traceSections(run)) {
    out.push('', s.headline, ...s.notes.map((n) => `  ${n}`));
    const cells = s.rows.map((r) => [r.mark, r.where, r.bytes, r.objects, clip(r.code, 60)]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...cells.map((c) => c[i]!.length)));
    for (const c of cells)
      out.push(
        `  ${c[0]!.padEnd(widths[0]!)}  ${c[1]!.padEnd(widths[1]!)}  ${c[2]!.padStart(widths[2]!)}  ${c[3]!.padStart(widths[3]!)}  ${c[4]}`.trimEnd(),
      );
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

export function traceMarkdown(run: RunRecord): string {
  const out: string[] = [];
  for (const s of traceSections(run)) {
    out.push(`**${mdCode(s.headline)}**`, '', ...s.notes.map((n) => `- ${mdCode(n)}`), '');
    if (s.rows.length === 0) continue;
    out.push('| | line | per request | objects | code |', '|:-:|:--|--:|--:|:--|');
    for (const r of s.rows)
      out.push(`| ${r.mark} | \`${mdCode(r.where)}\` | ${r.bytes} | ${r.objects} | \`${mdCode(r.code)}\` |`);
    out.push('');
  }
  return out.length ? `### Which lines grew (--trace)\n\n${out.join('\n').trimEnd()}\n` : '';
}

export function traceHtml(run: RunRecord): string {
  return sectionsHtml(
    'trace',
    'Which lines grew (--trace)',
    traceSections(run),
    ['', 'line', 'per request', 'objects', 'code'],
    (r) => [
      { text: r.mark },
      { text: r.where, code: true },
      { text: r.bytes },
      { text: r.objects },
      { text: r.code, code: true },
    ],
  );
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
