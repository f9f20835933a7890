// Starts the sample app under Gunicorn for a benchmark, the same way `leaklab run` does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalGunicorn } from '../src/app-server/local-gunicorn.ts';
import type { RunningTarget } from '../src/app-server/types.ts';
import type { GunicornSettings } from '../src/scenario/schema.ts';
import { ensureVenv, pythonCandidates } from '../src/setup/python-env.ts';
import { gunicornSettings } from '../test/unit/fixtures/gunicorn.ts';

const APP_DIR = fileURLToPath(new URL('../sample-django-app/', import.meta.url));

export interface BenchServer extends RunningTarget {
  stateDir: string;
  close(): Promise<void>;
}

export async function startBenchServer(g: Partial<GunicornSettings>): Promise<BenchServer> {
  const python = await ensureVenv({
    appDir: APP_DIR,
    requirements: 'requirements.txt',
    pythonCandidates: pythonCandidates(process.env),
    log: (l) => console.error(l),
  });
  const stateDir = mkdtempSync(join(tmpdir(), 'leaklab-bench-'));
  const gunicorn = gunicornSettings(g);
  const target = await startLocalGunicorn(
    {
      appDir: APP_DIR,
      wsgi: 'config.wsgi:application',
      readyPath: '/ok/',
      env: {},
      gunicorn,
      stateDir,
      logFile: join(stateDir, 'gunicorn.log'),
      readyTimeoutMs: 60_000,
    },
    { python, baseEnv: process.env },
  );
  return {
    ...target,
    stateDir,
    async close() {
      await target.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
