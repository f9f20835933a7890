import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeVariant } from '../../../src/analyze/analyze-variant.ts';
import { LiveJudge, type LiveVerdict } from '../../../src/analyze/live-judge.ts';
import type { Sample, WorkerEvent } from '../../../src/run-data/types.ts';
import { loadFixtures, variantData } from './fixtures.ts';
import { combine, linearLeak, simulateVariant, type VariantSpec, warmupBump } from './synthetic.ts';

/** Feeds a run to a judge as the sampler would, one `stepMs` slice at a time; every verdict it returned, in order. */
function stream(judge: LiveJudge, samples: readonly Sample[], events: readonly WorkerEvent[], stepMs = 100): LiveVerdict[][] {
  const end = Math.max(...samples.map((s) => s.tMs));
  const seen: LiveVerdict[][] = [];
  for (let from = -Infinity, to = 0; from < end; from = to, to += stepMs) {
    judge.addSamples(samples.filter((s) => s.tMs > from && s.tMs <= to));
    judge.addEvents(events.filter((e) => e.tMs > from && e.tMs <= to));
    seen.push(judge.evaluate());
  }
  return seen;
}

/** The distinct evaluations of one variant (evaluate() returns the cached verdict between them). */
function evaluations(seen: LiveVerdict[][], variant = 'synthetic'): LiveVerdict[] {
  const out: LiveVerdict[] = [];
  for (const batch of seen) {
    const v = batch.find((b) => b.variant === variant);
    if (v && out[out.length - 1]?.evaluations !== v.evaluations) out.push(v);
  }
  return out;
}

const medianRequests = (v: LiveVerdict) => {
  const r = v.analysis.workers.map((w) => w.requests).sort((a, b) => a - b);
  return r[r.length >> 1]!;
};

test('fed everything, the judge says what analyzeVariant says (recorded fixtures, all variants)', () => {
  for (const f of loadFixtures()) {
    const judge = new LiveJudge({ thresholds: f.thresholds, metric: f.metric });
    stream(judge, f.samples, f.events, 1000);
    const last = judge.evaluate(true);
    for (const variant of Object.keys(f.expected)) {
      const { samples, events } = variantData(f, variant);
      const whole = analyzeVariant(samples, events, { thresholds: f.thresholds, metric: f.metric });
      const live = last.find((v) => v.variant === variant)!;
      assert.equal(live.verdict, whole.verdict, `${f.name}/${variant}`);
      assert.deepEqual(live.analysis, whole, `${f.name}/${variant}`);
    }
  }
});

test('only lives with new rows are re-analysed, and not more often than everyMs of sample time', () => {
  const { samples, events } = simulateVariant({ seed: 1, growth: warmupBump(), durationMs: 5000 });
  const judge = new LiveJudge({ everyMs: 1000 });
  judge.addSamples(samples.filter((s) => s.tMs <= 3000));
  const first = judge.evaluate();
  assert.equal(first[0]!.evaluations, 1);
  assert.equal(first[0]!.lifeAnalyses, 2);
  // New rows of one worker only, 500 ms later: not due yet ...
  const pid = samples.find((s) => s.slot === 1)!.pid;
  judge.addSamples(samples.filter((s) => s.pid === pid && s.tMs > 3000 && s.tMs <= 3500));
  assert.equal(judge.evaluate()[0]!.evaluations, 1);
  // ... then due: one life re-analysed, the other reused.
  judge.addSamples(samples.filter((s) => s.pid === pid && s.tMs > 3500 && s.tMs <= 4000));
  const second = judge.evaluate()[0]!;
  assert.equal(second.evaluations, 2);
  assert.equal(second.lifeAnalyses, 1);
  // Nothing new: nothing recomputed even when forced.
  assert.equal(judge.evaluate(true)[0]!.evaluations, 2);
  // An exit event re-analyses its life only.
  judge.addEvents(events.filter((e) => e.kind === 'exit' && e.pid === pid));
  judge.addSamples(samples.filter((s) => s.pid !== pid && s.tMs > 3000 && s.tMs <= 3100));
  const third = judge.evaluate(true)[0]!;
  assert.equal(third.lifeAnalyses, 2);
  assert.equal(third.analysis.workers.find((w) => w.pid === pid)!.exitCause, 'shutdown');
  assert.equal(judge.verdictOf('synthetic'), third);
  assert.equal(judge.verdictOf('other'), undefined);
});

test('a fast leak is decided within a few thousand requests per worker after warm-up', () => {
  // 500 req/s per worker: 50 requests a sample, so a few thousand requests are enough samples to be sure.
  const { samples, events } = simulateVariant({
    seed: 2,
    growth: combine(warmupBump({ tau: 300 }), linearLeak(2700)),
    durationMs: 20000,
    requestsPerSecond: 500,
  });
  const judge = new LiveJudge({ stableEvaluations: 3 });
  const evals = evaluations(stream(judge, samples, events));
  const decided = evals.find((v) => v.decided);
  assert.ok(decided, evals.map((v) => `${v.verdict} ${v.confidence}`).join(', '));
  assert.equal(decided.verdict, 'leak');
  assert.ok(medianRequests(decided) <= 8000, `decided at ${medianRequests(decided)} requests per worker`);
  // Stable: the three evaluations up to the decision agree.
  assert.ok(decided.stableFor >= 3);
  assert.ok(
    evals.every((v) => v.verdict !== 'flat'),
    'never flat on the way',
  );
  assert.equal(judge.allDecided(), true);
});

test('a flat series is decided flat only after enough evidence', () => {
  const spec: VariantSpec = { seed: 3, growth: warmupBump(), durationMs: 20000 };
  const { samples, events } = simulateVariant(spec);
  const evals = evaluations(stream(new LiveJudge(), samples, events));
  const decided = evals.find((v) => v.decided);
  assert.ok(decided, evals.map((v) => `${v.verdict} ${v.confidence}`).join(', '));
  assert.equal(decided.verdict, 'flat');
  // Warm-up (>= 2,000 requests) plus the resolution floor (1,024 requests) at the least.
  assert.ok(medianRequests(decided) >= 2000 + 1024, `decided at ${medianRequests(decided)} requests per worker`);
  const before = evals.slice(0, evals.indexOf(decided));
  assert.ok(
    before.some((v) => v.verdict === 'inconclusive'),
    'was undecided first',
  );
  assert.ok(
    evals.every((v) => v.verdict === 'flat' || v.verdict === 'inconclusive'),
    evals.map((v) => v.verdict).join(', '),
  );
});

test('a slow leak still rising stays undecided, then becomes leak, never flat', () => {
  const { samples, events } = simulateVariant({ seed: 4, growth: combine(warmupBump(), linearLeak(128)), durationMs: 25000 });
  const judge = new LiveJudge({ confidence: 0.8 });
  const evals = evaluations(stream(judge, samples, events));
  const firstLeak = evals.findIndex((v) => v.verdict === 'leak');
  assert.ok(firstLeak > 0, evals.map((v) => v.verdict).join(', '));
  const early = evals.slice(0, firstLeak);
  assert.ok(
    early.some((v) => v.reason === 'still-rising' && v.requestsNeeded! > 0),
    'said still rising, with requests to go',
  );
  assert.ok(
    early.every((v) => v.verdict === 'inconclusive' && !v.decided),
    early.map((v) => v.verdict).join(', '),
  );
  const decided = evals.find((v) => v.decided);
  assert.equal(decided?.verdict, 'leak');
  assert.ok(evals.every((v) => v.verdict !== 'flat'));
});

test('a judge without a decision says so, and refuses nonsense options', () => {
  const judge = new LiveJudge();
  assert.equal(judge.allDecided(), false);
  assert.deepEqual(judge.evaluate(), []);
  const { samples } = simulateVariant({ seed: 5, growth: warmupBump(), durationMs: 800 });
  judge.addSamples(samples);
  const [v] = judge.evaluate();
  assert.equal(v!.verdict, 'inconclusive');
  assert.equal(v!.decided, false);
  assert.equal(v!.reason, 'too-few-requests');
  assert.ok(v!.requestsNeeded! > 0);
  assert.throws(() => new LiveJudge({ confidence: 2 }), RangeError);
  assert.throws(() => new LiveJudge({ stableEvaluations: 0 }), RangeError);
  assert.throws(() => new LiveJudge({ thresholds: { plateauFraction: 3 } }), RangeError);
});
