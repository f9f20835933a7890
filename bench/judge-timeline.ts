// The live judge replayed over saved runs, a line per evaluation that changed something:
// when each variant would have been decided with --until-verdict, and on what. For tuning
// and checking the verdict rules on recorded data without running load again.
//   node --import tsx bench/judge-timeline.ts <run-dir> [<run-dir> ...] [--every 5]
import { readFileSync } from 'node:fs';
import { LiveJudge } from '../src/analyze/live-judge.ts';
import { analysisOptions } from '../src/pipeline/build-record.ts';
import { readEvents } from '../src/run-data/events-jsonl.ts';
import { runPaths } from '../src/run-data/run-dir.ts';
import { readSamplesCsv } from '../src/run-data/samples-csv.ts';
import type { Sample, WorkerEvent } from '../src/run-data/types.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { planVariants, type VariantPlan } from '../src/scenario/plan.ts';

const args = process.argv.slice(2);
const everyAt = args.indexOf('--every');
const everySeconds = everyAt >= 0 ? Number(args.splice(everyAt, 2)[1]) : 10;

for (const dir of args) {
  const paths = runPaths(dir);
  const samples = readSamplesCsv(paths.samplesCsv);
  const events = readEvents(paths.eventsJsonl);
  const scenario = parseScenarioText(readFileSync(paths.scenarioYaml, 'utf8'), paths.scenarioYaml);
  for (const plan of planVariants(scenario)) {
    const timeline = replay(samples, events, plan);
    if (timeline.length === 0) continue;
    console.log(`${dir} ${plan.name} (expect ${plan.expect ?? '-'})`);
    let lastPrinted = -Infinity;
    let decidedAt: number | null = null;
    for (const { tMs, status } of timeline) {
      const a = status.analysis;
      if (!a) continue;
      const firstDecided = status.decided && decidedAt === null;
      if (firstDecided) decidedAt = tMs;
      if (!firstDecided && tMs - lastPrinted < everySeconds * 1000 && tMs !== timeline.at(-1)!.tMs) continue;
      lastPrinted = tMs;
      const slope = a.slope;
      console.log(
        `  ${(tMs / 1000).toFixed(1).padStart(6)} s  ${status.verdict.padEnd(12)} ${status.confidence.toFixed(2)}` +
          `${status.decided ? ' decided' : '        '}  slope ${Math.round(slope.bytesPerRequest)} [${Math.round(slope.low)}, ${Math.round(slope.high)}]` +
          `  growth ${(a.growthBytes / 1024).toFixed(0)} KiB  ${a.reason ?? ''}${a.requestsNeeded ? ` need ${a.requestsNeeded}` : ''}` +
          `  lives ${a.workers.map((w) => `${w.verdict[0]}${Math.round(w.slope?.bytesPerRequest ?? 0)}/${Math.round((w.growthBytes ?? 0) / 1024)}K`).join(' ')}`,
      );
    }
    console.log(`  decided at ${decidedAt === null ? 'never' : `${(decidedAt / 1000).toFixed(1)} s`}`);
  }
}

/** The live judge on the run's own 500 ms clock of sample time, as --until-verdict feeds it. */
function replay(samples: Sample[], events: WorkerEvent[], plan: VariantPlan) {
  const mine = samples.filter((s) => s.variant === plan.name).sort((a, b) => a.tMs - b.tMs);
  const exits = events.filter((e) => e.variant === plan.name && e.kind === 'exit');
  const warmupMs = plan.warmupMs ?? 0;
  const settings = { thresholds: plan.thresholds, ...(plan.warmupMs === undefined ? {} : { warmupMs: plan.warmupMs }) };
  const judge = new LiveJudge({
    ...analysisOptions(
      mine.filter((s) => s.tMs <= warmupMs + 500),
      settings,
    ),
    everyMs: 2000,
    ...(plan.thresholds.confidence === undefined ? {} : { confidence: plan.thresholds.confidence }),
  });
  const out: { tMs: number; status: ReturnType<LiveJudge['evaluate']>[number] }[] = [];
  let i = 0;
  const last = mine.at(-1)?.tMs ?? 0;
  for (let t = warmupMs + 500; t < last + 500; t += 500) {
    const batch: Sample[] = [];
    while (i < mine.length && mine[i]!.tMs < t) batch.push(mine[i++]!);
    judge.addSamples(batch);
    judge.addEvents(exits.filter((e) => e.tMs < t && e.tMs >= t - 500));
    const before = judge.verdictOf(plan.name)?.evaluations ?? 0;
    const [status] = judge.evaluate();
    if (status && status.evaluations !== before) out.push({ tMs: Math.min(t, last), status });
  }
  return out;
}
