// One variant's samples and events cut into worker lives (one pid each) and restarts.
import type { ExitCause, MemoryMetric, Sample, WorkerEvent } from '../run-data/types.ts';
import { collapseTiedX, type Point } from './points.ts';
import { median } from './robust-stats.ts';
import type { RestartInfo } from './types.ts';

/** A pid last seen more than this many sampling intervals before the end of the data was gone. */
const ALIVE_INTERVALS = 3;

export interface Life {
  pid: number;
  slot: number;
  /** Samples of this pid that carry the metric. */
  sampleCount: number;
  /**
   * (requests, bytes), sorted, idle ties collapsed. Samples at 0 requests are left out: a
   * fresh worker may still be importing the app then, far below its serving size.
   */
  points: Point[];
  firstTMs: number;
  lastTMs: number;
  /** Requests served at the last sample. */
  requests: number;
  /** How the life ended; null while it was still alive at the end of the data. */
  exitCause: ExitCause | null;
  /** Requests at exit when the exit event reported them. */
  exitRequests: number | null;
}

export interface LifeSet {
  /** Sorted by slot, then by first sample. */
  lives: Life[];
  /** Exits that were not the harness stopping the server, by time. */
  restarts: RestartInfo[];
}

export function buildLives(samples: readonly Sample[], events: readonly WorkerEvent[], metric: MemoryMetric): LifeSet {
  // Callers may hand over a whole events.jsonl: keep the events of these samples' variant.
  const variants = new Set(samples.map((s) => s.variant));
  const exits = new Map<number, WorkerEvent>();
  for (const e of events) {
    if (e.kind === 'exit' && (variants.size === 0 || variants.has(e.variant))) exits.set(e.pid, e);
  }
  const byPid = new Map<number, Sample[]>();
  for (const s of samples) {
    const rows = byPid.get(s.pid);
    if (rows) rows.push(s);
    else byPid.set(s.pid, [s]);
  }
  const endTMs = samples.reduce((m, s) => Math.max(m, s.tMs), -Infinity);
  const aliveSince = endTMs - ALIVE_INTERVALS * typicalInterval(byPid);

  const lives: Life[] = [];
  for (const [pid, unsorted] of byPid) lives.push(buildLife(pid, unsorted, exits.get(pid), aliveSince, metric));
  sortLives(lives);
  return { lives, restarts: restartsOf(lives, exits) };
}

/** Slot order, then by first sample: the order of LifeSet.lives. */
export function sortLives(lives: Life[]): Life[] {
  return lives.sort((a, b) => a.slot - b.slot || a.firstTMs - b.firstTMs);
}

/** Time after which a pid still sampled counts as alive: ALIVE_INTERVALS typical intervals before `endTMs`. */
export function aliveSinceOf(byPid: ReadonlyMap<number, readonly Sample[]>, endTMs: number): number {
  return endTMs - ALIVE_INTERVALS * typicalInterval(byPid);
}

/** One pid's life from its rows (any order, at least one) and its exit event, if any. */
export function buildLife(
  pid: number,
  unsorted: readonly Sample[],
  exit: WorkerEvent | undefined,
  aliveSince: number,
  metric: MemoryMetric,
): Life {
  const rows = [...unsorted].sort((a, b) => a.tMs - b.tMs);
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const withMetric = rows.filter((r) => Number.isFinite(memoryOf(r, metric)));
  return {
    pid,
    slot: first.slot,
    sampleCount: withMetric.length,
    points: collapseTiedX(withMetric.filter((r) => r.requests > 0).map((r) => ({ x: r.requests, y: memoryOf(r, metric) }))),
    firstTMs: first.tMs,
    lastTMs: last.tMs,
    requests: last.requests,
    exitCause: exitCauseOf(last.tMs, exit, aliveSince),
    exitRequests: exit?.requests ?? null,
  };
}

/** How a life ended: its exit event's cause, null while still sampled at the end, 'unknown' if it vanished. */
export function exitCauseOf(lastTMs: number, exit: WorkerEvent | undefined, aliveSince: number): ExitCause | null {
  return exit ? (exit.cause ?? 'unknown') : lastTMs >= aliveSince ? null : 'unknown';
}

export function restartsOf(lives: readonly Life[], exits: ReadonlyMap<number, WorkerEvent>): RestartInfo[] {
  const byPid = new Map(lives.map((l) => [l.pid, l]));
  const restarts: RestartInfo[] = [];
  for (const e of exits.values()) {
    const cause = e.cause ?? 'unknown';
    if (cause === 'shutdown') continue;
    restarts.push({ pid: e.pid, slot: e.slot, tMs: e.tMs, requests: e.requests ?? byPid.get(e.pid)?.requests ?? null, cause });
  }
  for (const l of lives) {
    // Samples stopped with no exit event, before the end: it died unseen.
    if (l.exitCause === 'unknown' && !exits.has(l.pid)) {
      restarts.push({ pid: l.pid, slot: l.slot, tMs: l.lastTMs, requests: l.requests, cause: 'unknown' });
    }
  }
  return restarts.sort((a, b) => a.tMs - b.tMs || a.slot - b.slot);
}

function memoryOf(s: Sample, metric: MemoryMetric): number {
  const v = metric === 'rss' ? s.rss : s[metric];
  return v === null ? NaN : v;
}

/** Median gap between consecutive samples of one pid (workers may be read a few ms apart); 0 if none. */
function typicalInterval(byPid: ReadonlyMap<number, readonly Sample[]>): number {
  const gaps: number[] = [];
  for (const rows of byPid.values()) {
    const ticks = rows.map((r) => r.tMs).sort((a, b) => a - b);
    for (let i = 1; i < ticks.length; i += 1) gaps.push(ticks[i]! - ticks[i - 1]!);
  }
  return gaps.length > 0 ? median(gaps) : 0;
}
