// A saved run as a timed list of live messages: each variant's samples at their own sample time
// divided by the speed, one variant after another (each variant's clock starts at 0), a pause
// between them, then the verdicts and the report. Pure, so the timing is tested without a clock.

import type { TimedStatus } from '../pipeline/replay-verdicts.ts';
import type { RunRecord } from '../run-data/run-record.ts';
import type { Sample, Verdict } from '../run-data/types.ts';
import { LiveFeed } from './live-feed.ts';
import type { LiveMessage } from './messages.ts';

export interface ScheduledMessage {
  /** Milliseconds of playback (wall clock) from the start. */
  atMs: number;
  message: LiveMessage;
}

export interface ReplayOptions {
  speed: number;
  /** Samples within one frame of playback go out as one message. */
  frameMs?: number;
  /** Playback time between two variants, so the switch can be seen. */
  pauseMs?: number;
  /** Where the page finds the finished report. */
  reportUrl?: string;
  /** Per variant: the scenario's warm-up and expectation (from the saved scenario.yaml). */
  plans?: ReadonlyMap<string, { warmupMs?: number; expected?: Verdict }>;
  /** Per variant: the running verdict at its sample times (the live judge re-run on the saved data). */
  running?: ReadonlyMap<string, readonly TimedStatus[]>;
}

export function replaySchedule(record: RunRecord, samples: readonly Sample[], o: ReplayOptions): ScheduledMessage[] {
  if (!(o.speed > 0)) throw new RangeError(`speed must be above 0, got ${o.speed}`);
  const frameMs = o.frameMs ?? 100;
  const pauseMs = o.pauseMs ?? 800;
  const out: ScheduledMessage[] = [];
  let now = 0;
  const feed = new LiveFeed((message) => out.push({ atMs: Math.round(now), message }));
  const byVariant = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = byVariant.get(s.variant);
    if (list) list.push(s);
    else byVariant.set(s.variant, [s]);
  }
  feed.runStart(
    {
      scenario: record.scenario,
      ...(record.title ? { title: record.title } : {}),
      ...(record.claim ? { claim: record.claim } : {}),
      variants: record.variants.map((v) => {
        const plan = o.plans?.get(v.name);
        const expected = plan?.expected ?? v.expected;
        return {
          name: v.name,
          ...(expected ? { expected } : {}),
          ...(plan?.warmupMs === undefined ? {} : { warmupMs: plan.warmupMs }),
          ...(v.celery ? { celery: true } : {}),
        };
      }),
    },
    o.speed,
  );
  let start = 0;
  for (const v of record.variants) {
    const list = [...(byVariant.get(v.name) ?? [])].sort((a, b) => a.tMs - b.tMs);
    now = start;
    feed.variantStart(v.name);
    let frameEnd = start + frameMs;
    const verdicts = [...(o.running?.get(v.name) ?? [])];
    const tellVerdicts = (beforeMs: number) => {
      while (verdicts.length > 0 && verdicts[0]!.tMs <= beforeMs) {
        const { tMs, status } = verdicts.shift()!;
        now = Math.max(now, start + tMs / o.speed);
        // Flushes first: the samples the judge had seen are on the chart before its verdict.
        feed.liveVerdict(v.name, status);
      }
    };
    for (const s of list) {
      const at = start + s.tMs / o.speed;
      if (at >= frameEnd) {
        // The frame's samples go out when it ends: nothing is shown before its sample time.
        now = frameEnd;
        feed.flush();
        frameEnd = at + frameMs;
      }
      tellVerdicts(s.tMs);
      feed.sample(s);
    }
    tellVerdicts(Infinity);
    now = start + (list.at(-1)?.tMs ?? 0) / o.speed;
    feed.finalVerdict(v);
    start = now + pauseMs;
  }
  now = Math.max(0, start - pauseMs);
  feed.end(record.status, o.reportUrl, true);
  return out;
}
