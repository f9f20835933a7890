// `leaklab compare <before> <after>`: did a change make a leak worse? Exit 0 no regression,
// 1 a regression, 2 runs that cannot be compared (or are not runs). With --markdown or --out,
// a before/after chart per variant is written and linked from the Markdown.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { incomparabilities, type RunSide } from '../../compare/comparable.ts';
import { type ChartLink, comparisonMarkdown } from '../../compare/compare-markdown.ts';
import { type Comparison, compareRuns, DEFAULT_MAX_SLOPE_INCREASE } from '../../compare/compare-runs.ts';
import { ExitCode, type ExitCodeValue, InputError } from '../../core/errors.ts';
import { readRunRecord, runPaths } from '../../run-data/run-dir.ts';
import { readSamplesCsv } from '../../run-data/samples-csv.ts';
import { isWebSample, type MemoryMetric, type Sample } from '../../run-data/types.ts';
import { parseScenarioText } from '../../scenario/load.ts';
import { planVariants } from '../../scenario/plan.ts';
import type { CliIo } from '../io.ts';

export interface CompareFlags {
  markdown?: string;
  out?: string;
  maxSlopeIncrease?: string;
}

export async function compareCommand(before: string, after: string, flags: CompareFlags, io: CliIo): Promise<ExitCodeValue> {
  const limit = flags.maxSlopeIncrease === undefined ? DEFAULT_MAX_SLOPE_INCREASE : Number(flags.maxSlopeIncrease);
  if (!Number.isFinite(limit) || limit < 0) {
    throw new InputError(`--max-slope-increase "${flags.maxSlopeIncrease}" is not a number of bytes`, {
      hint: 'e.g. --max-slope-increase 128',
    });
  }
  // Checked before anything is read: writeFileSync into a missing folder was an "unexpected error".
  const markdownDir = flags.markdown === undefined ? undefined : dirname(resolve(io.cwd, flags.markdown));
  if (markdownDir !== undefined && !statSync(markdownDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`--markdown ${flags.markdown}: no folder ${markdownDir}`, { hint: 'create the folder first' });
  }
  const dirs = [before, after].map((d) => resolve(io.cwd, d)) as [string, string];
  const [b, a] = dirs.map(readSide) as [RunSide, RunSide];
  const problems = incomparabilities(b, a);
  if (problems.length > 0) {
    throw new InputError('these runs cannot be compared', {
      details: problems,
      hint: 'compare runs of the same scenario file, with the same variants setup and flags',
    });
  }
  const comparison = compareRuns(b.record, a.record, { maxSlopeIncrease: limit });
  const markdownFile = flags.markdown === undefined ? undefined : resolve(io.cwd, flags.markdown);
  const chartDir = flags.out !== undefined ? resolve(io.cwd, flags.out) : markdownFile && dirname(markdownFile);
  const charts = chartDir ? await writeCharts(comparison, dirs, chartDir) : [];
  const linkBase = markdownFile ? dirname(markdownFile) : io.cwd;
  const links: ChartLink[] = charts.map((c) => ({ variant: c.variant, png: relative(linkBase, c.png) }));
  const markdown = comparisonMarkdown(comparison, { before: b.record.runId, after: a.record.runId }, links);
  if (markdownFile) writeFileSync(markdownFile, markdown);
  io.stdout(markdown);
  return comparison.regressions > 0 ? ExitCode.expectationFailed : ExitCode.ok;
}

function readSide(dir: string): RunSide {
  const paths = runPaths(dir);
  if (!existsSync(paths.runJson)) {
    throw new InputError(`${dir} is not a leaklab run directory (no run.json)`, { hint: 'pass folders under results/' });
  }
  let record: RunSide['record'];
  try {
    record = readRunRecord(dir);
  } catch (err) {
    throw new InputError(`${paths.runJson} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const plans = existsSync(paths.scenarioYaml)
    ? planVariants(parseScenarioText(readFileSync(paths.scenarioYaml, 'utf8'), paths.scenarioYaml))
    : null;
  return { record, plans };
}

/** One chart per variant measured in both runs; vega is loaded only when a chart is drawn. */
async function writeCharts(c: Comparison, [beforeDir, afterDir]: [string, string], outDir: string) {
  const both = c.changes.filter((ch) => ch.before?.status === 'complete' && ch.after?.status === 'complete');
  const [beforeSamples, afterSamples] = [beforeDir, afterDir].map(samplesOf);
  if (both.length === 0 || !beforeSamples || !afterSamples) return [];
  const [{ compareChartSpec }, { specToSvg }, { svgToPng }] = await Promise.all([
    import('../../report/compare-chart.ts'),
    import('../../report/render-svg.ts'),
    import('../../report/render-png.ts'),
  ]);
  mkdirSync(outDir, { recursive: true });
  const written: { variant: string; svg: string; png: string }[] = [];
  for (const ch of both) {
    const side = (v: typeof ch.before, samples: Sample[]) => ({
      verdict: v?.verdict ?? v?.status ?? 'missing',
      samples: samples.filter((s) => s.variant === ch.name),
    });
    const sides = [side(ch.before, beforeSamples), side(ch.after, afterSamples)] as const;
    if (sides.some((x) => x.samples.length === 0)) continue;
    const metric: MemoryMetric = ch.after?.analysis?.metric ?? ch.before?.analysis?.metric ?? 'rss';
    const svg = await specToSvg(compareChartSpec(ch.name, sides[0], sides[1], metric));
    const base = join(outDir, `compare-${fileSafe(ch.name)}`);
    writeFileSync(`${base}.svg`, svg);
    writeFileSync(`${base}.png`, svgToPng(svg));
    written.push({ variant: ch.name, svg: `${base}.svg`, png: `${base}.png` });
  }
  return written;
}

function samplesOf(dir: string): Sample[] | null {
  const file = runPaths(dir).samplesCsv;
  // The web workers: a Celery worker's processes are not what the verdicts compared.
  return existsSync(file) ? readSamplesCsv(file).filter(isWebSample) : null;
}

/** A variant name as a file name: anything but letters, digits, dot, dash and underscore becomes a dash. */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'variant';
}
