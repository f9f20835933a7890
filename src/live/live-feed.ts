// Run events → live page messages. Pure and clock-free: the live session flushes it on a timer,
// the replay schedule flushes it per frame of playback time.
import type { LiveStatus } from '../pipeline/live-verdict.ts';
import type { RunStartInfo } from '../pipeline/run-observer.ts';
import { type LiveRow, LiveRows } from '../report/live-rows.ts';
import { liveChartSpec } from '../report/live-spec.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { Sample } from '../run-data/types.ts';
import type { LiveMessage } from './messages.ts';

interface Warmup {
  warmupMs: number;
  to: number;
  done: boolean;
  changed: boolean;
}

export class LiveFeed {
  private rows = new LiveRows();
  private pendingRows: LiveRow[] = [];
  private pendingRestarts: LiveRow[] = [];
  private warmups = new Map<string, Warmup>();

  constructor(private readonly send: (m: LiveMessage) => void) {}

  runStart(info: Omit<RunStartInfo, 'runId'>, replaySpeed?: number): void {
    this.rows = new LiveRows();
    this.pendingRows = [];
    this.pendingRestarts = [];
    this.warmups = new Map();
    for (const v of info.variants) {
      if (v.warmupMs) this.warmups.set(v.name, { warmupMs: v.warmupMs, to: 0, done: false, changed: false });
    }
    this.send({
      type: 'run',
      scenario: info.scenario,
      title: info.title ?? info.scenario,
      ...(info.claim ? { claim: info.claim } : {}),
      variants: info.variants.map((v) => ({ name: v.name, ...(v.expected ? { expected: v.expected } : {}) })),
      spec: liveChartSpec({
        ...info,
        variants: info.variants.map((v) => v.name),
        celeryVariants: info.variants.filter((v) => v.celery).map((v) => v.name),
      }),
      ...(replaySpeed === undefined ? {} : { replaySpeed }),
    });
  }

  variantStart(name: string): void {
    this.flush();
    this.send({ type: 'variant', name });
  }

  sample(s: Sample): void {
    const { row, restart } = this.rows.add(s);
    if (restart) this.pendingRestarts.push(restart);
    if (!row) return;
    this.pendingRows.push(row);
    const w = this.warmups.get(s.variant);
    if (w && !w.done) {
      // The band ends where the slots stood when the scenario's warm-up time was over.
      if (s.tMs >= w.warmupMs) w.done = true;
      else w.to = this.rows.maxRequests(s.variant);
      w.changed = true;
    }
  }

  liveVerdict(variant: string, s: LiveStatus): void {
    this.flush();
    this.send({
      type: 'verdict',
      variant,
      verdict: s.verdict,
      confidence: s.confidence,
      decided: s.decided,
      ...(s.requestsNeeded === undefined ? {} : { requestsNeeded: s.requestsNeeded }),
    });
  }

  /** The verdicts judged from the files, then the report (at `reportUrl`, when there is one). */
  runEnd(record: RunRecord, reportUrl: string | undefined, navigate: boolean): void {
    for (const v of record.variants) this.finalVerdict(v);
    this.end(record.status, reportUrl, navigate);
  }

  finalVerdict(v: VariantRecord): void {
    this.flush();
    const verdict = v.status === 'skipped' || v.status === 'failed' ? v.status : v.verdict;
    if (!verdict) return;
    this.send({
      type: 'verdict',
      variant: v.name,
      verdict,
      ...(v.analysis?.confidence === undefined ? {} : { confidence: v.analysis.confidence }),
      final: true,
      ...(v.expectationMet === undefined ? {} : { expectationMet: v.expectationMet }),
    });
  }

  end(status: string, reportUrl: string | undefined, navigate: boolean): void {
    this.flush();
    this.send({ type: 'end', status, ...(reportUrl ? { report: reportUrl } : {}), navigate });
  }

  /** Sends what arrived since the last flush as one message (a browser redraws once per message). */
  flush(): void {
    if (this.pendingRows.length > 0 || this.pendingRestarts.length > 0) {
      this.send({ type: 'rows', rows: this.pendingRows, restarts: this.pendingRestarts });
      this.pendingRows = [];
      this.pendingRestarts = [];
    }
    for (const [variant, w] of this.warmups) {
      if (!w.changed) continue;
      w.changed = false;
      this.send({ type: 'warmup', variant, to: w.to, done: w.done });
    }
  }
}
