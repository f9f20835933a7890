// Run until decided: the live feed judges with the final analysis's options, holds samples back
// until the scenario's warm-up is over, and records how the storm ended.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeVariant } from '../../../src/analyze/analyze-variant.ts';
import { analysisOptions } from '../../../src/pipeline/build-record.ts';
import { LiveVerdictFeed, startUntilVerdict, untilOutcome } from '../../../src/pipeline/live-verdict.ts';
import type { Sample, WorkerEvent } from '../../../src/run-data/types.ts';
import { combine, linearLeak, simulateVariant, warmupBump } from '../analyze/synthetic.ts';

const leakyRun = () =>
  simulateVariant({
    seed: 2,
    growth: combine(warmupBump({ tau: 300 }), linearLeak(2700)),
    durationMs: 20000,
    requestsPerSecond: 500,
  });

/** Feeds the run in 100 ms slices as the sampler would; the statuses of each evaluation. */
function feedAll(feed: LiveVerdictFeed, samples: readonly Sample[], events: readonly WorkerEvent[], stopAtDecision = false) {
  const end = Math.max(...samples.map((s) => s.tMs));
  const statuses = [];
  for (let from = -Infinity, to = 0; from < end; from = to, to += 100) {
    feed.addSamples(samples.filter((s) => s.tMs > from && s.tMs <= to));
    feed.addEvents(events.filter((e) => e.tMs <= to));
    const s = feed.evaluate();
    if (s) statuses.push({ ...s, to });
    if (stopAtDecision && s?.decided) break;
  }
  return statuses;
}

test('a leak is decided live, and the time of the decision is kept', () => {
  const { samples, events } = leakyRun();
  const feed = new LiveVerdictFeed({ variant: 'synthetic', settings: { thresholds: {}, warmupMs: 2000 } });
  const statuses = feedAll(feed, samples, events, true);
  const last = statuses.at(-1)!;
  assert.equal(last.verdict, 'leak');
  assert.equal(last.decided, true);
  assert.ok(last.confidence >= 0.9, `confidence ${last.confidence}`);
  const at = feed.decidedAtMs()!;
  assert.ok(at > 2000 && at < 20000, `decided at ${at} ms`);
  assert.ok(feed.evaluations >= 3, 'three stable evaluations at least');
});

test('nothing is judged before the scenario warm-up is over', () => {
  const { samples } = leakyRun();
  const feed = new LiveVerdictFeed({ variant: 'synthetic', settings: { thresholds: {}, warmupMs: 3000 } });
  feed.addSamples(samples.filter((s) => s.tMs <= 3000));
  assert.equal(feed.evaluate(), undefined);
  assert.equal(feed.status(), undefined);
  feed.addSamples(samples.filter((s) => s.tMs > 3000 && s.tMs <= 3100));
  assert.notEqual(feed.evaluate(), undefined, 'judged once a sample past the warm-up arrived');
});

test('without a warm-up time the first samples are judged at once', () => {
  const { samples } = simulateVariant({ seed: 5, growth: warmupBump(), durationMs: 800 });
  const feed = new LiveVerdictFeed({ variant: 'synthetic', settings: { thresholds: {} } });
  feed.addSamples(samples);
  const s = feed.evaluate()!;
  assert.equal(s.verdict, 'inconclusive');
  assert.equal(s.decided, false);
  assert.ok(s.requestsNeeded! > 0, 'says how much more it needs');
});

test('fed the whole run, the live verdict is the final analysis with the same options', () => {
  const { samples, events } = leakyRun();
  const settings = { thresholds: {}, warmupMs: 2000 };
  const feed = new LiveVerdictFeed({ variant: 'synthetic', settings, everyMs: 0 });
  feedAll(feed, samples, events);
  const final = analyzeVariant(samples, events, analysisOptions(samples, settings));
  assert.equal(feed.status()!.verdict, final.verdict);
  assert.equal(final.verdict, 'leak');
});

test('a scenario confidence above what the data reaches keeps the storm going to its cap', () => {
  const { samples, events } = simulateVariant({ seed: 3, growth: warmupBump(), durationMs: 6000 });
  const feed = new LiveVerdictFeed({ variant: 'synthetic', settings: { thresholds: {} }, confidence: 0.999999 });
  const statuses = feedAll(feed, samples, events);
  assert.ok(statuses.length > 0);
  assert.ok(statuses.every((s) => !s.decided));
  assert.equal(feed.decidedAtMs(), undefined);
  const outcome = untilOutcome(feed, false, { durationMs: 6000 });
  assert.equal(outcome.stoppedBy, 'cap');
  assert.equal(outcome.capMs, 6000);
  assert.equal(outcome.decidedAfterMs, undefined);
});

test('the outcome says verdict, cap or interrupted, with the live verdict', () => {
  const { samples, events } = leakyRun();
  const feed = new LiveVerdictFeed({ variant: 'synthetic', settings: { thresholds: {}, warmupMs: 2000 } });
  feedAll(feed, samples, events, true);
  const byVerdict = untilOutcome(feed, false, { amount: 50_000 });
  assert.equal(byVerdict.stoppedBy, 'verdict');
  assert.equal(byVerdict.liveVerdict, 'leak');
  assert.equal(byVerdict.capRequests, 50_000);
  assert.equal(byVerdict.capMs, undefined);
  assert.equal(byVerdict.decidedAfterMs, feed.decidedAtMs());
  assert.ok(byVerdict.liveConfidence! >= 0.9 && byVerdict.liveConfidence! <= 1);
  assert.equal(untilOutcome(feed, true, {}).stoppedBy, 'interrupted');
  const empty = untilOutcome(new LiveVerdictFeed({ variant: 'x', settings: { thresholds: {} } }), false, {});
  assert.deepEqual(empty, { stoppedBy: 'cap', evaluations: 0 });
});

test('the clock feeds queued samples off the sampling tick and says once when decided', async () => {
  // Five minutes of a leak, handed over a second of samples at a time until the judge's thread
  // (started under tsx here, which takes a moment) has decided: as a sampler would keep doing.
  const { samples, events } = simulateVariant({
    seed: 2,
    growth: combine(warmupBump({ tau: 300 }), linearLeak(2700)),
    durationMs: 300_000,
    requestsPerSecond: 500,
  });
  let decided = 0;
  let reads = 0;
  const clock = startUntilVerdict({
    variant: 'synthetic',
    settings: { thresholds: {}, warmupMs: 2000 },
    everyMs: 0,
    tickMs: 5,
    readEvents: () => {
      reads += 1;
      return events;
    },
    onDecided: () => {
      decided += 1;
    },
  });
  try {
    for (let t = 0; t <= 300_000 && decided === 0; t += 1000) {
      for (const s of samples.filter((x) => x.tMs > t - 1000 && x.tMs <= t)) clock.addSample(s);
      if (t === 0) assert.equal(clock.feed.status(), undefined, 'nothing judged on the caller’s tick');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(clock.feed.evaluations >= 3);
  } finally {
    clock.stop();
  }
  assert.equal(decided, 1);
  assert.ok(reads >= 1);
  assert.equal(clock.feed.status()!.verdict, 'leak');
  assert.ok(clock.feed.decidedAtMs()! > 2000, 'decided on samples past the warm-up');
});

test('the decision time is counted from the storm start, not from the first sample', () => {
  const { samples, events } = leakyRun();
  const feed = new LiveVerdictFeed({ variant: 'synthetic', settings: { thresholds: {}, warmupMs: 2000 } });
  feedAll(feed, samples, events, true);
  const at = feed.decidedAtMs()!;
  assert.equal(untilOutcome(feed, false, {}, 1500).decidedAfterMs, Math.round(at - 1500));
  assert.equal(untilOutcome(feed, false, {}, at + 10_000).decidedAfterMs, 0, 'never negative');
});
