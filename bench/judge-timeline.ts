// The live judge replayed over saved runs, the way `leaklab replay` and --until-verdict feed it
// (runningVerdicts): when each variant would have been decided, and on what. For tuning and
// checking the verdict rules on recorded data without running load again.
//   node --import tsx bench/judge-timeline.ts <run-dir> [<run-dir> ...] [--every 5]
import { readFileSync } from 'node:fs';
import type { LiveVerdict } from '../src/analyze/live-judge.ts';
import { runningVerdicts } from '../src/pipeline/replay-verdicts.ts';
import { readEvents } from '../src/run-data/events-jsonl.ts';
import { runPaths } from '../src/run-data/run-dir.ts';
import { readSamplesCsv } from '../src/run-data/samples-csv.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { planVariants } from '../src/scenario/plan.ts';

const args = process.argv.slice(2);
const everyAt = args.indexOf('--every');
const everySeconds = everyAt >= 0 ? Number(args.splice(everyAt, 2)[1]) : 10;

for (const dir of args) {
  const paths = runPaths(dir);
  const samples = readSamplesCsv(paths.samplesCsv);
  const events = readEvents(paths.eventsJsonl);
  const scenario = parseScenarioText(readFileSync(paths.scenarioYaml, 'utf8'), paths.scenarioYaml);
  for (const plan of planVariants(scenario)) {
    const timeline: { tMs: number; v: LiveVerdict }[] = [];
    runningVerdicts(samples, events, plan, (tMs, v) => timeline.push({ tMs, v }));
    if (timeline.length === 0) continue;
    console.log(`${dir} ${plan.name} (expect ${plan.expect ?? '-'})`);
    let lastPrinted = -Infinity;
    let decidedAt: number | null = null;
    for (const { tMs, v } of timeline) {
      const firstDecided = v.decided && decidedAt === null;
      if (firstDecided) decidedAt = tMs;
      if (!firstDecided && tMs - lastPrinted < everySeconds * 1000 && tMs !== timeline.at(-1)!.tMs) continue;
      lastPrinted = tMs;
      console.log(`  ${(tMs / 1000).toFixed(1).padStart(6)} s  ${line(v)}`);
    }
    console.log(`  decided at ${decidedAt === null ? 'never' : `${(decidedAt / 1000).toFixed(1)} s`}`);
  }
}

function line(v: LiveVerdict): string {
  const a = v.analysis;
  const s = a.slope;
  const lives = a.workers.map(
    (w) => `${w.verdict[0]}${Math.round(w.slope?.bytesPerRequest ?? 0)}/${Math.round(w.growthBytes / 1024)}K`,
  );
  return (
    `${v.verdict.padEnd(12)} ${v.confidence.toFixed(2)}${v.decided ? ' decided' : '        '}` +
    `  slope ${Math.round(s.bytesPerRequest)} [${Math.round(s.low)}, ${Math.round(s.high)}]` +
    `  growth ${(a.growthBytes / 1024).toFixed(0)} KiB  ${a.reason ?? ''}${a.requestsNeeded ? ` need ${a.requestsNeeded}` : ''}` +
    `  lives ${lives.join(' ')}`
  );
}
