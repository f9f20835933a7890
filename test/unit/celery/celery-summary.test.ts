// What a Celery worker did, from its processes' samples: tasks and growth per process, and the
// explanation's line. The web workers' samples never enter it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { celeryLabel, explainCelery, summarizeCelery } from '../../../src/analyze/celery-summary.ts';
import type { Sample } from '../../../src/run-data/types.ts';

const MIB = 1024 * 1024;
const s = (pid: number, slot: number, tMs: number, requests: number, rss: number, role?: 'celery'): Sample => ({
  tMs,
  variant: 'celery',
  pid,
  slot,
  requests,
  rss,
  uss: null,
  pss: null,
  ...(role ? { role } : {}),
});

const samples: Sample[] = [
  // web workers: 100 MiB of growth that must not show up below
  s(10, 0, 0, 0, 40 * MIB),
  s(10, 0, 1000, 500, 140 * MIB),
  // main process (slot 0) received 120 tasks; pool processes finished 70 and 50
  s(20, 0, 0, 0, 50 * MIB, 'celery'),
  s(20, 0, 500, 60, 50 * MIB + 200 * 1024, 'celery'),
  s(20, 0, 1000, 120, 50 * MIB + 300 * 1024, 'celery'),
  s(21, 1, 1000, 70, 70 * MIB, 'celery'),
  s(21, 1, 500, 40, 70 * MIB, 'celery'),
  s(21, 1, 0, 0, 60 * MIB, 'celery'),
  // pool process 2 takes its memory early, then holds it: +0 B over its last 25 tasks
  s(22, 2, 0, 0, 60 * MIB, 'celery'),
  s(22, 2, 400, 25, 69.5 * MIB, 'celery'),
  s(22, 2, 1000, 50, 69.5 * MIB, 'celery'),
];

test('per process: tasks by the last sample, growth from first to last sample, in slot order', () => {
  const c = summarizeCelery(samples);
  assert.ok(c);
  assert.deepEqual(
    c.processes.map((p) => [p.label, p.pid, p.tasks, p.growthBytes, p.lateGrowthBytes, p.lateTasks]),
    [
      ['celery main', 20, 120, 300 * 1024, 100 * 1024, 60],
      ['celery 1', 21, 70, 10 * MIB, 0, 30],
      ['celery 2', 22, 50, 9.5 * MIB, 0, 25],
    ],
  );
  assert.equal(c.tasksDone, 120);
  assert.equal(c.tasksReceived, 120);
  assert.equal(c.poolGrowthBytes, 19.5 * MIB);
});

test('no Celery samples: no summary', () => {
  assert.equal(summarizeCelery(samples.filter((x) => !x.role)), null);
});

test('the explanation line says it is not judged, and gives tasks and bytes per process', () => {
  const line = explainCelery(summarizeCelery(samples)!);
  assert.equal(
    line,
    'Celery worker (not judged; RSS from its first sample to its last, and over its last half of tasks): its 2 pool processes finished 120 tasks and grew celery 1 +10 MiB (+0 B over its last 30), celery 2 +9.5 MiB (+0 B over its last 25); its main process received 120 and grew +300 KiB (+100 KiB over its last 60).',
  );
});

test('labels follow the chart: slot 0 is the main process', () => {
  assert.deepEqual([0, 1, 2].map(celeryLabel), ['celery main', 'celery 1', 'celery 2']);
});
