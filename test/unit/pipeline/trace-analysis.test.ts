import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analysedTrace } from '../../../src/pipeline/trace-analysis.ts';
import { emptyTrace } from '../../../src/pipeline/traced-pass.ts';
import type { VariantTrace } from '../../../src/trace/types.ts';
import { scratchDir } from '../../scratch.ts';

const collected: VariantTrace = {
  ...emptyTrace(),
  cost: { throughputRatio: 0.3, extraRssBytesPerWorker: 1000, tracedRequestsPerSecond: 90 },
};
const fixture = (name: string) => new URL(`../../fixtures/trace/${name}`, import.meta.url);

test('analysedTrace: pairs each worker base with its end, diffs them and keeps the cost', () => {
  const run = scratchDir('trace-analysis');
  const dir = join(run, 'trace', 'leaky');
  mkdirSync(dir, { recursive: true });
  copyFileSync(fixture('global-list-leaky-base.json'), join(dir, '26829-base.json'));
  copyFileSync(fixture('global-list-leaky-end.json'), join(dir, '26829-end.json'));
  // A worker killed before its end snapshot, and a half-written file: both left out.
  copyFileSync(fixture('global-list-leaky-base.json'), join(dir, '31000-base.json'));
  writeFileSync(join(dir, '31001-end.json.tmp'), '{"pid":');
  const t = analysedTrace(run, 'leaky', collected, 5632);
  assert.equal(t.workers, 1);
  assert.equal(t.requests, 1000);
  assert.deepEqual(t.cost, collected.cost);
  assert.equal(t.problem, undefined);
  assert.equal(t.lines.find((l) => l.appFrame)?.file, 'leaks/patterns/global_list.py');
});

test('analysedTrace: no snapshots says so; a problem of the traced pass itself wins', () => {
  const run = scratchDir('trace-analysis-empty');
  assert.equal(analysedTrace(run, 'leaky', collected, 100).problem, 'no worker wrote two snapshots');
  const failed = analysedTrace(run, 'leaky', { ...collected, problem: 'the traced pass failed: x' }, 100);
  assert.equal(failed.problem, 'the traced pass failed: x');
  assert.deepEqual(failed.lines, []);
});
