// The running verdict of a saved run, for its replay: the live judge fed the saved samples and
// worker exits on the same 500 ms clock of sample time as during the run, so a replay shows the
// verdict forming as the run did (the run itself kept only the final one, unless --until-verdict).
import type { LiveVerdict } from '../analyze/live-judge.ts';
import { isWebSample, type Sample, type WorkerEvent } from '../run-data/types.ts';
import type { VariantPlan } from '../scenario/plan.ts';
import { type LiveStatus, LiveVerdictFeed } from './live-verdict.ts';

export interface TimedStatus {
  /** Sample time (ms since the variant's storm started) of the evaluation. */
  tMs: number;
  status: LiveStatus;
}

const TICK_MS = 500;

export function runningVerdicts(
  samples: readonly Sample[],
  events: readonly WorkerEvent[],
  plan: Pick<VariantPlan, 'name' | 'thresholds' | 'warmupMs'>,
  /** Called with the judge's whole answer at each evaluation (bench/judge-timeline.ts). */
  onEvaluation?: (tMs: number, detail: LiveVerdict) => void,
): TimedStatus[] {
  const feed = new LiveVerdictFeed({
    variant: plan.name,
    settings: { thresholds: plan.thresholds, ...(plan.warmupMs === undefined ? {} : { warmupMs: plan.warmupMs }) },
    ...(plan.thresholds.confidence === undefined ? {} : { confidence: plan.thresholds.confidence }),
  });
  const ordered = samples.filter((s) => s.variant === plan.name && isWebSample(s)).sort((a, b) => a.tMs - b.tMs);
  const exits = events.filter((e) => e.variant === plan.name && e.kind === 'exit');
  const last = ordered.at(-1)?.tMs ?? 0;
  const out: TimedStatus[] = [];
  let i = 0;
  for (let t = TICK_MS; t < last + TICK_MS; t += TICK_MS) {
    const batch: Sample[] = [];
    while (i < ordered.length && ordered[i]!.tMs < t) batch.push(ordered[i++]!);
    feed.addSamples(batch);
    feed.addEvents(exits.filter((e) => e.tMs < t));
    const before = feed.evaluations;
    const status = feed.evaluate();
    if (status && feed.evaluations !== before) {
      out.push({ tMs: Math.min(t, last), status });
      const detail = feed.detail();
      if (onEvaluation && detail) onEvaluation(Math.min(t, last), detail);
    }
  }
  return out;
}
