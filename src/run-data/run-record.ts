// run.json: the contract's result record (../shared/docs/contract.md), plus the detail that
// lets a reader see why each verdict was reached.
import type { VariantAnalysis } from '../analyze/types.ts';
import type { ProbeRecord } from './probe-record.ts';
import type { LoadStats, Verdict } from './types.ts';

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
  container?: {
    image: string;
    imageId: string;
    name: string;
    memoryLimitMiB?: number;
    oomKills: number | null;
    sigkilledWorkers: number;
  };
  analysis?: VariantAnalysis;
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
