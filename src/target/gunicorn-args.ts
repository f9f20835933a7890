// Scenario settings to Gunicorn flags. Flags rather than a generated gunicorn.conf.py: Gunicorn
// rejects an unknown flag loudly, but silently ignores an unknown name in a config file.
import type { GunicornSettings } from '../scenario/schema.ts';

export function gunicornArgs(g: GunicornSettings, bind: string): string[] {
  const args = [
    '--bind', bind,
    '--workers', String(g.workers),
    '--worker-class', g.workerClass,
    '--threads', String(g.threads),
    '--timeout', String(g.timeout),
    // Short, so a stop never waits half a minute on a worker stuck in a request.
    '--graceful-timeout', '3',
    '--max-requests', String(g.maxRequests),
    '--max-requests-jitter', String(g.maxRequestsJitter),
    // Access logs at thousands of requests a second would cost the app CPU the storm needs.
    '--log-level', 'info',
  ];
  if (g.preload) args.push('--preload');
  return args;
}
