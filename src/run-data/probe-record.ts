// What run.json says about one probe: a request sent outside the storm whose answer is saved
// in the run directory (src/pipeline/probes.ts sends them).

export interface ProbeRecord {
  path: string;
  when: 'before' | 'after';
  /** The saved body, relative to the run directory: probes/<variant>-<save>. */
  file: string;
  /** HTTP status; absent when no response came. */
  status?: number;
  /** The worker that answered, when the body names it ({"pid": ...}): with several workers a probe lands on one. */
  pid?: number;
  bytes: number;
  ms: number;
  /** Why there is no answer (refused, timed out). */
  error?: string;
}
