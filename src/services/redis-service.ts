// A private redis-server for one run: loopback only, a free port, no persistence (nothing is
// written to disk but its log), its working folder inside the run directory.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { EnvironmentError } from '../core/errors.ts';
import { logTail } from '../core/log-file.ts';
import { pollUntil } from '../core/poll-until.ts';
import { findOnPath } from './find-binary.ts';
import { exchange, freePort, LOOPBACK } from './loopback.ts';
import { spawnServer } from './service-process.ts';
import { redisUrl } from './service-urls.ts';
import type { StartDeps, StartedService } from './types.ts';

const READY_TIMEOUT_MS = 10_000;

export function findRedisServer(env: Record<string, string | undefined>): string | null {
  return findOnPath('redis-server', env.PATH);
}

export async function startRedis(binary: string, deps: StartDeps): Promise<StartedService> {
  const port = await freePort();
  const server = spawnServer({
    file: binary,
    // --save '' and --appendonly no: a cache for one run, never snapshotted to disk.
    args: [
      '--bind',
      LOOPBACK,
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      deps.dataDir,
      '--daemonize',
      'no',
    ],
    env: deps.env,
    cwd: deps.dataDir,
    logFile: deps.logFile,
    stopSignal: 'SIGTERM',
    onEmergencyKill: deps.onEmergencyKill,
  });
  const stop = async () => {
    await server.stop();
    rmSync(deps.dataDir, { recursive: true, force: true });
  };
  try {
    await waitForPong(port, () => server.exitCode(), deps);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: redisUrl(LOOPBACK, port), detail: `started redis-server ${redisVersion(binary)} on ${LOOPBACK}:${port}`, stop };
}

async function waitForPong(port: number, exitCode: () => number | null | undefined, deps: StartDeps): Promise<void> {
  let last = 'no answer yet';
  const pong = async (): Promise<boolean> => {
    if (exitCode() !== undefined) {
      throw new EnvironmentError(`redis-server exited (code ${exitCode()}) before it was ready`, {
        details: logTail(deps.logFile),
        hint: `its log is ${deps.logFile}`,
      });
    }
    try {
      const answer = await exchange(port, 'PING\r\n', (r) => r.includes('\r\n'));
      if (answer.startsWith('+PONG')) return true;
      last = answer.trim();
    } catch (err) {
      last = (err as Error).message;
    }
    return false;
  };
  if ((await pollUntil(pong, { timeoutMs: READY_TIMEOUT_MS, intervalMs: 50, signal: deps.signal })) !== 'timeout') return;
  throw new EnvironmentError(`redis-server did not answer PING within ${READY_TIMEOUT_MS / 1000}s (${last})`, {
    details: logTail(deps.logFile),
    hint: `its log is ${deps.logFile}`,
  });
}

/** "7.0.15" from `redis-server --version` ("Redis server v=7.0.15 sha=..."). */
export function redisVersion(binary: string): string {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 5000 });
    return /v=(\S+)/.exec(out)?.[1] ?? 'unknown version';
  } catch {
    return 'unknown version';
  }
}
