// Analyse and render a run from what is in its directory: run.json (load figures, statuses),
// scenario.yaml (expectations, thresholds), samples.csv and events.jsonl. `leaklab run` ends
// with this and `leaklab report <run-dir>` is only this, so both always agree.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { analysedAttribution } from '../analyze/attribution-record.ts';
import { renderAll } from '../report/index.ts';
import type { WrittenFile } from '../report/terminal.ts';
import { readEntryCounts } from '../run-data/entry-counts-csv.ts';
import { readEvents } from '../run-data/events-jsonl.ts';
import { type RunPaths, readRunRecord, runPaths, writeFileAtomic, writeRunRecord } from '../run-data/run-dir.ts';
import type { RunRecord } from '../run-data/run-record.ts';
import { readSamplesCsv } from '../run-data/samples-csv.ts';
import { isWebSample } from '../run-data/types.ts';
import { parseScenarioText } from '../scenario/load.ts';
import { planVariants } from '../scenario/plan.ts';
import { analysedRecord } from './build-record.ts';
import { recoveredRecord } from './recover-run.ts';
import { analysedTrace } from './trace-analysis.ts';

export interface FinalizedRun {
  record: RunRecord;
  paths: RunPaths;
  terminal: string;
  written: WrittenFile[];
}

export async function finalizeRun(dir: string, opts: { color?: boolean; width?: number } = {}): Promise<FinalizedRun> {
  const paths = runPaths(dir);
  const scenario = parseScenarioText(readFileSync(paths.scenarioYaml, 'utf8'), paths.scenarioYaml);
  const plans = new Map(planVariants(scenario).map((p) => [p.name, p]));
  const warnings: string[] = [];
  const warn = (line: string) => warnings.push(`warning: ${line}`);
  const samples = readEntryCounts(
    paths.entryCountsCsv,
    existsSync(paths.samplesCsv) ? readSamplesCsv(paths.samplesCsv, warn) : [],
    warn,
  );
  // A run.json that still says `running` was killed: its storming variant is rebuilt from samples.csv.
  const collected = recoveredRecord(readRunRecord(dir), samples, plans);
  const events = readEvents(paths.eventsJsonl, warn);

  const variants = collected.variants
    .map((v) =>
      analysedRecord(
        v,
        plans.get(v.name) ?? { thresholds: {} },
        samples.filter((s) => s.variant === v.name),
        events.filter((e) => e.variant === v.name),
      ),
    )
    .map((v) =>
      v.trace
        ? {
            ...v,
            trace: analysedTrace(dir, v.name, v.trace, v.slopeBytesPerRequest, {
              verdict: v.verdict,
              reason: v.analysis?.reason,
            }),
          }
        : v,
    )
    .map((v) =>
      v.attribution
        ? {
            ...v,
            attribution: analysedAttribution(
              v,
              samples.filter((s) => s.variant === v.name && isWebSample(s)),
              plans.get(v.name)?.mix ?? [],
            ),
          }
        : v,
    );
  const record: RunRecord = { ...collected, variants };
  writeRunRecord(paths, record);

  const rendered = await renderAll(record, samples, events, { color: opts.color, width: opts.width });
  writeFileAtomic(paths.chartSvg, rendered.svg);
  writeFileAtomic(paths.chartPng, rendered.png);
  writeFileAtomic(paths.summaryMd, rendered.markdown);
  writeFileSync(paths.reportHtml, rendered.html);
  const written: WrittenFile[] = [
    { label: 'run record', path: paths.runJson },
    { label: 'samples', path: paths.samplesCsv },
    { label: 'summary', path: paths.summaryMd },
    { label: 'chart', path: paths.chartPng },
    { label: 'chart (svg)', path: paths.chartSvg },
    { label: 'report', path: paths.reportHtml },
  ];
  return { record, paths, terminal: [...warnings, rendered.terminal].join('\n'), written };
}
