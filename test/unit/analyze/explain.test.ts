import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeVariant } from '../../../src/analyze/analyze-variant.ts';
import { readEvents } from '../../../src/run-data/events-jsonl.ts';
import { readSamplesCsv } from '../../../src/run-data/samples-csv.ts';
import { boundedFill, combine, linearLeak, MiB, simulateVariant, type VariantSpec, warmupBump } from './synthetic.ts';

function explain(spec: VariantSpec): string[] {
  const { samples, events } = simulateVariant(spec);
  return analyzeVariant(samples, events).explanation;
}

test('leak: slope with its interval, for how long, since when, and what to look for', () => {
  const lines = explain({ seed: 1, growth: combine(warmupBump(), linearLeak(2700)), durationMs: 10000 });
  assert.match(
    lines[0]!,
    /^Both workers grew 2\.\d KiB\/request \(95% CI [\d.]+–[\d.]+ KiB\) for [\d,]+ requests after warm-up ended at [\d,]+ requests\.$/,
  );
  assert.match(lines[1]!, /per worker since warm-up/);
  assert.match(lines.join(' '), /module-level list/);
});

test('flat: what changed against which threshold, and what warm-up cost', () => {
  const lines = explain({ seed: 2, growth: warmupBump(), durationMs: 20000 });
  assert.match(lines[0]!, /^Memory was flat after warm-up: workers changed by .+ over [\d,]+ requests \(threshold 1 MiB\)/);
  assert.match(lines.join(' '), /Warm-up ended at [\d,]+ requests per worker and added (\d+ KiB|1(\.\d)? MiB)/);
});

test('a leak too young to convict is not yet decided, and says how much longer to run', () => {
  const lines = explain({ seed: 3, growth: combine(warmupBump(), linearLeak(64)), durationMs: 4000 });
  assert.match(
    lines[0]!,
    /^Not yet decided: memory is still rising at \d+ B\/request .* about [\d,]+ more requests per worker would decide it/,
  );
});

test('bounded: where it levelled off and what to check', () => {
  const lines = explain({
    seed: 4,
    growth: combine(warmupBump(), boundedFill({ bytes: 1.8 * MiB, overRequests: 25000 })),
    durationMs: 20000,
  });
  assert.match(lines[0]!, /levelled off from about [\d,]+ requests \(last 30% of the run/);
  assert.match(lines[1]!, /limit fits the memory/);
});

test('sawtooth: how often workers were recycled, what a life adds, and why max_requests is no fix', () => {
  const lines = explain({ seed: 5, growth: combine(warmupBump(), linearLeak(2700)), durationMs: 10000, maxRequests: 1000 });
  assert.match(
    lines[0]!,
    /^Workers were recycled \d+ times \(max_requests: \d+\); within each life memory grew \d\.\d KiB\/request \(95% CI [^)]+\), \d\.\d KiB\/request late in a life/,
  );
  assert.match(lines[1]!, /Recycling hides a leak/);
});

test('recycled but not leaking: says recycling keeps memory bounded', () => {
  const lines = explain({ seed: 6, growth: warmupBump(), durationMs: 10000, maxRequests: 1000 });
  assert.match(lines[0]!, /under the 1 MiB threshold: recycling keeps memory bounded\.$/);
});

test('a crash is told with the pid, slot, time and requests; several restarts are counted by cause', () => {
  const one = explain({ seed: 7, growth: warmupBump(), durationMs: 20000, crash: { slot: 1, atMs: 8000 } });
  assert.match(one.join(' '), /Worker \d+ \(slot 1\) exited at 8 s after [\d,]+ requests: crash\./);
});

test('workers that disagree are named', () => {
  const { samples, events } = simulateVariant({ seed: 8, growth: warmupBump(), durationMs: 20000 });
  // Make worker 1 leak on its own: add 2.7 KB per request served to its samples.
  const pid = samples.find((s) => s.slot === 1)!.pid;
  const tampered = samples.map((s) => (s.pid === pid ? { ...s, rss: s.rss + 2700 * s.requests } : s));
  const a = analyzeVariant(tampered, events);
  assert.equal(a.verdict, 'inconclusive');
  assert.equal(a.reason, 'workers-disagree');
  assert.match(
    a.explanation.join(' '),
    /^Not yet decided: workers disagree \(1 flat, 1 leak\) .* about [\d,]+ more requests per worker would decide it/,
  );
  assert.ok(a.confidence <= 0.5);
});

test('memory that ended lower is never described as still rising (recorded: circular-refs gc-collect)', () => {
  const dir = fileURLToPath(new URL('./fixtures/circular-refs-gc-collect/', import.meta.url));
  const a = analyzeVariant(readSamplesCsv(`${dir}samples.csv`), readEvents(`${dir}events.jsonl`), {
    thresholds: { minWarmupRequests: 250 },
  });
  assert.ok(a.growthBytes < 0 && a.slope.bytesPerRequest > 32, `growth ${a.growthBytes}, slope ${a.slope.bytesPerRequest}`);
  const text = a.explanation.join(' ');
  assert.doesNotMatch(text, /still rising/);
  assert.doesNotMatch(text, /remains, under the/);
  assert.match(text, /changed by -1\.\d MiB/);
});

test('inconclusive on noise: not enough requests to tell a leak from the noise, and how many more', () => {
  const lines = explain({
    seed: 9,
    growth: warmupBump({ tau: 20 }),
    durationMs: 20000,
    requestsPerSecond: 25,
    stepBytes: 0,
    jitterBytes: 30 * MiB,
  });
  assert.match(
    lines[0]!,
    /^Not yet decided: not enough requests after warm-up to rule out a leak of 32 B\/request at this noise and resolution \([\d,]+ requests, .* about [\d,.]+\w* more requests per worker would decide it/,
  );
  assert.doesNotMatch(lines.join(' '), /flat/i);
});

test('inconclusive before warm-up ends: what is missing, in samples and requests', () => {
  const lines = explain({ seed: 10, growth: warmupBump(), durationMs: 400 });
  assert.match(
    lines[0]!,
    /^Not yet decided: too few requests after warm-up to judge \(warm-up ends at [\d,]+ requests per worker; a slope needs 5 samples after it, flat 10\): about [\d,]+ more requests per worker would decide it\.$/,
  );
  assert.match(lines[1]!, /^Over what was seen, warm-up included, memory moved/);
});

test('a floor that can never be met is said plainly, not as a 16-digit request count', () => {
  const { samples, events } = simulateVariant({
    seed: 11,
    growth: warmupBump(),
    durationMs: 5000,
    jitterBytes: 64 * 1024,
    stepBytes: 0,
  });
  const a = analyzeVariant(samples, events, { thresholds: { materialSlopeBytesPerRequest: 0 } });
  assert.equal(a.verdict, 'inconclusive');
  assert.match(a.explanation[0]!, /no run of practical length would decide it/);
});
