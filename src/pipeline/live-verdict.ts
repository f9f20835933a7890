// Run until decided (load.until: verdict, --until-verdict): the live judge fed from the
// sampler and the workers' events as they arrive, and a clock that evaluates it and says when
// the storm can stop. The final verdict is still the finalize step's, from the files.
import { LiveJudge } from '../analyze/live-judge.ts';
import type { UntilOutcome } from '../run-data/run-record.ts';
import type { Sample, Verdict, WorkerEvent } from '../run-data/types.ts';
import { type AnalysisSettings, analysisOptions } from './build-record.ts';

/** What the progress line shows of the live verdict. */
export interface LiveStatus {
  verdict: Verdict;
  confidence: number;
  decided: boolean;
  requestsNeeded?: number;
}

export interface LiveVerdictOptions {
  variant: string;
  settings: AnalysisSettings;
  /** Verdict confidence a decision needs; the live judge's default (0.9) when absent. */
  confidence?: number;
  /** Re-evaluate at most once per this much sample time: one evaluation of long lives costs 0.2–0.4 s. */
  everyMs?: number;
  stableEvaluations?: number;
}

/**
 * The live judge of one variant. Pure (no clock of its own): samples before the end of the
 * scenario's warm-up are held back until it ends, because the warm-up floor the final analysis
 * uses is measured there, and the judge is then built with exactly the final analysis's options.
 */
export class LiveVerdictFeed {
  private judge: LiveJudge | null = null;
  private readonly early: Sample[] = [];
  private readonly earlyEvents: WorkerEvent[] = [];
  private decidedMs: number | undefined;
  evaluations = 0;

  constructor(private readonly o: LiveVerdictOptions) {}

  addSamples(samples: readonly Sample[]): void {
    if (this.judge) {
      this.judge.addSamples(samples);
      return;
    }
    this.early.push(...samples);
    const latest = this.early.at(-1)?.tMs ?? -Infinity;
    const warmupMs = this.o.settings.warmupMs;
    if (warmupMs !== undefined && latest <= warmupMs) return;
    const options = analysisOptions(this.early, this.o.settings);
    this.judge = new LiveJudge({
      ...options,
      everyMs: this.o.everyMs ?? 2000,
      ...(this.o.confidence === undefined ? {} : { confidence: this.o.confidence }),
      ...(this.o.stableEvaluations === undefined ? {} : { stableEvaluations: this.o.stableEvaluations }),
    });
    this.judge.addSamples(this.early.splice(0));
    this.judge.addEvents(this.earlyEvents.splice(0));
  }

  /** Worker events so far (the whole list may be given again: an exit counts once per pid). */
  addEvents(events: readonly WorkerEvent[]): void {
    const exits = events.filter((e) => e.kind === 'exit' && e.variant === this.o.variant);
    if (this.judge) this.judge.addEvents(exits);
    else this.earlyEvents.push(...exits);
  }

  /** Evaluates when due; the current status, undefined until the first evaluation. */
  evaluate(): LiveStatus | undefined {
    if (!this.judge) return undefined;
    this.judge.evaluate();
    const v = this.judge.verdictOf(this.o.variant);
    if (!v) return undefined;
    this.evaluations = v.evaluations;
    if (v.decided && this.decidedMs === undefined) this.decidedMs = v.atMs;
    return this.status();
  }

  status(): LiveStatus | undefined {
    const v = this.judge?.verdictOf(this.o.variant);
    if (!v) return undefined;
    return {
      verdict: v.verdict,
      confidence: v.confidence,
      decided: v.decided,
      ...(v.requestsNeeded === undefined ? {} : { requestsNeeded: v.requestsNeeded }),
    };
  }

  /** Sample time (ms) of the evaluation that first found the verdict decided. */
  decidedAtMs(): number | undefined {
    return this.decidedMs;
  }
}

/** How the storm ended, for run.json. */
export function untilOutcome(
  feed: LiveVerdictFeed,
  interrupted: boolean,
  cap: { durationMs?: number; amount?: number },
  /** Sample time (ms) at which the storm started: samples begin before it (the storm's thread starts up). */
  stormStartMs = 0,
): UntilOutcome {
  const decidedAt = feed.decidedAtMs();
  const decidedAfterMs = decidedAt === undefined ? undefined : Math.max(0, Math.round(decidedAt - stormStartMs));
  const status = feed.status();
  return {
    stoppedBy: interrupted ? 'interrupted' : decidedAfterMs !== undefined ? 'verdict' : 'cap',
    ...(decidedAfterMs === undefined ? {} : { decidedAfterMs }),
    ...(status ? { liveVerdict: status.verdict, liveConfidence: Math.round(status.confidence * 1000) / 1000 } : {}),
    ...(cap.durationMs === undefined ? {} : { capMs: cap.durationMs }),
    ...(cap.amount === undefined ? {} : { capRequests: cap.amount }),
    evaluations: feed.evaluations,
  };
}

export interface UntilVerdictClock {
  feed: LiveVerdictFeed;
  /** Hand a sample over (cheap: it is queued and fed on the clock, not on the sampler's tick). */
  addSample(s: Sample): void;
  stop(): void;
}

/**
 * Evaluates off the sampler's tick, on its own timer, so the 100 ms sampling clock only ever
 * waits for one evaluation; `readEvents` gives the worker events so far (tailing the hooks' file).
 */
export function startUntilVerdict(
  options: LiveVerdictOptions & {
    tickMs?: number;
    readEvents: () => WorkerEvent[];
    onDecided: () => void;
    /** Hears each new evaluation's status (the live view). */
    onStatus?: (s: LiveStatus) => void;
  },
): UntilVerdictClock {
  const feed = new LiveVerdictFeed(options);
  let queued: Sample[] = [];
  let told = false;
  const timer = setInterval(() => {
    feed.addSamples(queued);
    queued = [];
    feed.addEvents(options.readEvents());
    const before = feed.evaluations;
    const status = feed.evaluate();
    if (status && feed.evaluations !== before) options.onStatus?.(status);
    if (status?.decided && !told) {
      told = true;
      options.onDecided();
    }
  }, options.tickMs ?? 500);
  return {
    feed,
    addSample: (s) => queued.push(s),
    stop: () => clearInterval(timer),
  };
}
