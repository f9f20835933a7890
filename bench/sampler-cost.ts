// What sampling costs, measured while a full storm runs: the time spent inside sampler ticks
// (an upper bound on its CPU: the reads are synchronous syscalls) as a share of one core, and
// how late ticks start (the interval error), at 10 Hz over 8 workers.
import { runStorm } from '../src/load/storm.ts';
import { startSampler } from '../src/sample/sampler.ts';
import { startBenchServer } from './app-server.ts';
import { percentile } from './stats.ts';

export interface SamplerCostResult {
  workers: number;
  intervalMs: number;
  smapsIntervalMs: number;
  seconds: number;
  ticks: number;
  samples: number;
  costPercentOfCore: number;
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
    const lateness: number[] = [];
    const costs: number[] = [];
    let samples = 0;
    const started = performance.now();
    const sampler = startSampler({
      stateDir: server.stateDir,
      variant: 'bench',
      intervalMs: 100,
      smapsIntervalMs: 500,
      originMs: started,
      onSample: () => samples++,
      onTick: (late, cost) => {
        lateness.push(late);
        costs.push(cost);
      },
    });
    const load = await runStorm({
      host: server.host,
      port: server.port,
      requests: [{ method: 'GET', path: '/ok/' }],
      connections: 8,
      durationMs: o.seconds * 1000,
      keepAlive: false,
    });
    sampler.stop();
    const elapsedMs = performance.now() - started;
    const totalCost = costs.reduce((a, b) => a + b, 0);
    return {
      workers: o.workers,
      intervalMs: 100,
      smapsIntervalMs: 500,
      seconds: o.seconds,
      ticks: costs.length,
      samples,
      costPercentOfCore: round((totalCost / elapsedMs) * 100),
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

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
