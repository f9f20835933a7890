// Scenario settings to Gunicorn flags. Flags rather than a generated gunicorn.conf.py: Gunicorn
// rejects an unknown flag loudly, but silently ignores an unknown name in a config file.
import { fileURLToPath } from 'node:url';
import type { GunicornSettings } from '../scenario/schema.ts';

/**
 * leaklab's server hooks, loaded into every Gunicorn it starts (copied to dist/app-server/). The
 * path goes up a folder first: bundled, this code runs from a chunk in another folder of dist/.
 */
export const HOOKS_FILE = fileURLToPath(new URL('../app-server/leaklab_gunicorn_hooks.py', import.meta.url));

export function gunicornArgs(g: GunicornSettings, bind: string): string[] {
  const args = [
    '--bind',
    bind,
    '--workers',
    String(g.workers),
    '--worker-class',
    g.workerClass,
    '--threads',
    String(g.threads),
    '--timeout',
    String(g.timeout),
    // Short, so a stop never waits half a minute on a worker stuck in a request.
    '--graceful-timeout',
    '3',
    '--max-requests',
    String(g.maxRequests),
    '--max-requests-jitter',
    String(g.maxRequestsJitter),
    // Access logs at thousands of requests a second would cost the app CPU the storm needs.
    '--log-level',
    'info',
  ];
  if (g.preload) args.push('--preload');
  return args;
}

/**
 * The environment leaklab's hook file reads (see leaklab_gunicorn_hooks.py), wherever Gunicorn
 * runs: where to write counters and events, the per-worker RSS limit, the user's config file.
 */
export function hookEnv(stateDir: string, g: GunicornSettings): Record<string, string> {
  return {
    PYTHONUNBUFFERED: '1',
    LEAKLAB_STATE_DIR: stateDir,
    LEAKLAB_MAX_WORKER_RSS: String(Math.round(g.maxWorkerRssMiB * 1024 * 1024)),
    LEAKLAB_GUNICORN_CONFIG: g.configFile ?? '',
  };
}

/**
 * `-m gunicorn ...` with leaklab's hooks, the bind address and the app, for the local venv and
 * the container alike. LEAKLAB_STATE_DIR is also in the environment (the hooks read it at
 * import); on the command line it makes every process of a run findable with `pgrep -f <run dir>`,
 * which is how the tests prove none is left.
 */
export function gunicornModuleArgs(
  hooksFile: string,
  g: GunicornSettings,
  bind: string,
  stateDir: string,
  wsgi: string,
): string[] {
  return ['-m', 'gunicorn', '-c', hooksFile, ...gunicornArgs(g, bind), '--env', `LEAKLAB_STATE_DIR=${stateDir}`, wsgi];
}
