// What the live page is sent, one server-sent event each. The same messages carry a run as it
// happens and a saved run played back, so the page has one code path for both.
import type { TopLevelSpec } from 'vega-lite';
import type { LiveRow } from '../report/live-rows.ts';
import type { Verdict } from '../run-data/types.ts';

export interface LiveVariantInfo {
  name: string;
  expected?: Verdict;
}

export type LiveMessage =
  | {
      type: 'run';
      scenario: string;
      title: string;
      claim?: string;
      variants: LiveVariantInfo[];
      spec: TopLevelSpec;
      /** Set when a saved run is played back, at this speed. */
      replaySpeed?: number;
    }
  | { type: 'variant'; name: string }
  | { type: 'rows'; rows: LiveRow[]; restarts: LiveRow[] }
  | { type: 'warmup'; variant: string; to: number; done: boolean }
  | {
      type: 'verdict';
      variant: string;
      verdict: Verdict | 'skipped' | 'failed';
      confidence?: number;
      decided?: boolean;
      requestsNeeded?: number;
      /** The verdict judged from the files after the run, not the running one. */
      final?: boolean;
      expectationMet?: boolean;
    }
  | { type: 'end'; status: string; report?: string; navigate: boolean };

/**
 * One server-sent event. JSON never holds a raw line break (they are escaped inside strings), so
 * the whole message is one `data:` line and cannot end the event early.
 */
export function encodeSse(message: LiveMessage, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(message)}\n\n`;
}
