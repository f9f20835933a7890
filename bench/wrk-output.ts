// Parses `wrk --latency` text output (wrk 4.x) into the figures the fidelity bench compares.

export interface WrkResult {
  rps: number;
  /** Latency percentiles in ms. */
  p50: number;
  p90: number;
  p99: number;
  requests: number;
  /** Connect/read/write/timeout errors and non-2xx/3xx responses, as wrk reports them. */
  errors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function timeMs(value: string, unit: string): number {
  return Number(value) * (UNIT_MS[unit] ?? NaN);
}

export function parseWrkOutput(out: string): WrkResult | null {
  const pct = (p: string): number | null => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(out);
    return m ? timeMs(m[1] as string, m[2] as string) : null;
  };
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  const total = /^\s*(\d+) requests in/m.exec(out);
  const p50 = pct('50');
  const p90 = pct('90');
  const p99 = pct('99');
  if (!rps || !total || p50 === null || p90 === null || p99 === null) return null;
  let errors = 0;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  if (socket) errors += socket.slice(1).reduce((a, n) => a + Number(n), 0);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (non2xx) errors += Number(non2xx[1]);
  return { rps: Number(rps[1]), p50, p90, p99, requests: Number(total[1]), errors };
}
