// run.json: the contract's result record (../shared/docs/contract.md), plus the detail that
// lets a reader see why each verdict was reached.
import type { VariantAnalysis } from './analysis.ts';
import type { VariantAttribution } from './attribution.ts';
import type { CelerySummary } from './celery.ts';
import type { ProbeRecord } from './probe-record.ts';
import type { VariantTrace } from './trace.ts';
import type { LoadStats, Verdict } from './types.ts';

/** What the container saw, known after stop(): recorded in run.json. */
export interface ContainerFacts {
  image: string;
  imageId: string;
  name: string;
  memoryLimitMiB?: number;
  /** Processes the kernel's OOM killer killed in the container's cgroup (null: unreadable). */
  oomKills: number | null;
  /** Workers Gunicorn saw die of SIGKILL. */
  sigkilledWorkers: number;
}

// `running` only on disk while a run is under way: a run.json that still says so was killed.
export type RunStatus = 'complete' | 'interrupted' | 'failed' | 'running';
// `interrupted`: stopped early (Ctrl-C, a killed harness), analysed from what was sampled.
export type VariantStatus = 'complete' | 'interrupted' | 'skipped' | 'failed';

export interface VariantRecord {
  name: string;
  description?: string;
  status: VariantStatus;
  skipReason?: string;
  /** Set when status is "failed": what went wrong. */
  error?: string;
  /** Things a reader should know that did not stop the run (an ignored Gunicorn setting). */
  warnings?: string[];
  verdict?: Verdict;
  /** With an inconclusive verdict: about how many more requests per worker would decide it. */
  requestsNeeded?: number;
  expected?: Verdict;
  expectationMet?: boolean;
  slopeBytesPerRequest: number;
  growthBytes: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  workerRestarts: number;
  /** The services behind this variant (scenario `services:`) and where each came from. */
  services?: { service: 'redis' | 'postgres'; source: 'env' | 'started'; detail: string }[];
  /** Gunicorn settings this variant ran with (workers, worker class, max_requests, ...). */
  gunicorn?: Record<string, unknown>;
  load?: LoadStats;
  /** Requests sent before/after the storm, their answers saved under probes/. */
  probes?: ProbeRecord[];
  /** --target docker: the container it ran in, its memory limit and what the OOM killer did. */
  container?: ContainerFacts;
  analysis?: VariantAnalysis;
  /** --trace: the lines a traced pass of this variant saw grow (its curve never feeds the verdict). */
  trace?: VariantTrace;
  /** --diagnose / --isolate on a mix of several entries: which entry the growth went with. */
  attribution?: VariantAttribution;
  /** load.until: verdict (--until-verdict): how the storm ended and what the live judge said. */
  until?: UntilOutcome;
  /** A variant with `celery:`: what its Celery worker's processes did (never part of the verdict). */
  celery?: CelerySummary;
}

/** How a storm run until its verdict ended. The record's verdict is still the final one, from the files. */
export interface UntilOutcome {
  /** verdict: the live verdict was decided; cap: load.duration / load.requests came first. */
  stoppedBy: 'verdict' | 'cap' | 'interrupted';
  /** Time (ms) from the storm's start to the samples the live verdict was decided on. */
  decidedAfterMs?: number;
  /** The live judge's last verdict and its confidence (0..1). */
  liveVerdict?: Verdict;
  liveConfidence?: number;
  /** The cap the storm had: its planned duration (ms) or request count. */
  capMs?: number;
  capRequests?: number;
  /** Times the live judge evaluated the variant. */
  evaluations: number;
}

export interface RunRecord {
  scenario: string;
  title?: string;
  /** The source material's claim, in one line. */
  claim?: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string;
  runId: string;
  target: 'local' | 'docker';
  /** --target docker: the app image (tag leaklab-app:<hash>, id, and the base it was built on). */
  image?: { tag: string; id: string; baseImage: string };
  quick: boolean;
  variants: VariantRecord[];
}
