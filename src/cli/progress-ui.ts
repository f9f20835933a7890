// Live progress while a storm runs: one line rewritten in place on a terminal, a line every
// few seconds otherwise (CI logs), so a long run never looks hung.
import { formatApproxCount, formatBytes } from '../analyze/format.ts';
import type { VariantProgress } from '../pipeline/collect-variant.ts';
import type { LiveStatus } from '../pipeline/live-verdict.ts';
import type { RunUi } from '../pipeline/run-scenario.ts';
import { formatDuration } from '../scenario/duration.ts';
import type { VariantPlan } from '../scenario/plan.ts';
import type { CliIo } from './io.ts';

const PLAIN_EVERY_MS = 5000;

export function createProgressUi(io: CliIo): RunUi {
  let lastPlain = 0;
  let liveLine = false;
  const clearLive = () => {
    if (liveLine) io.stderr('\r\x1b[2K');
    liveLine = false;
  };
  return {
    info(line) {
      clearLive();
      io.stderr(`${line}\n`);
    },
    variantStart(plan: VariantPlan, index: number, total: number) {
      clearLive();
      const cap = plan.durationMs !== undefined ? formatDuration(plan.durationMs) : `${plan.amount} requests`;
      const stop = plan.untilVerdict ? `until decided (at most ${cap})` : cap;
      const g = plan.gunicorn;
      const recycle =
        (g.maxRequests ? `, max_requests ${g.maxRequests}±${g.maxRequestsJitter}` : '') +
        (g.maxWorkerRssMiB ? `, RSS limit ${g.maxWorkerRssMiB} MiB` : '');
      io.stderr(
        `[${index + 1}/${total}] ${plan.name}: ${g.workers} ${g.workerClass} workers${recycle}, ` +
          `${plan.connections} connections, ${stop}\n`,
      );
      lastPlain = 0;
    },
    progress(p: VariantProgress) {
      const line = progressLine(p);
      if (io.stderrIsTTY) {
        io.stderr(`\r\x1b[2K${line}`);
        liveLine = true;
      } else if (p.elapsedMs - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = p.elapsedMs;
        io.stderr(`${line}\n`);
      }
    },
    variantEnd(name, outcome) {
      clearLive();
      io.stderr(`    ${name}: ${outcome}\n`);
    },
  };
}

export function progressLine(p: VariantProgress): string {
  const fraction = p.plannedMs ? p.elapsedMs / p.plannedMs : p.plannedRequests ? p.requests / p.plannedRequests : 0;
  const width = 20;
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const rate = p.elapsedMs > 0 ? Math.round((p.requests / p.elapsedMs) * 1000) : 0;
  const planned = p.plannedMs ? `/${formatDuration(p.plannedMs)}` : '';
  const rss = [...p.rssBySlot.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([slot, bytes]) => `w${slot} ${formatBytes(bytes)}`)
    .join(' ');
  const live = p.live ? `  ${liveText(p.live)}` : '';
  return (
    `    ${bar} ${formatDuration(p.elapsedMs)}${planned}  ${p.requests.toLocaleString('en-US')} req  ` +
    `${rate.toLocaleString('en-US')}/s  errors ${p.errors}  RSS ${rss}${live}`
  );
}

/** The running verdict (--until-verdict): "verdict: leak (87 %)", or what is still missing. */
export function liveText(s: LiveStatus): string {
  if (s.verdict === 'inconclusive') {
    return s.requestsNeeded === undefined
      ? 'undecided'
      : `undecided: ~${formatApproxCount(s.requestsNeeded)} more requests/worker`;
  }
  const pct = `${Math.floor(s.confidence * 100)} %`;
  return s.decided ? `verdict: ${s.verdict} (${pct}), decided` : `verdict: ${s.verdict} (${pct})`;
}
