// One variant's memory before and after a change, on one chart: the same axes for both runs,
// so a fix reads as the solid line staying low under the dashed one. Pure: a vega-lite spec.
import type { TopLevelSpec } from 'vega-lite';
import type { MemoryMetric, Sample } from '../run-data/types.ts';
import { chartData } from './chart-data.ts';
import { CHART_FONT, metricTitle, yDomain } from './leak-curve-spec.ts';

export interface CompareSide {
  /** The verdict (or status) shown in the legend. */
  verdict: string;
  /** This variant's samples in that run. */
  samples: readonly Sample[];
}

/** Grey-blue for the old code, vermilion for the new: the eye goes to the change. */
const RANGE = { before: '#56789A', after: '#D55E00' };

export function compareChartSpec(
  variant: string,
  before: CompareSide,
  after: CompareSide,
  metric: MemoryMetric = 'rss',
): TopLevelSpec {
  const labels = { before: `before: ${before.verdict}`, after: `after: ${after.verdict}` };
  const rows = (['before', 'after'] as const).flatMap((run) =>
    chartData(run === 'before' ? before.samples : after.samples, { metric }).rows.map((r) => ({
      ...r,
      run: labels[run],
      line: `${run} ${r.line}`,
    })),
  );
  const domain = [labels.before, labels.after];
  const encoding = {
    x: {
      field: 'requests',
      type: 'quantitative',
      title: 'requests served per worker',
      axis: { labelExpr: "datum.value === 0 ? '0' : format(datum.value, '~s')", tickCount: 8 },
      scale: { nice: false },
    },
    y: {
      field: 'mib',
      type: 'quantitative',
      title: metricTitle(metric),
      scale: { domain: yDomain(rows), nice: false },
      axis: { format: ',.0f' },
    },
    color: {
      field: 'run',
      type: 'nominal',
      scale: { domain, range: [RANGE.before, RANGE.after] },
      legend: { title: null, orient: 'top' },
    },
    strokeDash: {
      field: 'run',
      type: 'nominal',
      scale: {
        domain,
        range: [
          [6, 4],
          [1, 0],
        ],
      },
      legend: { title: null, orient: 'top' },
    },
    detail: { field: 'line', type: 'nominal' },
    order: { field: 'seq' },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${variant}: before and after`, anchor: 'start' },
    width: 720,
    height: 320,
    background: 'white',
    padding: 12,
    // The before run is drawn last, on top: its dashes let an identical after line show through.
    layer: [labels.after, labels.before].map((run) => ({
      data: { values: rows.filter((r) => r.run === run) },
      mark: { type: 'line' as const, strokeWidth: 1.8, opacity: 0.9 },
      encoding,
    })),

    config: {
      font: CHART_FONT,
      title: { fontSize: 16 },
      axis: { labelFontSize: 13, titleFontSize: 14, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
      legend: { labelFontSize: 13, symbolStrokeWidth: 2.5, symbolSize: 300, labelLimit: 400 },
      view: { stroke: '#bbb' },
    },
  };
}
