// One line per probe for the reports: what was asked, where the answer is, who answered. Pure.
import { formatBytes } from '../analyze/format.ts';
import type { ProbeRecord } from '../run-data/probe-record.ts';

export function probeText(p: ProbeRecord): string {
  const head = `probe ${p.when} the storm: GET ${p.path}`;
  if (p.status === undefined) return `${head} got no answer (${p.error ?? 'unknown error'})`;
  const who = p.pid === undefined ? '' : ` from worker ${p.pid}`;
  return `${head} → HTTP ${p.status}${who}, ${formatBytes(p.bytes)} in ${p.ms} ms, saved as ${p.file}`;
}
