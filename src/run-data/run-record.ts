// run.json: the contract's result record (../shared/docs/contract.md), plus the detail that
// lets a reader see why each verdict was reached.
import type { VariantAnalysis } from '../analyze/types.ts';
import type { VariantTrace } from '../trace/types.ts';
import type { ProbeRecord } from './probe-record.ts';
import type { LoadStats, Verdict } from './types.ts';

export type RunStatus = 'complete' | 'interrupted' | 'failed';
export type VariantStatus = 'complete' | 'skipped' | 'failed';

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
  /** --trace: the lines a traced pass of this variant saw grow (its curve never feeds the verdict). */
  trace?: VariantTrace;
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
