import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARENA, linearLeak, mulberry32, simulateVariant, warmupBump } from './synthetic.ts';

test('the generator is deterministic per seed and differs across seeds', () => {
  const spec = { growth: warmupBump(), durationMs: 2000 };
  assert.deepEqual(simulateVariant({ seed: 1, ...spec }), simulateVariant({ seed: 1, ...spec }));
  assert.notDeepEqual(simulateVariant({ seed: 1, ...spec }).samples, simulateVariant({ seed: 2, ...spec }).samples);
  const r = mulberry32(7);
  const values = Array.from({ length: 1000 }, r);
  assert.ok(values.every((v) => v >= 0 && v < 1));
});

test('RSS moves in arena steps plus page jitter; requests only grow within a life', () => {
  const { samples } = simulateVariant({
    seed: 3,
    growth: linearLeak(256),
    durationMs: 5000,
    jitterBytes: 0,
    workers: 1,
    bootSample: false,
  });
  const base = samples[0]!.rss - (samples[0]!.rss % ARENA);
  assert.ok(samples.every((s) => (s.rss - base) % ARENA === 0));
  assert.ok(samples.every((s, i) => i === 0 || s.requests >= samples[i - 1]!.requests));
});

test('max_requests recycles workers in their slot with exit and spawn events', () => {
  const { samples, events } = simulateVariant({ seed: 4, growth: warmupBump(), durationMs: 3000, maxRequests: 1000 });
  const exits = events.filter((e) => e.kind === 'exit' && e.cause === 'max_requests');
  assert.ok(exits.length >= 10);
  assert.ok(exits.every((e) => e.requests === 1000));
  assert.ok(samples.every((s) => s.requests <= 1000));
  assert.deepEqual([...new Set(samples.map((s) => s.slot))].sort(), [0, 1]);
  assert.equal(events.filter((e) => e.cause === 'shutdown').length, 2);
});

test('a crash without an event leaves only the gap in the samples', () => {
  const { events } = simulateVariant({
    seed: 5,
    growth: warmupBump(),
    durationMs: 3000,
    crash: { slot: 0, atMs: 1000, withEvent: false },
  });
  assert.equal(events.filter((e) => e.cause === 'crash').length, 0);
  assert.equal(events.filter((e) => e.kind === 'spawn').length, 3);
});
