// A variant's `celery:` and its own `load:` stop condition, from the file to the plan; bad
// values are refused with their line like every other field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { celeryWorkerArgs } from '../../../src/app-server/celery-worker.ts';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';
import { problems } from '../scenario/scenario-problems.ts';

const text = (variant: string) => `
name: demo
title: Demo
claim: c
load:
  requests: 3200
  warmup: 2s
  mix: [{ path: /a/ }]
  quick: { requests: 1600 }
variants:
  - name: slow
  - name: celery
    services: [redis]
${variant}
`;

const scenario = parseScenarioText(
  text('    celery: { app: config.celery_app }\n    load: { requests: 12000, quick: { requests: 6000 } }'),
  'demo.yaml',
);

test('celery: settings reach the plan, with concurrency 2 by default; other variants have none', () => {
  const [slow, celery] = planVariants(scenario);
  assert.equal(slow?.celery, undefined);
  assert.deepEqual(celery?.celery, { app: 'config.celery_app', concurrency: 2 });
  assert.deepEqual(celeryWorkerArgs(celery!.celery!), [
    '-A',
    'config.celery_app',
    'worker',
    '--pool',
    'prefork',
    '--concurrency',
    '2',
    '--without-gossip',
    '--without-mingle',
    '--without-heartbeat',
    '--loglevel',
    'WARNING',
    '--hostname',
    'leaklab@%h',
  ]);
});

test("a variant's own load replaces the scenario's stop condition, and its quick the scenario's quick", () => {
  const amounts = (o: Parameters<typeof planVariants>[1]) => planVariants(scenario, o).map((p) => [p.amount, p.durationMs]);
  assert.deepEqual(amounts({}), [
    [3200, undefined],
    [12000, undefined],
  ]);
  assert.deepEqual(amounts({ quick: true }), [
    [1600, undefined],
    [6000, undefined],
  ]);
  assert.deepEqual(amounts({ requests: 500 }), [
    [500, undefined],
    [500, undefined],
  ]);
  assert.deepEqual(amounts({ durationMs: 4000, quick: true }), [
    [undefined, 4000],
    [undefined, 4000],
  ]);
});

test('bad celery and load values are refused with their line', () => {
  const bad = problems(text('    celery: { app: "config celery", concurrency: 0 }\n    load: { quick: { requests: 5 } }'));
  assert.ok(
    bad.some((p) => /^demo\.yaml:\d+: variants\.1\.celery\.app: a module/.test(p)),
    bad.join('\n'),
  );
  assert.ok(
    bad.some((p) => /variants\.1\.celery\.concurrency/.test(p)),
    bad.join('\n'),
  );
  assert.ok(
    bad.some((p) => /variants\.1\.load: give load\.duration or load\.requests/.test(p)),
    bad.join('\n'),
  );
  const short = problems(text('    load: { duration: 1s }'));
  assert.ok(
    short.some((p) => /warm-up \(2000 ms\) is at least as long as the run \(1000 ms\)/.test(p)),
    short.join('\n'),
  );
});
