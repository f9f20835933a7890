// The exit code a run's record earns, so `leaklab report` on saved data exits as `leaklab run`
// did on the live run: a CI step that re-renders a run cannot turn a miss into a pass.
import { ExitCode, type ExitCodeValue } from '../core/errors.ts';
import type { RunRecord } from '../run-data/run-record.ts';

export function runExitCode(record: RunRecord): ExitCodeValue {
  if (record.status === 'interrupted') return ExitCode.interrupted;
  if (record.status === 'failed' || record.variants.some((v) => v.status === 'failed')) return ExitCode.environment;
  // A run that measured nothing at all must not pass as "every expectation held".
  const skipped = record.variants.filter((v) => v.status === 'skipped').length;
  if (skipped > 0 && skipped === record.variants.length) return ExitCode.environment;
  return record.variants.some((v) => v.expectationMet === false) ? ExitCode.expectationFailed : ExitCode.ok;
}
