// The collection parts against the real sample app: Gunicorn hooks, worker discovery across
// restarts, request counters, exit causes, and a clean stop.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startLocalGunicorn } from '../../src/app-server/local-gunicorn.ts';
import { runStorm } from '../../src/load/storm.ts';
import type { Sample } from '../../src/run-data/types.ts';
import { normalizeEvents, parseRawEvents } from '../../src/run-data/worker-events.ts';
import { startSampler } from '../../src/sample/sampler.ts';
import type { GunicornSettings } from '../../src/scenario/schema.ts';
import { ensureVenv } from '../../src/setup/python-env.ts';
import { scratchDir } from '../scratch.ts';
import { gunicornSettings } from '../unit/fixtures/gunicorn.ts';
import { leftoverGunicorns, ROOT } from './cli.ts';

const appDir = join(ROOT, 'sample-django-app');

/** The sample app under Gunicorn with the sampler on its workers, as collect-variant runs them. */
async function sampledApp(g: Partial<GunicornSettings>, smapsIntervalMs: number) {
  const python = await ensureVenv({ appDir, requirements: 'requirements.txt', pythonCandidates: ['python3'], log: () => {} });
  const stateDir = scratchDir('ts');
  const gunicorn = gunicornSettings(g);
  const target = await startLocalGunicorn(
    {
      appDir,
      wsgi: 'config.wsgi:application',
      readyPath: '/ok/',
      env: {},
      gunicorn,
      stateDir,
      logFile: join(stateDir, 'log'),
      readyTimeoutMs: 60_000,
    },
    { python, baseEnv: process.env },
  );
  const samples: Sample[] = [];
  const originEpochMs = Date.now();
  const sampler = startSampler({
    stateDir,
    variant: 'v',
    intervalMs: 50,
    smapsIntervalMs,
    originMs: performance.now(),
    onSample: (s) => samples.push(s),
  });
  const events = () =>
    normalizeEvents(parseRawEvents(readFileSync(join(stateDir, 'events.jsonl'), 'utf8')), {
      variant: 'v',
      originEpochMs,
      stopEpochMs: target.stopRequestedAt(),
      slotOf: new Map(samples.map((s) => [s.pid, s.slot])),
    });
  return { stateDir, target, sampler, samples, events };
}

test('workers are followed across max_requests restarts and a crash, then all stopped', async () => {
  const { stateDir, target, sampler, samples, events: readEvents } = await sampledApp({ maxRequests: 300 }, 200);
  let killed = 0;
  // Kill one worker from outside, once, early in the storm: it must be seen as a crash. Pick
  // one early in its life, so that it is not at that moment recycling by itself. Polled on a
  // timer of its own: the storm's progress reports come every 250 ms, too rarely to be sure
  // of catching a worker young enough (this test failed in CI when it relied on them).
  const killer = setInterval(() => {
    if (killed) return;
    const victim = [...sampler.latest().values()].find((s) => s.requests > 0 && s.requests < 150);
    if (victim) {
      process.kill(victim.pid, 'SIGKILL');
      killed = victim.pid;
    }
  }, 10);
  try {
    const load = await runStorm({
      host: target.host,
      port: target.port,
      requests: [{ method: 'GET', path: '/ok/' }],
      connections: 4,
      amount: 3100,
      keepAlive: false,
    });
    assert.ok(load.requests === 3100, `${load.requests} responses`);
  } finally {
    clearInterval(killer);
    sampler.stop();
    await target.stop();
  }
  const events = readEvents();
  const exits = events.filter((e) => e.kind === 'exit');
  assert.ok(exits.filter((e) => e.cause === 'max_requests').length >= 3, JSON.stringify(exits));
  assert.ok(killed > 0, 'a worker was killed');
  assert.equal(exits.find((e) => e.pid === killed)?.cause, 'crash');
  // Every worker's end is accounted for, with a known cause; the last ones were stopped by
  // the harness (none, one or two: a worker recycled just before the stop may not have been
  // replaced; seen in one run of five, both workers reaching max_requests with the last request).
  assert.ok(
    exits.every((e) => ['max_requests', 'crash', 'shutdown'].includes(e.cause ?? '')),
    JSON.stringify(exits),
  );
  const shutdowns = exits.filter((e) => e.cause === 'shutdown').length;
  assert.ok(shutdowns <= 2, JSON.stringify(exits));
  for (const pid of new Set(samples.map((s) => s.pid)))
    assert.ok(
      exits.some((e) => e.pid === pid),
      `pid ${pid} has an exit event`,
    );
  // Slots are reused: two workers at a time means slots 0 and 1 only.
  assert.deepEqual([...new Set(samples.map((s) => s.slot))].sort(), [0, 1]);
  assert.ok(new Set(samples.map((s) => s.pid)).size >= 5, 'restarted workers were found');
  // A pid's request counter never goes backwards and stays within max_requests.
  const byPid = new Map<number, number[]>();
  for (const s of samples) byPid.set(s.pid, [...(byPid.get(s.pid) ?? []), s.requests]);
  for (const [pid, counts] of byPid) {
    assert.ok(
      counts.every((c, i) => i === 0 || c >= (counts[i - 1] ?? 0)),
      `pid ${pid} counter monotonic`,
    );
    assert.ok(Math.max(...counts) <= 300, `pid ${pid} served at most max_requests`);
  }
  assert.ok(samples.some((s) => s.uss !== null && s.pss !== null && s.uss < s.rss));
  assert.deepEqual(leftoverGunicorns(stateDir), []);
});

test('maxWorkerRssMiB retires a worker past the limit, recorded as memory_limit', async () => {
  const { stateDir, target, sampler, samples, events: readEvents } = await sampledApp({ workers: 1, maxWorkerRssMiB: 60 }, 1000);
  try {
    // 256 KiB kept per request: a worker passes 60 MiB within ~100 requests, checked every 32.
    const load = await runStorm({
      host: target.host,
      port: target.port,
      requests: [{ method: 'GET', path: '/leaks/leak-rate/?bytes=262144' }],
      connections: 2,
      amount: 600,
      keepAlive: false,
    });
    assert.equal(load.requests, 600);
  } finally {
    sampler.stop();
    await target.stop();
  }
  const events = readEvents();
  const retired = events.filter((e) => e.kind === 'exit' && e.cause === 'memory_limit');
  assert.ok(retired.length >= 3, JSON.stringify(events));
  // Retired within one check interval (32 requests × 256 KiB) of passing the limit.
  const peak = Math.max(...samples.map((s) => s.rss));
  assert.ok(peak < (60 + 2) * 1024 * 1024 + 32 * 262144, `peak RSS ${peak}`);
  assert.deepEqual(leftoverGunicorns(stateDir), []);
});
