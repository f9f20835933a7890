// The image-cache scenario's celery variant for real: Gunicorn, a private redis-server (or
// REDIS_URL) and a real Celery worker started by leaklab, the web view enqueuing and answering
// 202 until the thumbnail exists. The web verdict must not be a leak, the Celery worker's
// processes must be in samples.csv (role celery) and on the chart, and nothing may be left running.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { SAMPLES_HEADER_WITH_ROLE } from '../../src/run-data/samples-csv.ts';
import { findRedisServer } from '../../src/services/redis-service.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns } from './cli.ts';

const NO_REDIS = !findRedisServer(process.env) && !process.env.REDIS_URL && 'needs redis-server on PATH or REDIS_URL';

/** Celery processes leaklab started for runs under `within` (their environment names the run's state folder). */
function leftoverCelery(within: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'utf8');
      if (env.includes('LEAKLAB_CELERY_STATE_DIR=') && env.includes(within)) pids.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}

test('celery variant: web workers not a leak, Celery series in samples.csv and the chart, nothing left', {
  skip: NO_REDIS,
  timeout: 100_000,
}, async () => {
  const out = join(scratchDir('celery'), 'results');
  const r = await leaklab(['run', 'image-cache', '--variant', 'celery', '--quick', '--out', out], { timeoutMs: 95_000 });
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(-2000)}`);
  const record = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  const v = record.variants[0]!;
  assert.equal(v.status, 'complete', v.error ?? v.skipReason);
  assert.ok(v.verdict && v.verdict !== 'leak', `web verdict ${v.verdict}`);
  assert.ok(v.load?.statusCodes['202'], 'some requests were answered 202 while their thumbnail was made');
  assert.ok(v.load?.statusCodes['200'], 'and later ones got the file Celery wrote');

  // The Celery worker's processes: the main one and both pool processes, with tasks done.
  assert.ok(v.celery, 'run.json has the Celery summary');
  assert.deepEqual(
    v.celery.processes.map((p) => p.label),
    ['celery main', 'celery 1', 'celery 2'],
  );
  assert.ok(v.celery.tasksDone > 0 && v.celery.tasksDone <= 200, `${v.celery.tasksDone} tasks (one per id at most)`);
  assert.ok(v.analysis?.explanation.some((l) => l.startsWith('Celery worker (not judged')));

  const csv = readFileSync(join(out, 'latest', 'samples.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.equal(csv[0], SAMPLES_HEADER_WITH_ROLE);
  const roles = new Set(csv.slice(1).map((l) => l.split(',')[8]));
  assert.deepEqual([...roles].sort(), ['celery', 'web']);
  // The verdict is the web workers' alone: their pids are not the Celery ones.
  const celeryPids = new Set(v.celery.processes.map((p) => p.pid));
  assert.ok(v.analysis?.workers.every((w) => !celeryPids.has(w.pid)));

  const svg = readFileSync(join(out, 'latest', 'leak-curves.svg'), 'utf8');
  assert.match(svg, /celery 1/);
  assert.match(svg, /Celery worker/);

  assert.deepEqual(leftoverGunicorns(out), []);
  assert.deepEqual(leftoverCelery(out), []);
});
