// Every output of a run rendered from its saved data. Both the pipeline and `leaklab report`
// call this; writing the files stays with the caller.
import type { RunRecord } from '../run-data/run-record.ts';
import type { MemoryMetric, Sample, WorkerEvent } from '../run-data/types.ts';
import { attributionHtml, attributionMarkdown, attributionTerminal } from './attribution-table.ts';
import { chartData } from './chart-data.ts';
import { renderHtml } from './html.ts';
import { leakCurveSpec } from './leak-curve-spec.ts';
import { renderMarkdown } from './markdown.ts';
import { svgToPng } from './render-png.ts';
import { specToSvg } from './render-svg.ts';
import { renderTerminalTable } from './terminal.ts';
import { traceHtml, traceMarkdown, traceTerminal } from './trace-table.ts';

export interface RenderOptions {
  /** Which memory figure the chart draws; defaults to the metric the analysis used, else RSS. */
  metric?: MemoryMetric;
  /** ANSI colours in the terminal table. */
  color?: boolean;
  /** The terminal's columns: the table fits in them. */
  width?: number;
}

export interface RenderedReport {
  svg: string;
  png: Buffer;
  markdown: string;
  html: string;
  terminal: string;
}

export async function renderAll(
  run: RunRecord,
  samples: readonly Sample[],
  events: readonly WorkerEvent[] = [],
  opts: RenderOptions = {},
): Promise<RenderedReport> {
  const metric = opts.metric ?? run.variants.find((v) => v.analysis)?.analysis?.metric ?? 'rss';
  const svg = await specToSvg(leakCurveSpec(run, chartData(samples, { metric })));
  return {
    svg,
    png: svgToPng(svg),
    markdown: renderMarkdown(run, events) + withGap(attributionMarkdown(run)) + withGap(traceMarkdown(run)),
    // The attribution and trace sections sit after the variant cards, before the run's metadata footer.
    html: renderHtml(run, svg, events).replace('</body>', `${attributionHtml(run)}${traceHtml(run)}</body>`),
    terminal:
      renderTerminalTable(run, { color: opts.color ?? false, width: opts.width }, events) +
      attributionTerminal(run) +
      traceTerminal(run),
  };
}

function withGap(section: string): string {
  return section ? `\n${section}` : '';
}

export { chartData } from './chart-data.ts';
export { renderHtml } from './html.ts';
export { leakCurveSpec } from './leak-curve-spec.ts';
export { renderMarkdown } from './markdown.ts';
export { svgToPng } from './render-png.ts';
export { specToSvg } from './render-svg.ts';
export { renderTerminalTable, renderWrittenPaths, type WrittenFile } from './terminal.ts';
