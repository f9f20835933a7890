// The leak hunter must not leak: the harness's own RSS across a long storm with the sampler
// running and samples streamed to disk, as a real run does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SamplesWriter } from '../src/run-data/samples-csv.ts';
import { startBenchServer } from './app-server.ts';
import { sampledStorm } from './sampled-storm.ts';

export interface HarnessRssResult {
  seconds: number;
  requests: number;
  samples: number;
  /** Harness RSS after the first 10 % of the storm (its own warm-up) and at the end, bytes. */
  rssAfterWarmup: number;
  rssAtEnd: number;
  growthBytes: number;
  rssMax: number;
}

export async function benchHarnessRss(o: { seconds: number }): Promise<HarnessRssResult> {
  const server = await startBenchServer({ workers: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-bench-rss-'));
  const writer = new SamplesWriter(join(dir, 'samples.csv'));
  let samples = 0;
  const readings: { t: number; rss: number }[] = [];
  const started = performance.now();
  const probe = setInterval(() => readings.push({ t: performance.now() - started, rss: process.memoryUsage.rss() }), 1000);
  try {
    const { load } = await sampledStorm(server, {
      path: '/leaks/global-list/fixed/',
      seconds: o.seconds,
      onSample: (s) => {
        samples++;
        writer.write(s);
      },
    });
    const warm = readings.find((r) => r.t >= o.seconds * 100) ?? readings[0];
    const end = readings[readings.length - 1];
    const rssAfterWarmup = warm?.rss ?? 0;
    const rssAtEnd = end?.rss ?? 0;
    return {
      seconds: o.seconds,
      requests: load.requests,
      samples,
      rssAfterWarmup,
      rssAtEnd,
      growthBytes: rssAtEnd - rssAfterWarmup,
      rssMax: Math.max(...readings.map((r) => r.rss)),
    };
  } finally {
    clearInterval(probe);
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}
