// The live chart: the static leak-curve spec (same scales, palette, dashes, title, fonts), with
// its inline data swapped for named data sets the page fills as samples stream in
// (`view.change('rows', vega.changeset().insert(...))`), a band per variant for the warm-up, and
// one drawn segment per worker life so a restart shows as a gap.
import type { TopLevelSpec } from 'vega-lite';
import type { RunRecord } from '../run-data/run-record.ts';
import { type ChartRow, seriesKey } from './chart-data.ts';
import { leakCurveSpec } from './leak-curve-spec.ts';

/** The data sets the page inserts into. */
export const LIVE_DATA = { rows: 'rows', restarts: 'restarts', warmup: 'warmup' } as const;

export interface LiveChartInfo {
  scenario: string;
  title?: string;
  claim?: string;
  variants: readonly string[];
  /** Variants that run a Celery worker: their processes get a legend entry of their own. */
  celeryVariants?: readonly string[];
}

// The spec's layers are plain JSON objects; only their shape as leakCurveSpec builds it matters here.
type Json = Record<string, unknown>;

export function liveChartSpec(info: LiveChartInfo): TopLevelSpec {
  const run = {
    scenario: info.scenario,
    title: info.title,
    claim: info.claim,
    // No verdict yet: the legend then names the variant alone (the page shows the running verdict).
    variants: info.variants.map((name) => ({ name })),
  } as unknown as RunRecord;
  const placeholder: ChartRow = {
    variant: '',
    series: '',
    slot: 0,
    line: '',
    segment: '',
    pid: 0,
    life: 0,
    requests: 0,
    mib: 0,
    seq: 0,
  };
  // One placeholder restart so leakCurveSpec emits its restart layer; its data is replaced below.
  const base = leakCurveSpec(run, { rows: [], restarts: [placeholder], lives: [], metric: 'rss' }) as unknown as Json;
  // By name: the static spec adds warm-up, label and failure layers around these two.
  const named = (name: string) => (base.layer as Json[]).find((l) => l.name === name)!;
  const lineLayer = named('lines');
  const restartLayer = named('restarts');
  const lineEnc = lineLayer.encoding as Json;
  // The domain follows the data as it arrives (the static chart computes it from all rows).
  // Whole MiB ticks: a span of a few MiB would otherwise label 0.5 MiB steps "44, 44".
  const yEnc = lineEnc.y as Json;
  const y = { ...yEnc, scale: { zero: false, nice: true }, axis: { ...(yEnc.axis as Json), tickMinStep: 1 } };
  const x = lineEnc.x as Json;
  const color = lineEnc.color as Json;
  const legend = { ...(color.legend as Json), labelExpr: 'datum.label' };
  // The static spec takes its domain from the variants present in the rows, of which there are none yet.
  const celery = new Set(info.celeryVariants ?? []);
  const domain = info.variants.flatMap((v) => (celery.has(v) ? [v, seriesKey(v, 'celery')] : [v]));
  const dash = lineEnc.strokeDash as Json;
  const colorLegend = { ...color, scale: { ...(color.scale as Json), domain }, legend };
  const dashLegend = { ...dash, scale: { ...(dash.scale as Json), domain }, legend };
  const warmup = {
    data: { name: LIVE_DATA.warmup },
    mark: { type: 'rect', opacity: 0.1 },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: x.title },
      x2: { field: 'to' },
      color: { ...colorLegend, legend: null },
      tooltip: { value: 'warm-up' },
    },
  };
  const line = {
    ...lineLayer,
    data: { name: LIVE_DATA.rows },
    encoding: {
      ...lineEnc,
      y,
      color: colorLegend,
      strokeDash: dashLegend,
      detail: { field: 'segment', type: 'nominal' },
    },
  };
  const restartEnc = restartLayer.encoding as Json;
  const restarts = {
    ...restartLayer,
    data: { name: LIVE_DATA.restarts },
    encoding: { ...restartEnc, y, color: { ...colorLegend, legend: null } },
  };
  return { ...base, layer: [warmup, line, restarts] } as unknown as TopLevelSpec;
}
