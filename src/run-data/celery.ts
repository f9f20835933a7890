// run.json's `celery` of a variant that ran a Celery worker beside Gunicorn: what its processes
// did, from their samples (role celery in samples.csv). Written by analyze/celery-summary.ts.

export interface CeleryProcessSummary {
  pid: number;
  /** 0: the main process (it receives tasks); 1..n: pool processes (1 + pool index). */
  slot: number;
  /** "celery main", "celery 1": as the chart labels the line. */
  label: string;
  /** Tasks received (main process) or finished (pool process) by its last sample. */
  tasks: number;
  firstRss: number;
  lastRss: number;
  /** lastRss − firstRss, bytes: imports and first buffers included. */
  growthBytes: number;
  /** lastRss − RSS at its first sample past half its tasks: whether it still grows once warm. */
  lateGrowthBytes: number;
  /** The tasks handled since that sample. */
  lateTasks: number;
}

export interface CelerySummary {
  processes: CeleryProcessSummary[];
  /** Tasks the pool processes finished, together. */
  tasksDone: number;
  /** Tasks the main process received from the broker. */
  tasksReceived: number;
  /** The pool processes' growth added up, bytes. */
  poolGrowthBytes: number;
}
