// npm run bench [-- --part load,sampler,harness,verdicts,until,kills,mixed,trace] [--mixed-runs 10] [--runs 20] [--harness-seconds 600]
//   [--verdicts leaky,rates,fixed,bounded,sawtooth] [--until leaky,fixed,rate,mixed] [--load-seconds 10] [--max-repeats 3]
//   [--trace leaky,fixed,native,memray]
//   [--attribution sample,bookshelf] [--attribution-runs 10] [--demo-runs 3]
// Measurement-quality figures, each as a ratio or a count against its target, measured in one
// sitting on this machine; written to results/bench.json (parts merge into what is there), and
// the printed lines appended to results/bench-history.jsonl.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from '../src/analyze/robust-stats.ts';
import { startBenchServer } from './app-server.ts';
import { attributionLines, benchAttribution } from './attribution.ts';
import { bookshelfCopy } from './bookshelf-app.ts';
import { benchDemo, demoLine } from './demo.ts';
import { runFairRounds } from './fair-rounds.ts';
import { benchHarnessRss } from './harness-rss.ts';
import { benchKills } from './kills.ts';
import { benchLoadFidelity } from './load-fidelity.ts';
import { benchMixed, summaryLine } from './mixed.ts';
import { benchSamplerCost } from './sampler-cost.ts';
import { benchTrace, type TraceBench, traceLine } from './trace.ts';
import { benchUntil, type UntilComparison, untilLine } from './until.ts';
import { benchFalseVerdicts, benchTimeToVerdict } from './verdicts.ts';
import { readWorkerCounters } from './worker-counters.ts';
import { unfairRound } from './worker-spread.ts';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));
// `until`, `kills`, `mixed`, `trace`, `attribution` and `demo` are opt-in (not in the default set): each takes minutes.
const PARTS = ['load', 'sampler', 'harness', 'verdicts', 'until', 'kills', 'mixed', 'trace', 'attribution', 'demo'] as const;
const DEFAULT_PARTS = ['load', 'sampler', 'harness', 'verdicts'];
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: DEFAULT_PARTS.join(',') },
    runs: { type: 'string', default: '20' },
    // Runs of each variant of the bookshelf five-page mix (issue 8's done-when: 10 each).
    'mixed-runs': { type: 'string', default: '10' },
    'harness-seconds': { type: 'string', default: '120' },
    'load-seconds': { type: 'string', default: '10' },
    // A gthread round whose keep-alive connections all land on one worker is repeated this many times at most.
    'max-repeats': { type: 'string', default: '3' },
    verdicts: { type: 'string', default: 'leaky,rates,fixed,bounded,sawtooth' },
    until: { type: 'string', default: 'leaky,fixed,rate,mixed' },
    trace: { type: 'string', default: 'leaky,fixed,native,memray' },
    // Which apps the attribution part runs: the sample app's mixed-endpoints, the bookshelf fixture (slow).
    attribution: { type: 'string', default: 'sample' },
    'attribution-runs': { type: 'string', default: '10' },
    // Whole quick demos (issue 11's done-when: <= 6 minutes, every expectation held); ~4 min each.
    'demo-runs': { type: 'string', default: '3' },
  },
});
const parts = (values.part ?? '').split(',').filter(Boolean) as Part[];
const unknown = parts.filter((p) => !PARTS.includes(p));
if (unknown.length) {
  console.error(`bench: unknown part ${unknown.join(', ')}; parts are ${PARTS.join(', ')}`);
  process.exit(2);
}
const maxRepeats = Number(values['max-repeats']);
if (!Number.isInteger(maxRepeats) || maxRepeats < 0) {
  console.error(`bench: --max-repeats takes a whole number >= 0, not ${values['max-repeats']}`);
  process.exit(2);
}

// Other work on the machine takes CPU from Gunicorn and the clients alike: the load average says how much.
const machine = { cores: availableParallelism(), node: process.version, loadAverage1m: Number(loadavg()[0]?.toFixed(2)) };
const out: Record<string, unknown> = { machine };
const printed: string[] = [];
const say = (line: string) => {
  printed.push(line);
  console.log(line);
};
say(
  `bench: ${machine.cores} cores, load average ${machine.loadAverage1m} at the start (figures are indicative when it is above ${machine.cores})`,
);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const ok = (pass: boolean) => (pass ? 'PASS' : 'MISS');

if (parts.includes('load')) {
  const seconds = Number(values['load-seconds']);
  const results: Record<string, unknown> = {};
  for (const kind of [
    { name: 'sync', keepAlive: false, g: { workerClass: 'sync' as const } },
    { name: 'gthread', keepAlive: true, g: { workerClass: 'gthread' as const, threads: 4 } },
  ]) {
    const workers = 2;
    const server = await startBenchServer({ workers, ...kind.g });
    try {
      const { kept: rounds, rejected } = await runFairRounds({
        rounds: 3,
        maxRepeats,
        // Alternate who goes first: the machine's state drifts, and the second runner would always meet it.
        run: (round) =>
          benchLoadFidelity({
            host: server.host,
            port: server.port,
            keepAlive: kind.keepAlive,
            seconds,
            connections: 8,
            path: '/ok/',
            leaklabFirst: round % 2 === 0,
            counters: { workers, read: () => readWorkerCounters(server.stateDir) },
          }),
        unfair: (r) => unfairRound(r.spread),
        say: (line) => say(`load/${kind.name}: ${line}`),
      });
      results[kind.name] = {
        rounds,
        unfair: rejected.map(({ round, attempt, why, discarded, result }) => ({ round, attempt, why, discarded, ...result })),
      };
      const repeats = rejected.length ? `; ${rejected.length} unfair attempt(s) left out, see above` : '';
      if (rounds.length === 0) {
        say(`load/${kind.name}: no fair round, so no figure${repeats}`);
        continue;
      }
      const withWrk = rounds.filter((r) => r.ratio);
      if (withWrk.length === 0) {
        say(
          `load/${kind.name}: wrk unavailable (${rounds[0]?.message}); leaklab alone: ${Math.round(median(rounds.map((r) => r.leaklab.requestsPerSecond)))} req/s${repeats}`,
        );
        continue;
      }
      const rps = median(withWrk.map((r) => r.ratio!.rps));
      const p50 = median(withWrk.map((r) => r.ratio!.p50));
      const p99 = median(withWrk.map((r) => r.ratio!.p99));
      say(
        `load/${kind.name}: leaklab ${Math.round(median(withWrk.map((r) => r.leaklab.requestsPerSecond)))} req/s vs wrk ${Math.round(median(withWrk.map((r) => r.wrk!.rps)))}: ` +
          `throughput ${rps.toFixed(2)}x [${ok(rps >= 0.9)} >= 0.9], p50 ${p50.toFixed(2)}x, p99 ${p99.toFixed(2)}x [${ok(Math.abs(p50 - 1) <= 0.25 && Math.abs(p99 - 1) <= 0.25)} within 25 %] ` +
          `(median of ${withWrk.length} fair rounds: ${withWrk.map((r) => r.ratio!.rps.toFixed(2)).join(', ')}${repeats}); ` +
          // On a saturated 2-core machine the client's CPU is taken from Gunicorn: this is what limits the ratio.
          `client CPU per request: wrk ${cpuPerRequestUs(withWrk, 'wrk')} µs, leaklab ${cpuPerRequestUs(withWrk, 'leaklab')} µs`,
      );
    } finally {
      await server.close();
    }
  }
  out.load = results;
}

if (parts.includes('sampler')) {
  const r = await benchSamplerCost({ seconds: 20, workers: 8 });
  out.sampler = r;
  say(
    `sampler: ${r.workers} workers at 10 Hz (smaps at most 2 Hz, held to a 0.4 % budget) under a ${r.stormRequestsPerSecond} req/s storm: ` +
      `CPU ${r.costPercentOfCore.toFixed(2)} % of a core [${ok(r.costPercentOfCore <= 1)} <= 1 %] (wall time in ticks under load ${r.tickWallPercentUnderLoad.toFixed(2)} %), ` +
      `interval error p50 ${r.intervalErrorMsP50} ms, p99 ${r.intervalErrorMsP99} ms [${ok(r.intervalErrorMsP99 <= 20)} <= 20 ms], max ${r.intervalErrorMsMax} ms`,
  );
}

if (parts.includes('harness')) {
  const seconds = Number(values['harness-seconds']);
  const r = await benchHarnessRss({ seconds });
  out.harness = r;
  const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
  say(
    `harness: RSS ${mib(r.rssAfterWarmup)} -> ${mib(r.rssAtEnd)} over a ${seconds}s storm (${r.requests} requests, ${r.samples} samples): ` +
      `growth ${mib(r.growthBytes)} [${ok(r.growthBytes < 5 * 1048576)} < 5 MiB${seconds < 600 ? '; the target is for 600 s: --harness-seconds 600' : ''}]`,
  );
}

if (parts.includes('verdicts')) {
  const runs = Number(values.runs);
  const want = new Set((values.verdicts ?? '').split(','));
  const at = (t: { leakAfterSeconds: number | null; requestsPerWorkerAtLeak: number | null }) =>
    t.leakAfterSeconds === null ? 'never' : `${t.leakAfterSeconds}s (${t.requestsPerWorkerAtLeak} requests/worker)`;
  const kept = (e: string[]) => (e.length ? `; wrong verdicts kept in ${e.join(', ')}` : '');
  const verdicts: Record<string, unknown> = {};
  if (want.has('leaky')) {
    const leaky = await benchTimeToVerdict('global-list', 'leaky', 10, 1);
    verdicts.leaky = leaky;
    say(
      `verdicts: global-list leaky judged leak after ${at(leaky)} [${ok(leaky.leakAfterSeconds !== null && leaky.leakAfterSeconds <= 5)} <= 5 s]`,
    );
  }
  if (want.has('rates')) {
    const r256 = await benchTimeToVerdict('leak-rate', '256b', 60, 5);
    const r64 = await benchTimeToVerdict('leak-rate', '64b', 60, 5);
    verdicts.r256 = r256;
    verdicts.r64 = r64;
    const last64 = r64.checkpoints[r64.checkpoints.length - 1];
    say(
      `verdicts: 256 B/request leak judged leak after ${at(r256)} [${ok(r256.leakAfterSeconds !== null && r256.leakAfterSeconds <= 60)} <= 60 s]`,
    );
    say(
      `verdicts: 64 B/request leak: ${at(r64)}; at 60 s ${last64?.verdict}, slope ${last64?.slope.toFixed(0)} B/request (CI ${last64?.low.toFixed(0)}-${last64?.high.toFixed(0)})`,
    );
  }
  if (want.has('fixed')) {
    const fixed = await benchFalseVerdicts('global-list', 'fixed', runs, 'flat');
    verdicts.fixed = fixed;
    say(
      `verdicts: fixed, ${fixed.runs} runs: ${JSON.stringify(fixed.verdicts)}, false leaks ${fixed.falseLeaks} [${ok(fixed.falseLeaks === 0)}]${kept(fixed.evidence)}`,
    );
  }
  if (want.has('bounded')) {
    const bounded = await benchFalseVerdicts('bounded-cache', 'lru-10k', runs, 'bounded');
    verdicts.bounded = bounded;
    say(
      `verdicts: bounded cache, ${bounded.runs} runs: ${JSON.stringify(bounded.verdicts)}, false leaks ${bounded.falseLeaks} [${ok(bounded.falseLeaks === 0)}], bounded ${pct((bounded.verdicts.bounded ?? 0) / bounded.runs)}${kept(bounded.evidence)}`,
    );
  }
  if (want.has('sawtooth')) {
    const saw = await benchFalseVerdicts('global-list', 'leaky-max-requests', Math.min(runs, 5), 'sawtooth');
    verdicts.sawtooth = saw;
    say(`verdicts: max_requests on the leak, ${saw.runs} runs: ${JSON.stringify(saw.verdicts)}${kept(saw.evidence)}`);
  }
  out.verdicts = verdicts;
}

if (parts.includes('until')) {
  const want = new Set((values.until ?? '').split(','));
  const scenario = (name: string) => fileURLToPath(new URL(`../scenarios/${name}.yaml`, import.meta.url));
  const pairs: UntilComparison[] = [];
  const measure = async (c: Promise<UntilComparison>) => {
    const r = await c;
    pairs.push(r);
    say(untilLine(r));
  };
  if (want.has('leaky')) await measure(benchUntil('global-list leaky', scenario('global-list'), 'leaky'));
  if (want.has('fixed')) await measure(benchUntil('global-list fixed', scenario('global-list'), 'fixed'));
  if (want.has('rate')) await measure(benchUntil('leak-rate 256 B/request', scenario('leak-rate'), '256b'));
  if (want.has('mixed')) {
    // One of five kinds of page leaks, at 1/8 of the traffic; the quick request count is the cap.
    const app = bookshelfCopy();
    try {
      await measure(benchUntil('bookshelf mix, 1/8 leaking', app.scenarioFile, 'with-recent', { quick: true }));
    } finally {
      rmSync(app.root, { recursive: true, force: true });
    }
  }
  out.until = pairs;
}

if (parts.includes('mixed')) {
  const m = await benchMixed({ runs: Number(values['mixed-runs']), log: (line) => console.error(line) });
  out.mixed = m;
  for (const s of m.summary) say(summaryLine(s, ok));
}

if (parts.includes('trace')) {
  const want = new Set((values.trace ?? '').split(','));
  const scenario = (name: string) => fileURLToPath(new URL(`../scenarios/${name}.yaml`, import.meta.url));
  const cases = [
    {
      key: 'leaky',
      label: 'global-list leaky',
      scenarioFile: scenario('global-list'),
      variant: 'leaky',
      tracer: 'tracemalloc' as const,
    },
    {
      key: 'fixed',
      label: 'global-list fixed',
      scenarioFile: scenario('global-list'),
      variant: 'fixed',
      tracer: 'tracemalloc' as const,
    },
    {
      key: 'native',
      label: 'native-leak leaky',
      scenarioFile: scenario('native-leak'),
      variant: 'leaky',
      tracer: 'tracemalloc' as const,
    },
    // memray must be in the app's venv (sample-django-app/requirements-trace.txt); without it the line says so.
    {
      key: 'memray',
      label: 'native-leak leaky',
      scenarioFile: scenario('native-leak'),
      variant: 'leaky',
      tracer: 'memray' as const,
    },
  ];
  const results: TraceBench[] = [];
  for (const c of cases.filter((c) => want.has(c.key))) {
    const r = await benchTrace(c);
    results.push(r);
    say(traceLine(r));
  }
  out.trace = results;
}

if (parts.includes('attribution')) {
  const want = new Set((values.attribution ?? '').split(','));
  const runs = Number(values['attribution-runs']);
  const results: Awaited<ReturnType<typeof benchAttribution>>[] = [];
  const measure = async (r: Awaited<ReturnType<typeof benchAttribution>>) => {
    results.push(r);
    for (const line of attributionLines(r)) say(line);
  };
  if (want.has('sample'))
    await measure(
      await benchAttribution({
        label: 'mixed-endpoints (sample app), 4 KiB/hit at 1/8',
        file: fileURLToPath(new URL('../scenarios/mixed-endpoints.yaml', import.meta.url)),
        variant: 'one-leaks',
        leakingPath: '/leaks/leak-rate/?bytes=4096',
        runs,
        overrides: { quick: true },
        log: console.error,
      }),
    );
  if (want.has('bookshelf')) {
    const app = bookshelfCopy();
    try {
      await measure(
        await benchAttribution({
          label: 'bookshelf, recently-viewed strip ~1 KiB/hit at 1/8',
          file: join(dirname(app.scenarioFile), 'attribution.yaml'),
          variant: 'with-recent',
          leakingPath: '/books/recent/?id={rand:1:200}',
          runs,
          overrides: { quick: true },
          log: console.error,
        }),
      );
    } finally {
      rmSync(app.root, { recursive: true, force: true });
    }
  }
  out.attribution = results;
}

if (parts.includes('demo')) {
  const runs = benchDemo({ runs: Number(values['demo-runs']), log: console.error });
  out.demo = runs;
  for (const r of runs) say(`demo: quick demo ${demoLine(r)}`);
}

if (!existsSync(RESULTS)) mkdirSync(RESULTS, { recursive: true });
if (parts.includes('kills')) {
  const k = await benchKills({ runs: Number(values.runs), log: console.log });
  out.kills = k;
  say(
    `kills: ${k.runs} SIGKILLs (${k.earlyKills} within 0.2 s of a master appearing): ${k.processesLeft} processes left after 3 s [${ok(k.processesLeft === 0)}, target 0]`,
  );
  say(
    `kills: the kills left ${k.scratchLeftByKills} scratch folders and ${k.deadSegmentsAfterKills} dead PostgreSQL shared-memory segments; after the next run: ${k.processesAfterNextRun} processes, ${k.scratchAfterNextRun} scratch folders, ${k.deadSegmentsAfterNextRun} dead segments [${ok(k.processesAfterNextRun + k.scratchAfterNextRun + k.deadSegmentsAfterNextRun === 0)}, target 0]`,
  );
  say(
    `kills: report recovered ${k.runsRecovered} of ${k.runsWithSamples} killed runs that had samples [${ok(k.runsRecovered === k.runsWithSamples)}]${k.notRecovered.length ? `: ${k.notRecovered.join('; ')}` : ''}`,
  );
}

const file = `${RESULTS}bench.json`;
const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
const measuredAt = new Date().toISOString();
writeFileSync(file, `${JSON.stringify({ ...previous, ...out, measuredAt }, null, 2)}\n`);
// The measurement history lives here, one line per run, not in the docs: the README keeps the current figure.
const history = `${RESULTS}bench-history.jsonl`;
appendFileSync(history, `${JSON.stringify({ measuredAt, parts, machine, printed })}\n`);
say(`written: ${file}, ${history}`);

/** Median CPU per request (µs) of one client over the rounds: its share of a core / its req/s. */
function cpuPerRequestUs(rounds: Awaited<ReturnType<typeof benchLoadFidelity>>[], who: 'wrk' | 'leaklab'): string {
  const perRequest = rounds.flatMap((r) => {
    const cores = r.cpu[who];
    const rps = who === 'wrk' ? r.wrk?.rps : r.leaklab.requestsPerSecond;
    return cores !== null && rps ? [(cores / rps) * 1e6] : [];
  });
  return perRequest.length ? median(perRequest).toFixed(0) : '?';
}
