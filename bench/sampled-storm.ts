// A storm against a bench server with the sampler running, as a real run does; the figures
// each benchmark needs come through the hooks.
import { runStorm } from '../src/load/storm.ts';
import type { LoadStats, Sample } from '../src/run-data/types.ts';
import { type Sampler, startSampler } from '../src/sample/sampler.ts';
import type { BenchServer } from './app-server.ts';

export interface SampledStormOptions {
  path: string;
  seconds: number;
  onSample?: (s: Sample) => void;
  onTick?: (latenessMs: number, costMs: number) => void;
}

/** The sampler at a run's default rates (10 Hz, USS/PSS at most 2 Hz) on the bench server's workers. */
export function startBenchSampler(server: BenchServer, o: Pick<SampledStormOptions, 'onSample' | 'onTick'>): Sampler {
  return startSampler({
    stateDir: server.stateDir,
    variant: 'bench',
    intervalMs: 100,
    smapsIntervalMs: 500,
    originMs: performance.now(),
    onSample: o.onSample ?? (() => {}),
    onTick: o.onTick,
  });
}

export async function sampledStorm(server: BenchServer, o: SampledStormOptions): Promise<{ load: LoadStats; elapsedMs: number }> {
  const started = performance.now();
  const sampler = startBenchSampler(server, o);
  try {
    const load = await runStorm({
      host: server.host,
      port: server.port,
      requests: [{ method: 'GET', path: o.path }],
      connections: 8,
      durationMs: o.seconds * 1000,
      keepAlive: false,
    });
    return { load, elapsedMs: performance.now() - started };
  } finally {
    sampler.stop();
  }
}
