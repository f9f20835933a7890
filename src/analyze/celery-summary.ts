// What a variant's Celery worker did, from its processes' samples (role celery): tasks and
// memory per process, and the one line of the explanation that says so. Pure. These processes
// are never part of the verdict: the verdict is about the web workers the storm hit; this says
// where the work (and any memory) went instead.
import type { CeleryProcessSummary, CelerySummary } from '../run-data/celery.ts';
import type { Sample } from '../run-data/types.ts';
import { formatBytes, formatCount } from './format.ts';

/** The chart's name for a Celery process's line. */
export function celeryLabel(slot: number): string {
  return slot === 0 ? 'celery main' : `celery ${slot}`;
}

/** One variant's Celery samples (any order, other roles ignored) → the summary; null without any. */
export function summarizeCelery(samples: readonly Sample[]): CelerySummary | null {
  const byPid = new Map<number, Sample[]>();
  for (const s of samples) {
    if (s.role !== 'celery') continue;
    const list = byPid.get(s.pid);
    if (list) list.push(s);
    else byPid.set(s.pid, [s]);
  }
  if (byPid.size === 0) return null;
  const processes = [...byPid.values()]
    .map((list): CeleryProcessSummary => {
      const ordered = [...list].sort((a, b) => a.tMs - b.tMs);
      const first = ordered[0]!;
      const last = ordered[ordered.length - 1]!;
      const tasks = ordered.reduce((m, s) => Math.max(m, s.requests), 0);
      const half = ordered.find((s) => s.requests >= tasks / 2) ?? first;
      return {
        pid: first.pid,
        slot: first.slot,
        label: celeryLabel(first.slot),
        tasks,
        firstRss: first.rss,
        lastRss: last.rss,
        growthBytes: last.rss - first.rss,
        lateGrowthBytes: last.rss - half.rss,
        lateTasks: tasks - half.requests,
      };
    })
    .sort((a, b) => a.slot - b.slot || a.pid - b.pid);
  const pool = processes.filter((p) => p.slot > 0);
  return {
    processes,
    tasksDone: pool.reduce((n, p) => n + p.tasks, 0),
    tasksReceived: processes.filter((p) => p.slot === 0).reduce((n, p) => n + p.tasks, 0),
    poolGrowthBytes: pool.reduce((n, p) => n + p.growthBytes, 0),
  };
}

/** The explanation's line about the Celery worker: tasks done and bytes grown, per process. */
export function explainCelery(c: CelerySummary): string {
  const pool = c.processes.filter((p) => p.slot > 0);
  const main = c.processes.filter((p) => p.slot === 0);
  const signed = (b: number) => `${b >= 0 ? '+' : ''}${formatBytes(b)}`;
  const grew = (p: CeleryProcessSummary) =>
    `${p.label} ${signed(p.growthBytes)} (${signed(p.lateGrowthBytes)} over its last ${formatCount(p.lateTasks)})`;
  const parts = [
    `Celery worker (not judged; RSS from its first sample to its last, and over its last half of tasks): its ${pool.length} pool process${pool.length === 1 ? '' : 'es'} finished ${formatCount(c.tasksDone)} task${c.tasksDone === 1 ? '' : 's'}` +
      (pool.length ? ` and grew ${pool.map(grew).join(', ')}` : ''),
  ];
  if (main.length)
    parts.push(
      `its main process received ${formatCount(c.tasksReceived)} and grew ${main.map(grew).join(', ').replace('celery main ', '')}`,
    );
  return `${parts.join('; ')}.`;
}
