// How close leaklab's load engine comes to wrk against the same server: wrk runs first, then
// the storm, with the same connections and duration. The target is >= 0.9x wrk's req/s with
// p50/p99 within 25 %; on a 2-core machine the client's CPU is taken from the server, so the
// CPU each client burns is reported too.
import { spawn } from 'node:child_process';
import type { LoadStats } from '../src/run-data/types.ts';
import { runStormMeasured } from '../src/load/storm.ts';
import { parseWrkOutput, type WrkResult } from './wrk-output.ts';

export interface LoadFidelityOptions {
  host: string;
  port: number;
  keepAlive: boolean;
  seconds: number;
  connections: number;
  path: string;
}

export interface LoadFidelity {
  leaklab: LoadStats;
  wrk: WrkResult | null;
  /** leaklab / wrk for each figure; null when wrk did not run. */
  ratio: { rps: number; p50: number; p90: number; p99: number } | null;
  /** Share of one core used by each client while it ran (null when unknown). */
  cpu: { leaklab: number; wrk: number | null };
  message?: string;
}

export async function benchLoadFidelity(opts: LoadFidelityOptions): Promise<LoadFidelity> {
  const wrkRun = await runWrk(opts);
  const { stats, cpuMs } = await runStormMeasured({
    host: opts.host,
    port: opts.port,
    keepAlive: opts.keepAlive,
    connections: opts.connections,
    durationMs: opts.seconds * 1000,
    requests: [{ method: 'GET', path: opts.path }],
  });
  const leaklabCpu = cpuMs / stats.durationMs;
  if ('message' in wrkRun) return { leaklab: stats, wrk: null, ratio: null, cpu: { leaklab: leaklabCpu, wrk: null }, message: wrkRun.message };
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
