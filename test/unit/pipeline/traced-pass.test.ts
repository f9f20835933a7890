import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_TRACE_WARMUP_REQUESTS,
  recordingSamples,
  TRACED_SETTLE_REQUESTS,
  TRACED_WINDOW_REQUESTS,
  traceDir,
  tracedPassPlan,
  traceWarmupRequests,
} from '../../../src/pipeline/traced-pass.ts';
import type { Sample } from '../../../src/run-data/types.ts';
import { workerSample } from '../fixtures/samples.ts';

const s = workerSample;

test('recordingSamples: keeps what passes and forwards it to the writer behind', () => {
  const forwarded: Sample[] = [];
  const sink = recordingSamples({ write: (x) => forwarded.push(x) });
  sink.write(s(1, 0, 0));
  sink.write(s(1, 100, 5));
  assert.equal(sink.samples.length, 2);
  assert.deepEqual(forwarded, sink.samples);
  const alone = recordingSamples();
  alone.write(s(1, 0, 0));
  assert.equal(alone.samples.length, 1);
});

test('traceWarmupRequests: the scenario warm-up in requests, from the untraced samples', () => {
  const samples = [s(1, 1000, 400), s(1, 2000, 800), s(2, 2000, 900), s(1, 9000, 6000), s(2, 9000, 6000)];
  assert.equal(traceWarmupRequests(samples, 2000), 900);
});

test('traceWarmupRequests: never past a fifth of what a worker served, so the pass has time after it', () => {
  const samples = [s(1, 2000, 800), s(1, 3000, 1000)];
  assert.equal(traceWarmupRequests(samples, 2000), 200);
});

test('traceWarmupRequests: the default when the scenario names no warm-up, under the same cap', () => {
  assert.equal(traceWarmupRequests([s(1, 0, 10_000)], undefined), DEFAULT_TRACE_WARMUP_REQUESTS);
  assert.equal(traceWarmupRequests([s(1, 0, 1000)], undefined), 200);
  assert.equal(traceWarmupRequests([], undefined), DEFAULT_TRACE_WARMUP_REQUESTS);
});

test('traceDir: under the run directory, one folder per variant', () => {
  assert.equal(traceDir('/r/20261202-global-list', 'leaky'), '/r/20261202-global-list/trace/leaky');
});

test('tracedPassPlan: warm-up, settle and window per worker, never past what the untraced pass served', () => {
  // Two workers that served 20,000 requests each untraced: warm-up 900, then the full settle and window.
  const long = [s(1, 0, 20_000), s(2, 0, 20_000)];
  assert.deepEqual(tracedPassPlan(long, 2, 900), {
    settle: TRACED_SETTLE_REQUESTS,
    window: TRACED_WINDOW_REQUESTS,
    requests: 2 * (900 + TRACED_SETTLE_REQUESTS + TRACED_WINDOW_REQUESTS),
  });
  // A short untraced run stays short: what is past the warm-up is split half and half.
  assert.deepEqual(tracedPassPlan([s(1, 0, 800), s(2, 0, 800)], 2, 160), { settle: 320, window: 320, requests: 1600 });
  // memray is read once, at exit: no settle.
  assert.deepEqual(tracedPassPlan([s(1, 0, 800), s(2, 0, 800)], 2, 160, 'memray'), { settle: 0, window: 640, requests: 1600 });
  // No untraced samples: the full plan.
  assert.equal(tracedPassPlan([], 3, 100).requests, 3 * (100 + TRACED_SETTLE_REQUESTS + TRACED_WINDOW_REQUESTS));
});
