// How close leaklab's load engine comes to wrk against the same server: wrk and the storm run
// one after the other with the same connections and duration. The target is >= 0.9x wrk's
// req/s with p50/p99 within 25 %; on a 2-core machine the client's CPU is taken from the
// server, so the CPU each client burns is reported too, and so is how each client's requests
// were dealt to the workers (a keep-alive client whose connections all land on one worker
// measures half the server).
import { spawn } from 'node:child_process';
import { runStormMeasured } from '../src/load/storm.ts';
import type { LoadStats } from '../src/run-data/types.ts';
import { judgeSpread, requestsBetween, type WorkerSpread } from './worker-spread.ts';

export interface LoadFidelityOptions {
  host: string;
  port: number;
  keepAlive: boolean;
  seconds: number;
  connections: number;
  path: string;
  /** Run leaklab before wrk (alternate it between rounds: on a noisy machine order matters). */
  leaklabFirst?: boolean;
  /** The server's per-worker request counters (pid -> requests served), read before and after each client. */
  counters?: { workers: number; read(): ReadonlyMap<number, number> };
}

export interface LoadFidelity {
  leaklab: LoadStats;
  wrk: WrkResult | null;
  /** leaklab / wrk for each figure; null when wrk did not run. */
  ratio: { rps: number; p50: number; p90: number; p99: number } | null;
  /** Share of one core used by each client while it ran (null when unknown). */
  cpu: { leaklab: number; wrk: number | null };
  /** How each client's requests were spread over the workers; null when not counted. */
  spread: { leaklab: WorkerSpread | null; wrk: WorkerSpread | null };
  message?: string;
}

export async function benchLoadFidelity(opts: LoadFidelityOptions): Promise<LoadFidelity> {
  const storm = () =>
    runStormMeasured({
      host: opts.host,
      port: opts.port,
      keepAlive: opts.keepAlive,
      connections: opts.connections,
      durationMs: opts.seconds * 1000,
      requests: [{ method: 'GET', path: opts.path }],
    });
  const spread: LoadFidelity['spread'] = { leaklab: null, wrk: null };
  const counted = async <T>(client: 'leaklab' | 'wrk', run: () => Promise<T>): Promise<T> => {
    const before = opts.counters?.read();
    const result = await run();
    if (opts.counters && before)
      spread[client] = judgeSpread(requestsBetween(before, opts.counters.read()), opts.counters.workers);
    return result;
  };
  let wrkRun: WrkRun;
  let measured: Awaited<ReturnType<typeof storm>>;
  if (opts.leaklabFirst) {
    measured = await counted('leaklab', storm);
    wrkRun = await counted('wrk', () => runWrk(opts));
  } else {
    wrkRun = await counted('wrk', () => runWrk(opts));
    measured = await counted('leaklab', storm);
  }
  const { stats, cpuMs } = measured;
  const leaklabCpu = cpuMs / stats.durationMs;
  if ('message' in wrkRun) {
    return { leaklab: stats, wrk: null, ratio: null, cpu: { leaklab: leaklabCpu, wrk: null }, spread, message: wrkRun.message };
  }
  const w = wrkRun.result;
  return {
    leaklab: stats,
    wrk: w,
    ratio: {
      rps: stats.requestsPerSecond / w.rps,
      p50: stats.latencyMs.p50 / w.p50,
      p90: stats.latencyMs.p90 / w.p90,
      p99: stats.latencyMs.p99 / w.p99,
    },
    cpu: { leaklab: leaklabCpu, wrk: wrkRun.cpuCores },
    spread,
  };
}

type WrkRun = { result: WrkResult; cpuCores: number | null } | { message: string };

/**
 * Runs wrk under bash so that bash's `times` reports wrk's CPU (children's user + sys).
 * wrk sends HTTP/1.1 keep-alive requests either way; a sync worker closes after each response
 * and wrk reconnects, which is the behaviour the storm's close mode copies.
 */
function runWrk(opts: LoadFidelityOptions): Promise<WrkRun> {
  const url = `http://${opts.host}:${opts.port}${opts.path}`;
  const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency', url];
  const script = 'wrk "$@"; rc=$?; times; exit $rc';
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script, 'wrk', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => resolve({ message: `could not run bash/wrk: ${e.message}` }));
    child.on('close', (code) => {
      if (code === 127) return resolve({ message: 'wrk is not installed (Debian: apt-get install -y wrk)' });
      if (code !== 0) return resolve({ message: `wrk exited with code ${code}: ${err.trim() || out.trim()}` });
      const result = parseWrkOutput(out);
      if (result === null) return resolve({ message: `could not parse wrk output:\n${out}` });
      const cpu = parseTimes(out);
      resolve({ result, cpuCores: cpu === null ? null : cpu / (opts.seconds * 1000) });
    });
  });
}

/** bash `times` prints the shell's, then its children's "user sys" as e.g. "0m1.234s 0m0.567s". */
function parseTimes(out: string): number | null {
  const lines = out.trim().split('\n');
  const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec((lines[lines.length - 1] ?? '').trim());
  if (!m) return null;
  return (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000;
}

// --- wrk --latency output (wrk 4.x) ---

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

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function timeMs(value: string, unit: string): number {
  return unit === 'us' ? Number(value) / 1000 : Number(value) * (UNIT_MS[unit] ?? NaN);
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
