// The leak-curve chart as a vega-lite spec. One shared chart, not facets: the point of the
// chart is comparing the leaky code with its fixes, and on one y scale a fix that stays at
// 40 MiB reads as flat beside a leak that climbs to 100 MiB, which separate panels would hide.
import type { TopLevelSpec } from 'vega-lite';
import type { RunRecord } from '../run-data/run-record.ts';
import type { MemoryMetric } from '../run-data/types.ts';
import type { ChartData, ChartRow } from './chart-data.ts';

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
  const names = variantOrder(run, data.rows);
  const verdicts: Record<string, string> = {};
  for (const v of run.variants) verdicts[v.name] = v.verdict ?? v.status;
  // JSON is a valid vega expression literal, so names from user input cannot break out.
  const verdictOf = `${JSON.stringify(verdicts)}[datum.label]`;
  const legend = {
    title: 'variant',
    ...legendPlacement(names, verdicts),
    labelExpr: `datum.label + (${verdictOf} ? ': ' + ${verdictOf} : '')`,
  };
  const x = {
    field: 'requests',
    type: 'quantitative' as const,
    title: 'requests served per worker',
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
  const color = { field: 'variant', type: 'nominal' as const, scale: { domain: names, range: PALETTE }, legend };
  const strokeDash = { field: 'variant', type: 'nominal' as const, scale: { domain: names, range: DASHES }, legend };

  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [
    {
      data: { values: data.rows },
      mark: { type: 'line', strokeWidth: 1.8, opacity: 0.85, interpolate: 'linear' },
      encoding: { x, y, color, strokeDash, detail: { field: 'line', type: 'nominal' }, order: { field: 'seq' } },
    },
  ];
  if (data.restarts.length > 0) {
    layers.push({
      data: { values: data.restarts },
      mark: { type: 'point', filled: true, size: 55, opacity: 1 },
      encoding: {
        x,
        y,
        color: { ...color, legend: null },
        shape: { datum: 'worker restarted', scale: { range: ['triangle-down'] }, legend: { title: null, orient: legend.orient } },
      },
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
    height: 360,
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
      legend: { labelFontSize: 13, titleFontSize: 13, symbolStrokeWidth: 2.5, symbolSize: 220, labelLimit: 640 },
      view: { stroke: '#bbb' },
    },
  };
}

/**
 * Above the plot when every variant fits on one row: the SVG then stays narrow, so scaled to a
 * page's width its text grows. Many or long names go to the right, one per line.
 */
function legendPlacement(names: readonly string[], verdicts: Record<string, string>) {
  // ~8 px per character at 13 px DejaVu Sans, plus the symbol and the gap between entries.
  const width = names.reduce((sum, n) => sum + 40 + 8 * (n.length + 2 + (verdicts[n]?.length ?? 0)), 0);
  return width <= 640
    ? { orient: 'top' as const, direction: 'horizontal' as const, columns: Math.max(1, names.length) }
    : { orient: 'right' as const, direction: 'vertical' as const };
}

function variantOrder(run: RunRecord, rows: readonly ChartRow[]): string[] {
  const present = new Set(rows.map((r) => r.variant));
  const ordered = run.variants.map((v) => v.name).filter((n) => present.has(n));
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
