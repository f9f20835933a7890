// Run until decided (load.until: verdict, --until-verdict): the live judge fed from the
// sampler and the workers' events as they arrive, and a clock that evaluates it and says when
// the storm can stop. The final verdict is still the finalize step's, from the files.
import { Worker } from 'node:worker_threads';
import { LiveJudge, type LiveVerdict } from '../analyze/live-judge.ts';
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

  /** The judge's whole last answer, analysis included (for tools that replay a run); undefined before the first evaluation. */
  detail(): LiveVerdict | undefined {
    return this.judge?.verdictOf(this.o.variant);
  }

  /** Sample time (ms) of the evaluation that first found the verdict decided. */
  decidedAtMs(): number | undefined {
    return this.decidedMs;
  }
}

/** How the storm ended, for run.json. */
export function untilOutcome(
  feed: LiveView,
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

/** What the storm's side sees of a feed that runs elsewhere (a worker thread): its last answers. */
export type LiveView = Pick<LiveVerdictFeed, 'status' | 'decidedAtMs' | 'evaluations'>;

export interface UntilVerdictClock {
  /** The latest answers of the feed, as the judge's thread last reported them. */
  feed: LiveView;
  /** Hand a sample over (cheap: it is queued and posted on the clock, not on the sampler's tick). */
  addSample(s: Sample): void;
  stop(): void;
}

/** One clock tick's news for the judge's thread. */
export interface ToJudge {
  samples: Sample[];
  events: WorkerEvent[];
}

/** The judge's answer to one tick. */
export interface FromJudge {
  status?: LiveStatus;
  decidedAtMs?: number;
  evaluations: number;
}

/**
 * The live judge runs in a worker thread (live-verdict-worker.ts): one evaluation of long
 * lives costs 0.2–0.4 s of CPU, and on the main thread that stalled the 100 ms sampling
 * clock and the storm's progress for as long. Here the main thread only queues samples and,
 * every `tickMs`, posts them with the worker events so far (`readEvents`, tailing the hooks'
 * file); the thread answers with its status, and `onDecided` is called once when decided.
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
  // Functions stay here: workerData is cloned, and a function cannot be.
  const { readEvents, onDecided, onStatus, tickMs, ...feedOptions } = options;
  // In dist/ this is the compiled worker; in src/ (tests under tsx) a shim that registers tsx first.
  const worker = new Worker(new URL('../pipeline/live-verdict-worker.js', import.meta.url), { workerData: feedOptions });
  let last: FromJudge = { evaluations: 0 };
  let queued: Sample[] = [];
  let told = false;
  let stopped = false;
  worker.on('message', (m: FromJudge) => {
    const isNew = m.evaluations !== last.evaluations;
    last = m;
    if (isNew && m.status && !stopped) onStatus?.(m.status);
    if (m.status?.decided && !told && !stopped) {
      told = true;
      onDecided();
    }
  });
  // A judge that fails never decides: the storm runs to its cap and the final verdict, from the files, stands.
  worker.on('error', () => undefined);
  const timer = setInterval(() => {
    worker.postMessage({ samples: queued, events: readEvents() } satisfies ToJudge);
    queued = [];
  }, tickMs ?? 500);
  return {
    feed: {
      status: () => last.status,
      decidedAtMs: () => last.decidedAtMs,
      get evaluations() {
        return last.evaluations;
      },
    },
    addSample: (s) => queued.push(s),
    stop: () => {
      stopped = true;
      clearInterval(timer);
      void worker.terminate();
    },
  };
}
