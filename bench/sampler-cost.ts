// What sampling costs, at 10 Hz over 8 workers. CPU: the wall time spent inside sampler ticks
// while nothing else runs. Ticks are synchronous, so unpreempted wall time is CPU time; the
// process's CPU clock would be worse here: this kernel charges CPU by scheduler tick, and a
// timer-woken thread is running on the tick far more often than chance, so 10 short wake-ups a
// second were charged ~0.6 % of a core for ~0.03 ms of work each. Under a full storm: how late
// ticks start (the interval error) and the wall time inside ticks again (an upper bound now:
// a preempted tick keeps counting).
import { startBenchServer } from './app-server.ts';
import { percentile } from './percentile.ts';
import { sampledStorm, startBenchSampler } from './sampled-storm.ts';

export interface SamplerCostResult {
  workers: number;
  intervalMs: number;
  smapsIntervalMs: number;
  seconds: number;
  ticks: number;
  samples: number;
  /** CPU of the sampler alone (wall time inside ticks with nothing else running), % of one core. */
  costPercentOfCore: number;
  /** Wall time inside ticks under the storm, % of the elapsed time (upper bound). */
  tickWallPercentUnderLoad: number;
  tickCostMsP50: number;
  tickCostMsP99: number;
  intervalErrorMsP50: number;
  intervalErrorMsP99: number;
  intervalErrorMsMax: number;
  stormRequestsPerSecond: number;
}

export async function benchSamplerCost(o: { seconds: number; workers: number }): Promise<SamplerCostResult> {
  const server = await startBenchServer({ workers: o.workers });
  try {
    const cpuPercent = await samplerCpuPercent(server, o.seconds / 2);
    const lateness: number[] = [];
    const costs: number[] = [];
    let samples = 0;
    const { load, elapsedMs } = await sampledStorm(server, {
      path: '/ok/',
      seconds: o.seconds,
      onSample: () => samples++,
      onTick: (late, cost) => {
        lateness.push(late);
        costs.push(cost);
      },
    });
    const totalCost = costs.reduce((a, b) => a + b, 0);
    return {
      workers: o.workers,
      intervalMs: 100,
      smapsIntervalMs: 500,
      seconds: o.seconds,
      ticks: costs.length,
      samples,
      costPercentOfCore: round(cpuPercent),
      tickWallPercentUnderLoad: round((totalCost / elapsedMs) * 100),
      tickCostMsP50: round(percentile(costs, 50)),
      tickCostMsP99: round(percentile(costs, 99)),
      intervalErrorMsP50: round(percentile(lateness, 50)),
      intervalErrorMsP99: round(percentile(lateness, 99)),
      intervalErrorMsMax: round(Math.max(...lateness)),
      stormRequestsPerSecond: Math.round(load.requestsPerSecond),
    };
  } finally {
    await server.close();
  }
}

/** % of one core spent inside sampler ticks over `seconds`, with no storm running. */
async function samplerCpuPercent(server: Awaited<ReturnType<typeof startBenchServer>>, seconds: number): Promise<number> {
  let inside = 0;
  const started = performance.now();
  const sampler = startBenchSampler(server, { onTick: (_late, cost) => (inside += cost) });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  sampler.stop();
  return (inside / (performance.now() - started)) * 100;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
