// One variant's figures as text, shared by summary.md, the terminal table and report.html so
// the three never disagree on how a number reads.
import { formatBytes, formatCount } from '../analyze/format.ts';
import type { VariantRecord } from '../run-data/run-record.ts';
import type { ExitCause, WorkerEvent } from '../run-data/types.ts';

export const DASH = '—';

/** The verdict, or why there is none (skipped / failed). */
export function verdictText(v: VariantRecord): string {
  if (v.status === 'interrupted' && v.verdict) return `${v.verdict}, interrupted`;
  if (v.status !== 'complete') return v.status;
  return v.verdict ?? DASH;
}

/** Whether the variant has figures to show: it ran to the end, or was interrupted and analysed. */
function measured(v: VariantRecord): boolean {
  return v.status === 'complete' || (v.status === 'interrupted' && v.analysis !== undefined);
}

/** The verdict with how sure it is, for tables: "leak (97 %)". */
export function verdictWithConfidence(v: VariantRecord): string {
  const c = measured(v) ? v.analysis?.confidence : undefined;
  return c === undefined ? verdictText(v) : `${verdictText(v)} (${Math.round(c * 100)} %)`;
}

export function okText(v: VariantRecord, marks: { ok: string; failed: string }): string {
  if (v.expectationMet === undefined) return DASH;
  return v.expectationMet ? marks.ok : marks.failed;
}

/** "12.3 KiB/req ± 1.1 KiB": the interval's half-width, since a reader compares magnitudes. */
export function slopeText(v: VariantRecord): string {
  if (!measured(v)) return DASH;
  const s = v.analysis?.slope;
  const main = `${formatBytes(v.slopeBytesPerRequest)}/req`;
  if (!s) return main;
  return `${main} ± ${formatBytes(Math.abs(s.high - s.low) / 2)}`;
}

export function growthText(v: VariantRecord): string {
  return measured(v) ? formatBytes(v.growthBytes) : DASH;
}

/** A figure of a variant that ran; a skipped one has none to show. */
export function figureText(v: VariantRecord, text: string): string {
  return v.status === 'skipped' ? DASH : text;
}

export function rateText(reqPerSecond: number): string {
  return reqPerSecond >= 100 ? formatCount(reqPerSecond) : reqPerSecond.toFixed(1);
}

export function msText(ms: number): string {
  return ms >= 100 ? `${formatCount(ms)} ms` : `${ms.toFixed(1)} ms`;
}

/** The storm's figures in one line: "Load: 5,498 req/s, latency p50 1.1 ms · p90 1.6 ms · p99 2.3 ms, status 200: 79,413, errors 0". */
export function loadText(v: VariantRecord): string | null {
  const l = v.load;
  if (!l) return null;
  const lat = l.latencyMs;
  const codes =
    Object.entries(l.statusCodes)
      .map(([code, n]) => `${code}: ${formatCount(n)}`)
      .join(', ') || DASH;
  const errors = l.timeouts > 0 ? `${formatCount(v.errors)} (${formatCount(l.timeouts)} timeouts)` : formatCount(v.errors);
  return `Load: ${rateText(l.requestsPerSecond)} req/s, latency p50 ${msText(lat.p50)} · p90 ${msText(lat.p90)} · p99 ${msText(lat.p99)}, status ${codes}, errors ${errors}.`;
}

/** Restarts by cause, most frequent first: e.g. [["max_requests", 6], ["crash", 1]]. */
export function restartCauses(v: VariantRecord, events: readonly WorkerEvent[] = []): [ExitCause, number][] {
  const causes: ExitCause[] = v.analysis
    ? v.analysis.restarts.map((r) => r.cause)
    : events.filter((e) => e.variant === v.name && e.kind === 'exit' && e.cause !== 'shutdown').map((e) => e.cause ?? 'unknown');
  const counts = new Map<ExitCause, number>();
  for (const c of causes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

export function restartsText(v: VariantRecord, events: readonly WorkerEvent[] = []): string {
  const causes = restartCauses(v, events);
  if (v.workerRestarts === 0 && causes.length === 0) return '0';
  const detail = causes.map(([cause, n]) => `${cause} ×${n}`).join(', ');
  return detail ? `${v.workerRestarts} (${detail})` : String(v.workerRestarts);
}

/** "redis: started redis-server 7.0.15 on 127.0.0.1:40123", one per service behind the variant. */
export function servicesText(v: VariantRecord): string | null {
  if (!v.services?.length) return null;
  return `Services: ${v.services.map((s) => `${s.service} ${s.detail}`).join('; ')}.`;
}

/** "1 variant skipped (ttl-redis)": said next to the expectations, since a skipped one was not judged. */
export function skippedText(variants: readonly VariantRecord[]): string | null {
  const skipped = variants.filter((v) => v.status === 'skipped');
  if (skipped.length === 0) return null;
  return `${skipped.length} variant${skipped.length === 1 ? '' : 's'} skipped, not judged (${skipped.map((v) => v.name).join(', ')})`;
}

/**
 * When no expectation was judged: the ones the scenario set and why none was judged ("expected:
 * leaky leak, fixed flat; not judged: leaky failed"), so a failed run still shows what it was for.
 */
export function noJudgementText(variants: readonly VariantRecord[]): string {
  const set = variants.filter((v) => v.expected !== undefined);
  if (set.length === 0) return 'No expectations set';
  const expected = set.map((v) => `${v.name} ${v.expected}`).join(', ');
  const why = set.map((v) => `${v.name} ${v.status === 'complete' ? 'no verdict' : v.status}`).join(', ');
  return `No expectation judged (expected: ${expected}; ${why})`;
}
