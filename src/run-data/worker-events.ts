// Turns the raw events the Gunicorn hooks append (epoch seconds, hook names) into WorkerEvents
// (ms from the storm's start, one exit per pid with its cause). Pure.
import type { ExitCause, WorkerEvent } from './types.ts';

interface RawEvent {
  t: number;
  kind: string;
  pid: number;
  cause?: string;
  requests?: number;
  names?: string[];
}

export function parseRawEvents(text: string): RawEvent[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as RawEvent];
      } catch {
        return []; // A line cut short by a killed worker: the rest still count.
      }
    });
}

/** Warnings the hooks raised: names in the user's gunicorn.conf.py that Gunicorn ignores. */
export function configWarnings(raw: RawEvent[]): string[] {
  const names = [...new Set(raw.filter((e) => e.kind === 'unknown_settings').flatMap((e) => e.names ?? []))];
  return names.map((n) => `gunicorn config sets "${n}", which is not a Gunicorn setting: Gunicorn ignores it without a word`);
}

export interface NormalizeContext {
  variant: string;
  /** Epoch ms of the storm's start (the samples' tMs origin). */
  originEpochMs: number;
  /** Epoch ms at which the harness asked the server to stop; exits after it are shutdowns. */
  stopEpochMs: number | null;
  /** The slot the sampler gave each pid. */
  slotOf: ReadonlyMap<number, number>;
}

export function normalizeEvents(raw: RawEvent[], ctx: NormalizeContext): WorkerEvent[] {
  const { slotOf } = ctx;
  const tMs = (t: number) => Math.round(t * 1000 - ctx.originEpochMs);
  const stopped = (t: number) => ctx.stopEpochMs !== null && t * 1000 >= ctx.stopEpochMs;
  const exits = new Map<number, RawEvent>();
  const events: WorkerEvent[] = [];

  for (const e of raw) {
    if (e.kind === 'spawn') {
      events.push({ tMs: tMs(e.t), variant: ctx.variant, kind: 'spawn', pid: e.pid, slot: slotOf.get(e.pid) ?? -1 });
    } else if (e.kind === 'exit') {
      exits.set(e.pid, e);
    } else if (e.kind === 'reaped' && !exits.has(e.pid)) {
      // Reaped by the master without having run worker_exit: killed from outside or crashed.
      exits.set(e.pid, { ...e, cause: stopped(e.t) ? 'shutdown' : 'crash' });
    }
  }
  for (const e of exits.values()) {
    events.push({
      tMs: tMs(e.t),
      variant: ctx.variant,
      kind: 'exit',
      pid: e.pid,
      slot: slotOf.get(e.pid) ?? -1,
      cause: exitCause(e, stopped(e.t)),
      ...(e.requests === undefined ? {} : { requests: e.requests }),
    });
  }
  return events.sort((a, b) => a.tMs - b.tMs);
}

function exitCause(e: RawEvent, afterStop: boolean): ExitCause {
  switch (e.cause) {
    case 'max_requests':
    case 'memory_limit':
    case 'timeout':
    case 'crash':
      return e.cause;
    case 'signal':
    case 'shutdown':
      return afterStop ? 'shutdown' : 'unknown';
    default:
      return 'unknown';
  }
}
