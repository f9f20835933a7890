// The builder of analysed variant records: it keeps what collection wrote, owns the analysis
// fields alone, and gives the same record however many times it runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analysedRecord, warmupFloorRequests } from '../../../src/pipeline/build-record.ts';
import type { VariantRecord } from '../../../src/run-data/run-record.ts';
import type { Sample } from '../../../src/run-data/types.ts';
import { notRunVariant, variantBase } from '../../../src/run-data/variant-base.ts';
import { fixtureEvents, fixtureRun, fixtureSamples } from '../report/fixtures.ts';

const PLAN = {
  name: 'leaky',
  description: 'appends to a global list',
  expect: 'leak' as const,
  gunicorn: { workers: 2, maxRequests: 0 },
};
const samplesOf = (name: string) => fixtureSamples().filter((s) => s.variant === name);
const eventsOf = (name: string) => fixtureEvents().filter((e) => e.variant === name);

/** A record as runOneVariant leaves it: the plan's base and the storm's figures, no analysis. */
function collected(extra: Partial<VariantRecord> = {}): VariantRecord {
  const load = fixtureRun().variants[0]!.load!;
  return {
    ...variantBase(PLAN),
    status: 'complete',
    requests: load.requests,
    requestsPerSecond: 5123.4567,
    errors: 0,
    load,
    ...extra,
  };
}

test('a complete variant with samples gets its verdict, expectation, slope, growth and analysis', () => {
  const r = analysedRecord(collected(), { thresholds: {} }, samplesOf('leaky'), []);
  assert.equal(r.verdict, 'leak');
  assert.equal(r.expectationMet, true);
  assert.equal(r.analysis?.verdict, 'leak');
  assert.equal(r.slopeBytesPerRequest, Math.round(r.analysis!.slope.bytesPerRequest * 100) / 100);
  assert.equal(r.growthBytes, Math.round(r.analysis!.growthBytes));
  assert.ok(r.slopeBytesPerRequest > 3000, `slope ${r.slopeBytesPerRequest}`);
  assert.equal(r.workerRestarts, 0);
  assert.equal(r.requestsPerSecond, 5123.46, 'two decimals');
});

test('a verdict other than the expected one is recorded as a missed expectation', () => {
  const r = analysedRecord(collected({ expected: 'flat' }), { thresholds: {} }, samplesOf('leaky'), []);
  assert.equal(r.verdict, 'leak');
  assert.equal(r.expectationMet, false);
  const none = analysedRecord(collected({ expected: undefined }), { thresholds: {} }, samplesOf('leaky'), []);
  assert.equal('expectationMet' in none, false, 'no expectation, nothing to meet');
  assert.equal('expected' in none, false);
});

test('restarts come from the analysis of the worker events', () => {
  const r = analysedRecord(
    collected({ name: 'leaky-max-requests', expected: 'sawtooth' }),
    { thresholds: {} },
    samplesOf('leaky-max-requests'),
    eventsOf('leaky-max-requests'),
  );
  assert.equal(r.verdict, 'sawtooth');
  assert.equal(r.workerRestarts, 6);
  assert.equal(r.analysis?.restarts.length, 6);
});

test('every collected field is kept as it was, a new one included: no field-by-field copy to forget', () => {
  const container = {
    image: 'leaklab-app:abc',
    imageId: 'sha256:1',
    name: 'c1',
    memoryLimitMiB: 256,
    oomKills: 0,
    sigkilledWorkers: 0,
  };
  const services = [{ service: 'redis' as const, source: 'env' as const, detail: 'from REDIS_URL' }];
  const probes = [{ path: '/snap/', when: 'after' as const, file: 'probes/leaky-snap.json', status: 200, bytes: 10, ms: 2 }];
  const input = {
    ...collected({ container, services, probes, warnings: ['a warning'] }),
    futureField: { any: 'thing' },
  } as VariantRecord;
  const r = analysedRecord(input, { thresholds: {} }, samplesOf('leaky'), []) as VariantRecord & { futureField?: unknown };
  assert.deepEqual(r.container, container);
  assert.deepEqual(r.services, services);
  assert.deepEqual(r.probes, probes);
  assert.deepEqual(r.warnings, ['a warning']);
  assert.deepEqual(r.gunicorn, { workers: 2, maxRequests: 0 });
  assert.equal(r.description, 'appends to a global list');
  assert.deepEqual(r.futureField, { any: 'thing' });
});

test('analysing an analysed record again gives the same record', () => {
  const once = analysedRecord(collected(), { thresholds: {} }, samplesOf('leaky'), []);
  const twice = analysedRecord(once, { thresholds: {} }, samplesOf('leaky'), []);
  assert.deepEqual(twice, once);
  assert.equal(JSON.stringify(twice), JSON.stringify(once), 'same keys in the same order');
});

test('a failed variant keeps its error and loses any verdict an earlier pass gave it', () => {
  const judged = analysedRecord(collected(), { thresholds: {} }, samplesOf('leaky'), []);
  const failed = analysedRecord(
    { ...judged, status: 'failed', error: '60 % of requests failed' },
    { thresholds: {} },
    samplesOf('leaky'),
    [],
  );
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error, '60 % of requests failed');
  for (const key of ['verdict', 'expectationMet', 'analysis'] as const) assert.equal(key in failed, false, `${key} dropped`);
  assert.equal(failed.slopeBytesPerRequest, 0);
  assert.equal(failed.growthBytes, 0);
  assert.equal(failed.workerRestarts, 0);
  assert.deepEqual(failed.load, judged.load, 'the storm figures stay: they say why it failed');
});

test('a complete variant without samples is not judged', () => {
  const r = analysedRecord(collected(), { thresholds: {} }, [], []);
  assert.equal(r.verdict, undefined);
  assert.equal('analysis' in r, false);
  assert.equal(r.requests, 40_000);
});

test('the scenario warm-up raises the warm-up floor the analysis uses, never lowers it', () => {
  const samples = samplesOf('leaky');
  const early = analysedRecord(collected(), { thresholds: {}, warmupMs: 0 }, samples, []);
  const late = analysedRecord(collected(), { thresholds: {}, warmupMs: 20_000 }, samples, []);
  assert.ok(late.analysis!.warmupEndRequests >= 10_000, `warm-up ends at ${late.analysis!.warmupEndRequests}`);
  assert.ok(early.analysis!.warmupEndRequests < late.analysis!.warmupEndRequests);
  const fixedFloor = analysedRecord(collected(), { thresholds: { minWarmupRequests: 15_000 }, warmupMs: 0 }, samples, []);
  assert.ok(fixedFloor.analysis!.warmupEndRequests >= 15_000, 'the scenario threshold still holds');
});

test('warmupFloorRequests: the median worker count at the warm-up time, null without one', () => {
  const s = (pid: number, tMs: number, requests: number): Sample => ({
    tMs,
    variant: 'v',
    pid,
    slot: 0,
    requests,
    rss: 1,
    uss: null,
    pss: null,
  });
  const samples = [s(1, 100, 10), s(1, 900, 90), s(1, 1100, 110), s(2, 500, 40), s(3, 1000, 300)];
  assert.equal(warmupFloorRequests(samples, undefined), null);
  assert.equal(warmupFloorRequests(samples, 1000), 90, 'median of 90, 40, 300');
  assert.equal(warmupFloorRequests(samples, 50), null, 'no sample that early');
  assert.equal(warmupFloorRequests(samples, 100), 10);
});

test('finalizing leaves a variant that never ran as it was, with no verdict', () => {
  const skipped = notRunVariant(PLAN, { status: 'skipped', reason: 'needs Redis' });
  const failed = notRunVariant(PLAN, { status: 'failed', reason: 'redis-server exited (code 1)' });
  for (const r of [skipped, failed]) assert.deepEqual(analysedRecord(r, { thresholds: {} }, samplesOf('leaky'), []), r);
});
