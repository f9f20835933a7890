// Samples → chart rows. The x axis is requests served by a worker *slot*, not by a pid: when
// Gunicorn recycles a worker (max_requests) its replacement takes the slot, and continuing x
// from where the old life ended turns recycling into a sawtooth along one line. A Celery
// worker's processes (role celery) are lines of their own, against tasks they handled, in a
// legend entry of their own (series), so the chart shows where the work went beside the web workers.
import { celeryLabel } from '../analyze/celery-summary.ts';
import type { MemoryMetric, Sample } from '../run-data/types.ts';

const MIB = 1024 * 1024;

/** Enough for a smooth line at 720 px wide while keeping the inline SVG small. */
export const DEFAULT_MAX_POINTS_PER_LINE = 1500;

export interface ChartRow {
  variant: string;
  /** The legend entry: the variant for its web workers, seriesKey(variant, 'celery') for its Celery processes. */
  series: string;
  /** Absent for a web worker. */
  role?: 'celery';
  slot: number;
  /** variant + slot: the key of one line. */
  line: string;
  /**
   * line + life: what is drawn as one stroke. A restart leaves a gap instead of a segment falling
   * from the old worker's last sample to the new one's first, which reads as memory being freed.
   */
  segment: string;
  pid: number;
  /** 0 for a slot's first worker, 1 for its first replacement, ... */
  life: number;
  /** Requests served by the slot (earlier lives included). */
  requests: number;
  mib: number;
  /** Drawing order along the line; x alone ties where one life ends and the next begins. */
  seq: number;
}

/** The last point of a life that was followed by another in its slot: where the saw drops. */
export type RestartMark = ChartRow;

/** Where a worker's life starts on its slot's x axis (requests served by the earlier lives). */
export interface LifeOffset {
  variant: string;
  slot: number;
  pid: number;
  offset: number;
}

export interface ChartData {
  rows: ChartRow[];
  restarts: RestartMark[];
  /** Every life's x offset, so per-life figures (its warm-up) can be drawn where the life is. */
  lives: LifeOffset[];
  metric: MemoryMetric;
}

export interface ChartDataOptions {
  metric?: MemoryMetric;
  maxPointsPerLine?: number;
}

export function lineKey(variant: string, slot: number, role?: Sample['role']): string {
  return role === 'celery' ? `${variant} · ${celeryLabel(slot)}` : `${variant} · worker ${slot}`;
}

/** The legend entry of a variant's web workers (its name) or of its Celery worker's processes. */
export function seriesKey(variant: string, role?: Sample['role']): string {
  return role === 'celery' ? `${variant} · Celery worker` : variant;
}

/** The label at a line's end: w0, w1 for web workers; celery main, celery 1 for Celery's processes. */
export function lineLabel(slot: number, role?: Sample['role']): string {
  return role === 'celery' ? celeryLabel(slot) : `w${slot}`;
}

export function chartData(samples: readonly Sample[], opts: ChartDataOptions = {}): ChartData {
  const metric = opts.metric ?? 'rss';
  const maxPoints = opts.maxPointsPerLine ?? DEFAULT_MAX_POINTS_PER_LINE;
  const rows: ChartRow[] = [];
  const restarts: RestartMark[] = [];
  const lives: LifeOffset[] = [];
  for (const [key, lineSamples] of groupBy(samples, (s) => lineKey(s.variant, s.slot, s.role))) {
    const line = slotLine(key, lineSamples, metric);
    rows.push(...downsample(line.rows, maxPoints));
    restarts.push(...line.restarts);
    lives.push(...line.lives);
  }
  return { rows, restarts, lives, metric };
}

function slotLine(
  key: string,
  samples: Sample[],
  metric: MemoryMetric,
): { rows: ChartRow[]; restarts: ChartRow[]; lives: LifeOffset[] } {
  const lives = [...groupBy(samples, (s) => s.pid).values()];
  // A slot's lives follow one another in time, so first appearance orders them.
  lives.sort((a, b) => minOf(a, (s) => s.tMs) - minOf(b, (s) => s.tMs));
  const rows: ChartRow[] = [];
  const restarts: ChartRow[] = [];
  const offsets: LifeOffset[] = [];
  let offset = 0;
  lives.forEach((life, lifeIndex) => {
    const ordered = [...life].sort((a, b) => a.tMs - b.tMs);
    const role = life[0]!.role;
    offsets.push({ variant: life[0]!.variant, slot: life[0]!.slot, pid: life[0]!.pid, offset });
    const recycled = lifeIndex < lives.length - 1;
    const final = maxOf(life, (s) => s.requests);
    let lastRow: ChartRow | undefined;
    let served = 0;
    for (const s of ordered) {
      const bytes = s[metric];
      if (bytes === null) continue;
      // A worker's count never goes down: a sample below one already seen is a misread (a loaded
      // machine gave a few 0s mid-life), which drawn would send the line back to the y axis.
      if (s.requests < served) continue;
      served = s.requests;
      // A recycled worker past its last request is exiting: its memory then is not about requests
      // served, and drawn it would fall straight down at the restart.
      if (recycled && lastRow && lastRow.requests - offset === final) break;
      lastRow = {
        variant: s.variant,
        series: seriesKey(s.variant, role),
        ...(role ? { role } : {}),
        slot: s.slot,
        line: key,
        segment: `${key} · life ${lifeIndex}`,
        pid: s.pid,
        life: lifeIndex,
        requests: offset + s.requests,
        mib: bytes / MIB,
        seq: rows.length,
      };
      rows.push(lastRow);
    }
    if (lastRow && lifeIndex < lives.length - 1) restarts.push(lastRow);
    offset += maxOf(life, (s) => s.requests);
  });
  return { rows, restarts, lives: offsets };
}

/**
 * Keeps at most `maxPoints` rows of one line, in order. Each of maxPoints/2 even buckets keeps
 * its lowest and highest point: a plain stride would skip sawtooth peaks and step edges.
 */
export function downsample<T extends { mib: number }>(rows: readonly T[], maxPoints: number): T[] {
  if (rows.length <= maxPoints) return [...rows];
  // Two slots stay for the line's ends, so its x range survives too.
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const kept: T[] = [rows[0]!];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * rows.length) / buckets);
    const end = Math.floor(((b + 1) * rows.length) / buckets);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (rows[i]!.mib < rows[lo]!.mib) lo = i;
      if (rows[i]!.mib > rows[hi]!.mib) hi = i;
    }
    for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) {
      if (i !== 0 && i !== rows.length - 1) kept.push(rows[i]!);
    }
  }
  kept.push(rows[rows.length - 1]!);
  return kept;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function minOf<T>(items: readonly T[], f: (item: T) => number): number {
  return items.reduce((m, item) => Math.min(m, f(item)), Infinity);
}

function maxOf<T>(items: readonly T[], f: (item: T) => number): number {
  return items.reduce((m, item) => Math.max(m, f(item)), 0);
}
