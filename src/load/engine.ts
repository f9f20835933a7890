// The storm: N connections, each with one request in flight, over raw TCP wires (wire.ts).
// It is deliberately lean (prebuilt request bytes, one shared read buffer, a byte-level
// parser, no per-request timers or closures) because on a small machine every cycle spent
// here is taken from the Gunicorn workers under test.
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../core/prng.ts';
import type { LoadStats } from '../run-data/types.ts';
import { Connection, type ConnectionHost } from './connection.ts';
import { EntryTally } from './entry-tally.ts';
import { LatencyHistogram } from './histogram.ts';
import { RequestMix } from './request-mix.ts';
import type { StormOptions, StormProgress } from './types.ts';
import { pickWireKind, type WireKind } from './wire.ts';

/** StormOptions without the parts that cannot cross a thread boundary, plus engine knobs. */
export interface EngineOptions extends Omit<StormOptions, 'onProgress' | 'signal'> {
  /** Seed for `{rand:...}` and the weighted mix; fixed by default so runs repeat. */
  seed?: number;
  /** Raw libuv handles (default when available) or net.Socket. */
  transport?: WireKind;
  /**
   * With keep-alive, each connection is replaced after 0.5-1.5x this long (default 1000 ms).
   * Which Gunicorn worker serves a keep-alive connection is decided once, at accept: measured
   * here, 8 connections landed all on one of 2 gthread workers in 2 runs of 4, leaving the
   * other idle (no traffic, so no leak to see) and halving throughput. Reconnecting now and
   * then re-deals them, and the less busy worker tends to accept first.
   */
  connectionMaxAgeMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** With no response at all for this long, an amount-only storm gives up instead of hanging. */
const MIN_STALL_MS = 60_000;

export class StormEngine implements ConnectionHost {
  readonly mix: RequestMix;
  readonly random: () => number;
  readonly readBuffer = Buffer.allocUnsafe(64 * 1024);
  readonly keepAlive: boolean;
  readonly timeoutMs: number;
  readonly host: string;
  readonly port: number;
  readonly wireKind: WireKind;
  readonly connectionMaxAgeMs: number;
  coarseNow = 0;
  readonly coarseLagMs: number;
  private readonly hist = new LatencyHistogram();
  private readonly tally: EntryTally;
  private readonly conns: Connection[] = [];
  private readonly amount: number;
  private readonly durationMs: number;
  private readonly stallMs: number;
  private seq = 0;
  private done = 0;
  private inFlight = 0;
  private errors = 0;
  private timeouts = 0;
  private startedAt = 0;
  private endedAt = 0;
  private lastResponseAt = 0;
  private stopped = false;
  private timers: NodeJS.Timeout[] = [];
  private resolve: ((s: LoadStats) => void) | null = null;

  constructor(opts: EngineOptions) {
    if (!(opts.connections >= 1) || !Number.isInteger(opts.connections)) throw new Error('connections must be an integer >= 1');
    if (opts.durationMs === undefined && opts.amount === undefined) throw new Error('a storm needs durationMs or amount');
    if (opts.amount !== undefined && !(Number.isInteger(opts.amount) && opts.amount >= 0))
      throw new Error('amount must be an integer >= 0');
    if (opts.durationMs !== undefined && !(opts.durationMs >= 0)) throw new Error('durationMs must be >= 0');
    this.host = opts.host;
    this.port = opts.port;
    this.keepAlive = opts.keepAlive;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.amount = opts.amount ?? Infinity;
    this.durationMs = opts.durationMs ?? Infinity;
    // Only a storm with no duration can hang; a timed one just ends on time.
    this.stallMs = opts.durationMs === undefined ? Math.max(MIN_STALL_MS, 3 * this.timeoutMs) : Infinity;
    this.coarseLagMs = Math.min(100, Math.max(10, this.timeoutMs / 4));
    this.random = mulberry32(opts.seed ?? 0x1ea61ab);
    this.wireKind = pickWireKind(opts.transport);
    this.connectionMaxAgeMs = opts.connectionMaxAgeMs ?? 1000;
    if (!(this.connectionMaxAgeMs > 0)) throw new Error('connectionMaxAgeMs must be > 0');
    this.mix = new RequestMix(opts.requests, opts.host, opts.port, opts.keepAlive, opts.entryCycle);
    this.tally = new EntryTally(opts.requests);
    for (let i = 0; i < opts.connections; i++) this.conns.push(new Connection(this));
  }

  get engineName(): string {
    const kind = this.wireKind === 'raw' ? 'raw-socket' : 'net-socket';
    return `${kind} (${this.keepAlive ? 'keep-alive' : 'connection per request'})`;
  }

  /** Runs the storm to its end (duration, amount, stall, or stop()). */
  run(): Promise<LoadStats> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.startedAt = this.lastResponseAt = this.coarseNow = performance.now();
      if (this.amount === 0 || this.durationMs === 0) return this.finish();
      if (Number.isFinite(this.durationMs)) this.timers.push(setTimeout(() => this.finish(), this.durationMs));
      // One sweep for all timeouts: cheaper than arming a timer per request.
      this.timers.push(setInterval(() => this.sweep(), this.coarseLagMs));
      for (const c of this.conns) c.next();
    });
  }

  /** Ends the storm now; in-flight requests are dropped, not counted. */
  stop(): void {
    this.finish();
  }

  progress(): StormProgress {
    const now = this.stopped ? this.endedAt : performance.now();
    return { elapsedMs: this.startedAt === 0 ? 0 : now - this.startedAt, requests: this.done, errors: this.errors };
  }

  // --- ConnectionHost: what a connection asks of the storm ---

  /** Claims the next request slot; false when enough are done or in flight. */
  claim(): number {
    if (this.stopped || this.done + this.inFlight >= this.amount) return -1;
    this.inFlight++;
    return this.seq++;
  }

  completed(entry: number, statusCode: number, latencyMs: number, at: number): void {
    this.inFlight--;
    this.done++;
    this.lastResponseAt = this.coarseNow = at;
    this.hist.record(latencyMs);
    this.tally.response(entry, statusCode);
    if (this.done >= this.amount) this.finish();
  }

  failed(entry: number, timedOut: boolean): void {
    this.inFlight--;
    this.errors++;
    this.tally.failure(entry);
    if (timedOut) this.timeouts++;
  }

  private sweep(): void {
    const now = performance.now();
    this.coarseNow = now;
    for (const c of this.conns) c.checkTimeout(now);
    if (now - this.lastResponseAt > this.stallMs) this.finish();
  }

  private finish(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.endedAt = performance.now();
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    for (const c of this.conns) c.close();
    this.resolve?.(this.stats());
    this.resolve = null;
  }

  private stats(): LoadStats {
    const durationMs = this.endedAt - this.startedAt;
    const { perEntry, statusCodes } = this.tally.summary();
    const h = this.hist;
    return {
      requests: this.done,
      durationMs,
      requestsPerSecond: durationMs > 0 ? (this.done * 1000) / durationMs : 0,
      latencyMs: { mean: h.meanMs(), p50: h.percentileMs(50), p90: h.percentileMs(90), p99: h.percentileMs(99), max: h.maxMs() },
      statusCodes,
      errors: this.errors,
      timeouts: this.timeouts,
      engine: this.engineName,
      perEntry,
    };
  }
}
