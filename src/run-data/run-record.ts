// run.json: the contract's result record (../shared/docs/contract.md), plus the detail that
// lets a reader see why each verdict was reached.
import type { VariantAnalysis } from '../analyze/types.ts';
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
  expected?: Verdict;
  expectationMet?: boolean;
  slopeBytesPerRequest: number;
  growthBytes: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  workerRestarts: number;
  /** Gunicorn settings this variant ran with (workers, worker class, max_requests, ...). */
  gunicorn?: Record<string, unknown>;
  load?: LoadStats;
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
  quick: boolean;
  variants: VariantRecord[];
}
