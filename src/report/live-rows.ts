// Samples → chart rows one at a time, for the live view: the same rows chartData() builds from
// a whole samples.csv (x = requests served by the worker slot, a replacement continuing its
// slot's x), plus a segment key per worker life so a restart is drawn as a gap, not as a drop
// from the old worker's last sample to the new one's first.
import type { MemoryMetric, Sample } from '../run-data/types.ts';
import { type ChartRow, lineKey, seriesKey } from './chart-data.ts';

const MIB = 1024 * 1024;

export interface LiveRow extends ChartRow {
  /** line + life: one drawn segment. */
  segment: string;
}

export interface LiveRowsAdded {
  row?: LiveRow;
  /** The last row of the life this sample's worker replaced. */
  restart?: LiveRow;
}

interface SlotState {
  pid: number;
  life: number;
  /** Requests served by the slot's earlier lives. */
  offset: number;
  lifeMax: number;
  last?: LiveRow;
  retired: Set<number>;
}

export class LiveRows {
  private readonly slots = new Map<string, SlotState>();
  private readonly maxX = new Map<string, number>();
  private seq = 0;

  constructor(private readonly metric: MemoryMetric = 'rss') {}

  add(s: Sample): LiveRowsAdded {
    const key = lineKey(s.variant, s.slot, s.role);
    let st = this.slots.get(key);
    let restart: LiveRow | undefined;
    if (!st) {
      st = { pid: s.pid, life: 0, offset: 0, lifeMax: 0, retired: new Set() };
      this.slots.set(key, st);
    } else if (st.pid !== s.pid) {
      // A late sample of a worker already replaced would start a third "life": it is dropped.
      if (st.retired.has(s.pid)) return {};
      restart = st.last;
      st.retired.add(st.pid);
      st.pid = s.pid;
      st.life += 1;
      st.offset += st.lifeMax;
      st.lifeMax = 0;
      st.last = undefined;
    }
    st.lifeMax = Math.max(st.lifeMax, s.requests);
    const bytes = s[this.metric];
    if (bytes === null) return restart ? { restart } : {};
    const row: LiveRow = {
      variant: s.variant,
      series: seriesKey(s.variant, s.role),
      ...(s.role ? { role: s.role } : {}),
      slot: s.slot,
      line: key,
      pid: s.pid,
      life: st.life,
      requests: st.offset + s.requests,
      mib: bytes / MIB,
      seq: this.seq++,
      segment: `${key} · life ${st.life}`,
    };
    st.last = row;
    // The warm-up band is about web workers' requests: a Celery process's tasks do not move it.
    if (!s.role) this.maxX.set(s.variant, Math.max(this.maxX.get(s.variant) ?? 0, row.requests));
    return restart ? { row, restart } : { row };
  }

  /** The most requests any slot of the variant has served so far (where its warm-up band ends). */
  maxRequests(variant: string): number {
    return this.maxX.get(variant) ?? 0;
  }
}
