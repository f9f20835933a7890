// Live progress while a storm runs: one line rewritten in place on a terminal, a line every
// few seconds otherwise (CI logs), so a long run never looks hung.
import { formatApproxCount, formatByteRange, formatBytes } from '../analyze/format.ts';
import type { VariantProgress } from '../pipeline/collect-variant.ts';
import type { LiveStatus } from '../pipeline/live-verdict.ts';
import type { RunUi } from '../pipeline/run-scenario.ts';
import { cutToWidth, DEFAULT_COLUMNS, textWidth, wrapText } from '../report/text-width.ts';
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
      // Wrapped, not cut: with max_requests and a cap it runs past 100 columns, and all of it matters.
      const header =
        `[${index + 1}/${total}] ${plan.name}: ${g.workers} ${g.workerClass} workers${recycle}, ` +
        `${plan.connections} connections, ${stop}`;
      io.stderr(`${wrapText(header, io.columns ?? DEFAULT_COLUMNS, '    ', '').join('\n')}\n`);
      lastPlain = 0;
    },
    progress(p: VariantProgress) {
      // One column short of the width: a line that fills the last column wraps on some terminals,
      // and \r then redraws only the wrapped half.
      const line = progressLine(p, (io.columns ?? DEFAULT_COLUMNS) - 1);
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

/**
 * The live line, within `width` columns. What gives way first: each worker's RSS becomes the
 * workers' range (8 workers do not fit in 100 columns), then the bar and indent shrink; the
 * running verdict stays; the line is cut at the end only as a last resort.
 */
export function progressLine(p: VariantProgress, width = DEFAULT_COLUMNS - 1): string {
  const fraction = p.plannedMs ? p.elapsedMs / p.plannedMs : p.plannedRequests ? p.requests / p.plannedRequests : 0;
  const bar = (cells: number) => {
    const filled = Math.max(0, Math.min(cells, Math.round(fraction * cells)));
    return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)}`;
  };
  const rate = p.elapsedMs > 0 ? Math.round((p.requests / p.elapsedMs) * 1000) : 0;
  const planned = p.plannedMs ? `/${formatDuration(p.plannedMs)}` : '';
  const slots = [...p.rssBySlot.entries()].sort((a, b) => a[0] - b[0]);
  const perWorker = slots.map(([slot, bytes]) => `w${slot} ${formatBytes(bytes)}`).join(' ');
  const values = slots.map(([, bytes]) => bytes);
  const range = slots.length > 1 ? `${slots.length}× ${formatByteRange(Math.min(...values), Math.max(...values))}` : perWorker;
  const rss = textWidth(range) < textWidth(perWorker) ? range : perWorker;
  const live = p.live ? `  ${liveText(p.live)}` : '';
  const line = (indent: string, cells: number, workers: string, brief = false) =>
    `${indent}${bar(cells)} ${formatDuration(p.elapsedMs)}${planned}  ${p.requests.toLocaleString('en-US')} req  ` +
    (brief ? '' : `${rate.toLocaleString('en-US')}/s  `) +
    (brief && p.errors === 0 ? '' : `errors ${p.errors}  `) +
    `RSS ${workers}${live}`;
  const tries = [
    line('    ', 20, perWorker),
    line('    ', 20, rss),
    line('    ', 10, rss),
    line('  ', 10, rss),
    // Last: the rate, and the error count while it is zero.
    line('  ', 10, rss, true),
  ];
  return cutToWidth(tries.find((t) => textWidth(t) <= width) ?? tries.at(-1)!, width);
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
