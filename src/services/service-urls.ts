// Pure: the URLs and variables the app gets for each service, and the reasons a variant cannot
// have one. Kept apart from the code that starts processes so every rule here is unit-tested.
import { SERVICE_ENV, type ServiceName } from './types.ts';

export function redisUrl(host: string, port: number, db = 0): string {
  return `redis://${host}:${port}/${db}`;
}

export function postgresUrl(o: { user: string; host: string; port: number; database: string }): string {
  return `postgres://${encodeURIComponent(o.user)}@${o.host}:${o.port}/${encodeURIComponent(o.database)}`;
}

/** A PostgreSQL database name for a variant: names allow dashes, unquoted identifiers do not. */
export function variantDatabaseName(variant: string): string {
  return `leaklab_${variant.replace(/[^a-z0-9]/g, '_')}`.slice(0, 63);
}

/**
 * The Redis key prefix of one variant of one run: on a Redis the user handed in, keys from
 * earlier runs are still there (TTLs of minutes to hours), and flushing someone's Redis is not
 * ours to do, so each variant gets keys nobody else has.
 */
export function cacheKeyPrefix(runId: string, variant: string): string {
  return `leaklab:${runId}:${variant}`;
}

const ACCEPTED: Record<ServiceName, RegExp> = {
  redis: /^(redis|rediss|unix):\/\//i,
  postgres: /^(postgres|postgresql|pgsql):\/\//i,
};

export const INSTALL_HINT: Record<ServiceName, string> = {
  redis:
    'needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/0) or install redis-server (Debian: apt-get install redis-server)',
  postgres:
    'needs PostgreSQL: set DATABASE_URL (e.g. postgres://user@127.0.0.1:5432/db) or install the PostgreSQL server, initdb and postgres (Debian: apt-get install postgresql)',
};

export type ServiceSource = { kind: 'env'; url: string; variable: string } | { kind: 'start' } | { kind: 'skip'; reason: string };

/**
 * The resolution order for one service: the environment variable when set, else a private
 * instance when its binary is installed, else skip. A variable set to something the app cannot
 * use for this service (DATABASE_URL=sqlite://...) is a skip with that reason, not a silent
 * fallback: the user asked for that database.
 */
export function chooseServiceSource(
  service: ServiceName,
  env: Record<string, string | undefined>,
  binaryFound: boolean,
): ServiceSource {
  const variable = SERVICE_ENV[service];
  const url = env[variable]?.trim();
  if (url) {
    if (!ACCEPTED[service].test(url)) {
      return {
        kind: 'skip',
        reason: `needs ${service === 'redis' ? 'Redis' : 'PostgreSQL'}, but ${variable} is not a ${service === 'redis' ? 'redis://' : 'postgres://'} URL (${redactUrl(url)})`,
      };
    }
    return { kind: 'env', url, variable };
  }
  return binaryFound ? { kind: 'start' } : { kind: 'skip', reason: INSTALL_HINT[service] };
}

/** The URL without its password, for logs and run.json. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** Variables that reach a variant only when it asks for their service. */
export function withoutServiceVariables(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...env };
  for (const v of Object.values(SERVICE_ENV)) delete out[v];
  return out;
}
