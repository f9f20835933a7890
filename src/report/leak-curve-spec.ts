// The leak-curve chart as a vega-lite spec. One shared chart, not facets: the point of the
// chart is comparing the leaky code with its fixes, and on one y scale a fix that stays at
// 40 MiB reads as flat beside a leak that climbs to 100 MiB, which separate panels would hide.
import type { TopLevelSpec } from 'vega-lite';
import { formatCount } from '../analyze/format.ts';
import type { RunRecord } from '../run-data/run-record.ts';
import type { MemoryMetric } from '../run-data/types.ts';
import { type ChartData, type ChartRow, type LifeOffset, lineLabel, seriesKey } from './chart-data.ts';

/** resvg is given this font's files; browsers without it fall back to a sans-serif. */
export const CHART_FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';

// Okabe–Ito: tells variants apart for colour-blind readers too. Vermilion first because the
// first variant of a scenario is usually the leaky one.
const PALETTE = ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
// A second cue beside colour, for greyscale prints.
const DASHES = [
  [1, 0],
  [7, 3],
  [3, 2],
  [8, 3, 2, 3],
  [4, 4],
  [1, 3],
  [10, 4],
];

/** Below this span a flat line's noise would fill the chart and look like growth. */
const MIN_Y_SPAN_FRACTION = 0.25;
const MIN_Y_SPAN_MIB = 8;

export function metricTitle(metric: MemoryMetric): string {
  return `${metric.toUpperCase()} (MiB)`;
}

export function leakCurveSpec(run: RunRecord, data: ChartData): TopLevelSpec {
  // Legend entries: each variant's web workers, and after it its Celery worker's processes if any.
  const names = seriesOrder(run, data.rows);
  const verdicts: Record<string, string> = {};
  const missed: Record<string, string> = {};
  for (const v of run.variants) {
    verdicts[v.name] = v.verdict ?? v.status;
    if (v.expectationMet === false && v.expected) missed[v.name] = `✗ expected ${v.expected}`;
    if (v.celery) verdicts[seriesKey(v.name, 'celery')] = `not judged, ${formatCount(v.celery.tasksDone)} tasks done`;
  }
  // JSON is a valid vega expression literal, so names from user input cannot break out.
  const verdictOf = `${JSON.stringify(verdicts)}[datum.label]`;
  const missedOf = `${JSON.stringify(missed)}[datum.label]`;
  const legend = {
    title: 'variant',
    ...legendPlacement(names, verdicts, missed),
    labelExpr: `datum.label + (${verdictOf} ? ': ' + ${verdictOf} : '') + (${missedOf} ? '  ' + ${missedOf} : '')`,
  };
  const x = {
    field: 'requests',
    type: 'quantitative' as const,
    // A Celery process's line is against the tasks it handled (see chart-data.ts).
    title: data.rows.some((r) => r.role)
      ? 'requests served per worker (Celery: tasks per process)'
      : 'requests served per worker',
    // '~s' alone labels the origin "0k" when vega picks one SI prefix for all ticks.
    axis: { labelExpr: "datum.value === 0 ? '0' : format(datum.value, '~s')", tickCount: 8 },
    scale: { nice: false },
  };
  const y = {
    field: 'mib',
    type: 'quantitative' as const,
    title: metricTitle(data.metric),
    scale: { domain: yDomain(data.rows), nice: false },
    axis: { format: ',.0f' },
  };
  const { colors, dashes } = seriesStyles(names, run);
  const color = { field: 'series', type: 'nominal' as const, scale: { domain: names, range: colors }, legend };
  const strokeDash = { field: 'series', type: 'nominal' as const, scale: { domain: names, range: dashes }, legend };

  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [];
  // Behind the lines, the requests served before the verdict starts looking: shaded where no
  // worker is judged yet, and each life's own warm-up as a strip in its variant's colour along
  // the bottom (overlapping shades of many lives would grey the whole plot).
  const bands = warmupBands(run, data.lives, names);
  // One strip row per variant (a Celery series has no warm-up of its own).
  const stripOrder = names.filter((n) => run.variants.some((v) => v.name === n));
  if (bands.length > 0) {
    const common = Math.min(...bands.filter((b) => b.from === 0).map((b) => b.to));
    if (Number.isFinite(common)) {
      layers.push({
        name: 'warmup',
        data: { values: [{ from: 0, to: common, text: 'warm-up, not judged' }] },
        layer: [
          {
            mark: { type: 'rect', color: '#9aa4ae', opacity: 0.16 },
            encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
          },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 6, dy: 6, color: '#5b6670', fontSize: 13 },
            encoding: { x: { field: 'from', type: 'quantitative' }, y: { value: 0 }, text: { field: 'text' } },
          },
        ],
      });
    }
    layers.push({
      name: 'warmup-strips',
      data: {
        values: bands.map((b) => ({
          ...b,
          series: b.variant,
          top: HEIGHT - STRIP * (stripOrder.indexOf(b.variant) + 1),
          bottom: HEIGHT - STRIP * stripOrder.indexOf(b.variant),
        })),
      },
      mark: { type: 'rect', opacity: 0.55 },
      encoding: {
        x: { field: 'from', type: 'quantitative' },
        x2: { field: 'to' },
        y: { field: 'top', type: 'quantitative', scale: null },
        y2: { field: 'bottom' },
        color: { ...color, legend: null },
      },
    });
  }
  layers.push({
    name: 'lines',
    data: { values: data.rows },
    mark: { type: 'line', opacity: 0.9, interpolate: 'linear' },
    encoding: {
      x,
      y,
      color,
      strokeDash,
      // Workers of one variant share its colour: the first drawn heavier, and each labelled at its end.
      strokeWidth: { field: 'slot', type: 'ordinal', scale: { range: SLOT_WIDTHS }, legend: null },
      detail: { field: 'segment', type: 'nominal' },
      order: { field: 'seq' },
    },
  });
  if (data.restarts.length > 0) {
    layers.push({
      name: 'restarts',
      data: { values: data.restarts },
      mark: { type: 'point', filled: true, size: 70, opacity: 1 },
      encoding: {
        x,
        y,
        color: { ...color, legend: null },
        shape: { datum: 'worker restarted', scale: { range: ['triangle-down'] }, legend: { title: null, orient: legend.orient } },
      },
    });
  }
  const ends = lineEnds(data.rows);
  const slots = [...new Set(ends.map((r) => r.slot))].sort((a, b) => a - b);
  for (const slot of slots) {
    // One layer per slot: a text mark's offset cannot be encoded, and lines of one variant often
    // end at the same point, where their labels would print on top of each other.
    layers.push({
      name: `worker-labels-${slot}`,
      data: { values: ends.filter((r) => r.slot === slot).map((r) => ({ ...r, label: lineLabel(r.slot, r.role) })) },
      mark: { type: 'text', align: 'left', dx: 5, dy: (slot - (slots.length - 1) / 2) * 13, fontSize: 12, fontWeight: 'bold' },
      encoding: { x, y, color: { ...color, legend: null }, text: { field: 'label' } },
    });
  }
  const webEnds = ends.filter((r) => !r.role);
  const failed = webEnds.filter(
    (r) => missed[r.variant] && r.slot === Math.min(...webEnds.filter((e) => e.variant === r.variant).map((e) => e.slot)),
  );
  if (failed.length > 0) {
    layers.push({
      name: 'failed',
      data: { values: failed.map((r) => ({ ...r, label: `${r.variant}: ${missed[r.variant]}, got ${verdicts[r.variant]}` })) },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -8, fontSize: 14, fontWeight: 'bold', color: '#b42318' },
      encoding: { x, y, text: { field: 'label' } },
    });
  }

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: run.title ?? run.scenario,
      subtitle: run.claim ? wrap(run.claim, 95) : undefined,
      anchor: 'start',
    },
    width: 720,
    height: HEIGHT,
    background: 'white',
    padding: 12,
    layer: layers,
    // The markers' colour legend stays separate (and hidden): merged with the lines' legend it
    // would draw every variant's symbol as a dot.
    resolve: { legend: { color: 'independent', strokeDash: 'independent' } },
    config: {
      font: CHART_FONT,
      title: { fontSize: 18, subtitleFontSize: 13, subtitleColor: '#444', offset: 12 },
      axis: { labelFontSize: 13, titleFontSize: 14, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
      // vega measures text without a canvas by an estimate that runs wide: room to spare.
      // offset: room for the w0, w1 labels at the lines' ends before a legend on the right.
      legend: { labelFontSize: 13, titleFontSize: 13, symbolStrokeWidth: 2.5, symbolSize: 220, labelLimit: 640, offset: 34 },
      view: { stroke: '#bbb' },
    },
  };
}

const HEIGHT = 360;
/** Height in pixels of one variant's warm-up strip. */
const STRIP = 5;

/** Stroke widths by worker slot: the first worker's line drawn heavier than the next ones. */
const SLOT_WIDTHS = [2.6, 1.5, 1.1, 2.0, 1.3, 0.9, 1.8, 1.2];

export interface WarmupBand {
  variant: string;
  slot: number;
  from: number;
  to: number;
}

/** Each analysed life's warm-up, placed where the life sits on its slot's line. */
export function warmupBands(run: RunRecord, lives: readonly LifeOffset[], names: readonly string[]): WarmupBand[] {
  const bands: WarmupBand[] = [];
  for (const v of run.variants) {
    if (!names.includes(v.name)) continue;
    for (const w of v.analysis?.workers ?? []) {
      const life = lives.find((l) => l.variant === v.name && l.pid === w.pid);
      if (!life || w.warmupEndRequests <= 0) continue;
      // A life shorter than the warm-up floor (recycled early) was warm-up all along: no further.
      const to = life.offset + Math.min(w.warmupEndRequests, w.requests);
      bands.push({ variant: v.name, slot: w.slot, from: life.offset, to });
    }
  }
  return bands;
}

/** The last point of each slot's line, where its label goes. */
function lineEnds(rows: readonly ChartRow[]): ChartRow[] {
  const last = new Map<string, ChartRow>();
  for (const r of rows) {
    const seen = last.get(r.line);
    if (!seen || r.requests > seen.requests || (r.requests === seen.requests && r.seq > seen.seq)) last.set(r.line, r);
  }
  return [...last.values()];
}

/**
 * Above the plot when every variant fits on one row: the SVG then stays narrow, so scaled to a
 * page's width its text grows. Many or long names go to the right, one per line.
 */
function legendPlacement(names: readonly string[], verdicts: Record<string, string>, missed: Record<string, string>) {
  // ~8 px per character at 13 px DejaVu Sans, plus the symbol and the gap between entries.
  const chars = (n: string) => n.length + 2 + (verdicts[n]?.length ?? 0) + (missed[n] ? missed[n].length + 2 : 0);
  const width = names.reduce((sum, n) => sum + 40 + 8 * chars(n), 0);
  return width <= 640
    ? { orient: 'top' as const, direction: 'horizontal' as const, columns: Math.max(1, names.length) }
    : { orient: 'right' as const, direction: 'vertical' as const };
}

/** A short dot: a Celery worker's processes, drawn in their variant's colour. */
const CELERY_DASH = [2, 3];

/**
 * Colour and dash per legend entry: each variant its own, in order (as before Celery series
 * existed), and a variant's Celery processes its colour with a dotted line, so the pair reads
 * as one variant. With no series yet (the live chart's base), the plain palette.
 */
function seriesStyles(names: readonly string[], run: RunRecord): { colors: string[]; dashes: number[][] } {
  if (names.length === 0) return { colors: PALETTE, dashes: DASHES };
  const variants = names.filter((n) => !names.some((m) => m !== n && n === seriesKey(m, 'celery')));
  const owner = (n: string) => run.variants.find((v) => seriesKey(v.name, 'celery') === n)?.name;
  const colors: string[] = [];
  const dashes: number[][] = [];
  for (const n of names) {
    const of = owner(n);
    const i = variants.indexOf(of !== undefined && names.includes(of) ? of : n);
    colors.push(PALETTE[Math.max(i, 0) % PALETTE.length]!);
    dashes.push(of !== undefined ? CELERY_DASH : DASHES[Math.max(i, 0) % DASHES.length]!);
  }
  return { colors, dashes };
}

function seriesOrder(run: RunRecord, rows: readonly ChartRow[]): string[] {
  const present = new Set(rows.map((r) => r.series));
  const ordered = run.variants.flatMap((v) => [v.name, seriesKey(v.name, 'celery')]).filter((n) => present.has(n));
  for (const n of present) if (!ordered.includes(n)) ordered.push(n);
  return ordered;
}

/** Tight around the data (memory rarely starts near zero), but never so tight that noise looks like a slope. */
export function yDomain(rows: readonly ChartRow[]): [number, number] {
  if (rows.length === 0) return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    lo = Math.min(lo, r.mib);
    hi = Math.max(hi, r.mib);
  }
  const minSpan = Math.max(MIN_Y_SPAN_MIB, hi * MIN_Y_SPAN_FRACTION);
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  const pad = (hi - lo) * 0.05;
  return [Math.max(0, Math.floor(lo - pad)), Math.ceil(hi + pad)];
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
