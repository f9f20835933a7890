// The verdict while the storm runs, for "run until decided". Pure: fed samples and worker
// events as they arrive (append-only), it keeps each life's rows and its last analysis, and
// re-analyses only the lives that got new rows, at most once per `everyMs` of sample time.
// The sample clock (tMs) is its clock, so replaying a samples.csv gives the same answers.
import type { MemoryMetric, Sample, Verdict, WorkerEvent } from '../run-data/types.ts';
import { assembleAnalysis } from './analyze-variant.ts';
import { analyzeLife, type LifeResult } from './life-analysis.ts';
import { aliveSinceOf, buildLife, exitCauseOf, restartsOf, sortLives } from './lives.ts';
import { mergeThresholds } from './thresholds.ts';
import type { InconclusiveReason, Thresholds, VariantAnalysis } from './types.ts';

export interface LiveJudgeOptions {
  thresholds?: Partial<Thresholds>;
  metric?: MemoryMetric;
  /** Requests per worker the scenario's `warmup` time covered (see AnalyzeOptions). */
  scenarioWarmupRequests?: number;
  /**
   * Verdict confidence (0..1) a decision needs: the scenario's. 0.9 by default: the confidence
   * heuristic (confidence.ts) weighs the samples behind a verdict, and passes 0.9 from ~60
   * samples after warm-up on a clear leak, 0.95 only from ~200.
   */
  confidence?: number;
  /** Re-evaluate a variant at most once per this much sample time; 1000 ms by default. */
  everyMs?: number;
  /** ... and only after this many new samples of it; 1 by default. */
  everySamples?: number;
  /** Consecutive evaluations the verdict must have held to count as decided; 3 by default. */
  stableEvaluations?: number;
}

export interface LiveVerdict {
  variant: string;
  verdict: Verdict;
  confidence: number;
  /** Not inconclusive, confidence at least the required one, and the same verdict for `stableEvaluations` evaluations. */
  decided: boolean;
  /** Consecutive evaluations that gave this verdict, this one included. */
  stableFor: number;
  reason?: InconclusiveReason;
  requestsNeeded?: number;
  /** Sample time of the last row this evaluation saw, ms. */
  atMs: number;
  /** Evaluations so far, and how many lives the last one re-analysed. */
  evaluations: number;
  lifeAnalyses: number;
  analysis: VariantAnalysis;
}

interface LifeRows {
  rows: Sample[];
  result: LifeResult | null;
  dirty: boolean;
}

interface VariantState {
  lives: Map<number, LifeRows>;
  exits: Map<number, WorkerEvent>;
  latestMs: number;
  newSamples: number;
  lastEvalMs: number;
  current: LiveVerdict | null;
}

const DEFAULTS = { confidence: 0.9, everyMs: 1000, everySamples: 1, stableEvaluations: 3 };

export class LiveJudge {
  private readonly t: Thresholds;
  private readonly metric: MemoryMetric;
  private readonly required: number;
  private readonly everyMs: number;
  private readonly everySamples: number;
  private readonly stable: number;
  private readonly hardFloor: number;
  private readonly variants = new Map<string, VariantState>();

  /** Throws RangeError on invalid thresholds or options. */
  constructor(opts: LiveJudgeOptions = {}) {
    this.t = mergeThresholds(opts.thresholds);
    this.metric = opts.metric ?? 'rss';
    this.required = opts.confidence ?? DEFAULTS.confidence;
    this.everyMs = opts.everyMs ?? DEFAULTS.everyMs;
    this.everySamples = opts.everySamples ?? DEFAULTS.everySamples;
    this.stable = opts.stableEvaluations ?? DEFAULTS.stableEvaluations;
    this.hardFloor = opts.scenarioWarmupRequests ?? 0;
    if (!(this.required >= 0 && this.required <= 1)) throw new RangeError('confidence must be in [0, 1]');
    if (!(this.everyMs >= 0) || !(this.everySamples >= 1) || !(this.stable >= 1)) {
      throw new RangeError('everyMs must be >= 0, everySamples and stableEvaluations >= 1');
    }
  }

  /** Append samples (any variant, in arrival order). */
  addSamples(samples: readonly Sample[]): void {
    for (const s of samples) {
      const v = this.state(s.variant);
      let life = v.lives.get(s.pid);
      if (!life) {
        life = { rows: [], result: null, dirty: true };
        v.lives.set(s.pid, life);
      }
      life.rows.push(s);
      life.dirty = true;
      v.latestMs = Math.max(v.latestMs, s.tMs);
      v.newSamples += 1;
    }
  }

  /** Append worker events; an exit marks its life for re-analysis (its cause shows in the result). */
  addEvents(events: readonly WorkerEvent[]): void {
    for (const e of events) {
      if (e.kind !== 'exit') continue;
      const v = this.state(e.variant);
      v.exits.set(e.pid, e);
      const life = v.lives.get(e.pid);
      if (life) life.dirty = true;
    }
  }

  /**
   * The current verdict of every variant seen, re-evaluating those that are due (or all that
   * got anything new, with `force`, e.g. at the end of the storm).
   */
  evaluate(force = false): LiveVerdict[] {
    const out: LiveVerdict[] = [];
    for (const [name, v] of this.variants) {
      const due = v.newSamples >= this.everySamples && (v.current === null || v.latestMs - v.lastEvalMs >= this.everyMs);
      if (due || (force && v.newSamples > 0)) v.current = this.judge(name, v);
      if (v.current) out.push(v.current);
    }
    return out;
  }

  /** The last verdict of one variant, without evaluating; undefined before its first evaluation. */
  verdictOf(variant: string): LiveVerdict | undefined {
    return this.variants.get(variant)?.current ?? undefined;
  }

  /** Whether every variant seen so far is decided at the required confidence. */
  allDecided(): boolean {
    return this.variants.size > 0 && [...this.variants.values()].every((v) => v.current?.decided === true);
  }

  private state(variant: string): VariantState {
    let v = this.variants.get(variant);
    if (!v) {
      v = { lives: new Map(), exits: new Map(), latestMs: -Infinity, newSamples: 0, lastEvalMs: -Infinity, current: null };
      this.variants.set(variant, v);
    }
    return v;
  }

  private judge(variant: string, v: VariantState): LiveVerdict {
    const byPid = new Map([...v.lives].map(([pid, l]) => [pid, l.rows] as const));
    const aliveSince = aliveSinceOf(byPid, v.latestMs);
    let analysed = 0;
    const results: LifeResult[] = [];
    for (const [pid, life] of v.lives) {
      const exit = v.exits.get(pid);
      if (life.dirty || !life.result) {
        life.result = analyzeLife(buildLife(pid, life.rows, exit, aliveSince, this.metric), this.t, this.hardFloor);
        life.dirty = false;
        analysed += 1;
      } else {
        // Untouched life: only whether it is still alive can change, and that costs no re-analysis.
        const cause = exitCauseOf(life.result.life.lastTMs, exit, aliveSince);
        if (cause !== life.result.life.exitCause) {
          life.result = {
            ...life.result,
            life: { ...life.result.life, exitCause: cause },
            analysis: { ...life.result.analysis, exitCause: cause },
          };
        }
      }
      results.push(life.result);
    }
    const order = new Map(sortLives(results.map((r) => r.life)).map((l, i) => [l.pid, i]));
    results.sort((a, b) => order.get(a.life.pid)! - order.get(b.life.pid)!);
    const analysis = assembleAnalysis(
      results,
      restartsOf(
        results.map((r) => r.life),
        v.exits,
      ),
      this.t,
      this.metric,
    );
    const previous = v.current;
    const stableFor = previous && previous.verdict === analysis.verdict ? previous.stableFor + 1 : 1;
    v.lastEvalMs = v.latestMs;
    v.newSamples = 0;
    return {
      variant,
      verdict: analysis.verdict,
      confidence: analysis.confidence,
      decided: analysis.verdict !== 'inconclusive' && analysis.confidence >= this.required && stableFor >= this.stable,
      stableFor,
      ...(analysis.reason ? { reason: analysis.reason } : {}),
      ...(analysis.requestsNeeded !== undefined ? { requestsNeeded: analysis.requestsNeeded } : {}),
      atMs: v.latestMs,
      evaluations: (previous?.evaluations ?? 0) + 1,
      lifeAnalyses: analysed,
      analysis,
    };
  }
}
