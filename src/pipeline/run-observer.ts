// What a run tells whoever watches it while it happens (the live view, `--live`). An observer,
// not a dependency: the pipeline calls these hooks and knows nothing of servers or pages, so the
// live judge can move (to a worker thread) and the watcher can change without touching each other.
import type { RunRecord } from '../run-data/run-record.ts';
import type { Sample, Verdict } from '../run-data/types.ts';
import type { LiveStatus } from './live-verdict.ts';

export interface RunStartInfo {
  scenario: string;
  title?: string;
  claim?: string;
  runId: string;
  /** celery: the variant runs a Celery worker, whose processes the chart shows as a series of their own. */
  variants: { name: string; expected?: Verdict; warmupMs?: number; celery?: boolean }[];
}

export interface RunObserver {
  runStart?(info: RunStartInfo): void;
  variantStart?(name: string): void;
  /** Every sample of the measured storm, as the sampler takes it (never a traced pass's). */
  sample?(s: Sample): void;
  /** The running verdict, each time the live judge evaluates (every ~2 s of samples). */
  liveVerdict?(variant: string, status: LiveStatus): void;
  variantEnd?(name: string, status: string): void;
  /** After the run was judged and rendered from its files. */
  runEnd?(record: RunRecord, reportHtml: string): void;
}

/**
 * The observer with every hook guarded: a bug in a watcher (the live view) must never stop or
 * spoil a measurement, so what a hook throws is dropped here.
 */
export function guardedObserver(observer: RunObserver): RunObserver {
  const guarded: RunObserver = {};
  for (const key of Object.keys(observer) as (keyof RunObserver)[]) {
    const hook = observer[key] as ((...args: unknown[]) => void) | undefined;
    if (typeof hook !== 'function') continue;
    (guarded as Record<string, unknown>)[key] = (...args: unknown[]) => {
      try {
        hook.apply(observer, args);
      } catch {
        // A watcher's failure is its own; the run goes on.
      }
    };
  }
  return guarded;
}
