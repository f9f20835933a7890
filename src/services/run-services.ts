// The services of one run: each is resolved once (environment variable, else a private
// instance, else unavailable with the reason), shared by every variant that asks for it, and
// every instance leaklab started is stopped by stopAll() — on success, failure and Ctrl-C
// (the pipeline calls it in a finally; a second Ctrl-C or an exit runs the emergency kills).

import { join } from 'node:path';
import { LeaklabError } from '../core/errors.ts';
import { makeOwnedScratchDir } from '../core/scratch-owner.ts';
import { findPostgres, type StartedPostgres, startPostgres } from './postgres-service.ts';
import { findRedisServer, startRedis } from './redis-service.ts';
import { chooseServiceSource, redactUrl } from './service-urls.ts';
import type { ServiceName, ServiceOutcome, StartDeps, StartedService } from './types.ts';

export interface RunServicesDeps extends Pick<StartDeps, 'env' | 'signal' | 'onEmergencyKill'> {
  /** The run directory: private instances keep their data in `.services-*` folders inside it. */
  runDir: string;
  logsDir: string;
  log: (line: string) => void;
  /** Where versioned PostgreSQL installs live (tests point it elsewhere). */
  postgresLibRoot?: string;
}

/** A resolved service; `failed` when its binary exists but would not start (an environment failure, not a skip). */
export type ResolvedService =
  | (Extract<ServiceOutcome, { available: true }> & { postgres?: StartedPostgres })
  | (Extract<ServiceOutcome, { available: false }> & { failed: boolean });

export class RunServices {
  private readonly resolved = new Map<ServiceName, Promise<ResolvedService>>();
  private readonly started: StartedService[] = [];

  constructor(private readonly deps: RunServicesDeps) {}

  resolve(service: ServiceName): Promise<ResolvedService> {
    let r = this.resolved.get(service);
    if (!r) {
      r = this.resolveOnce(service);
      this.resolved.set(service, r);
    }
    return r;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((s) => s.stop()));
  }

  private async resolveOnce(service: ServiceName): Promise<ResolvedService> {
    const { env } = this.deps;
    const binaries = service === 'redis' ? findRedisServer(env) : findPostgres(env, this.deps.postgresLibRoot);
    const source = chooseServiceSource(service, env, binaries !== null);
    if (source.kind === 'skip') {
      const chosen = service === 'postgres' && env.LEAKLAB_POSTGRES_BIN?.trim();
      const where = chosen ? ` (LEAKLAB_POSTGRES_BIN=${chosen} holds no initdb, postgres and createdb)` : '';
      return { service, available: false, reason: `${source.reason}${where}`, failed: false };
    }
    if (source.kind === 'env') {
      const detail = `from ${source.variable} (${redactUrl(source.url)})`;
      this.deps.log(`${service}: ${detail}`);
      return { service, available: true, url: source.url, use: { service, source: 'env', detail } };
    }
    const dataDir = makeOwnedScratchDir(this.deps.runDir, `.services-${service}-`);
    const startDeps = {
      env,
      dataDir,
      logFile: join(this.deps.logsDir, `${service}.log`),
      signal: this.deps.signal,
      onEmergencyKill: this.deps.onEmergencyKill,
    };
    try {
      const instance =
        service === 'redis'
          ? await startRedis(findRedisServer(env) as string, startDeps)
          : await startPostgres(findPostgres(env, this.deps.postgresLibRoot)!, startDeps);
      this.started.push(instance);
      this.deps.log(`${service}: ${instance.detail}`);
      return {
        service,
        available: true,
        url: instance.url,
        use: { service, source: 'started', detail: instance.detail },
        ...(service === 'postgres' ? { postgres: instance as StartedPostgres } : {}),
      };
    } catch (err) {
      if (!(err instanceof LeaklabError)) throw err;
      const details = err.details.length ? `: ${err.details.slice(-3).join(' / ')}` : '';
      return { service, available: false, reason: `${err.message}${details}${err.hint ? ` (${err.hint})` : ''}`, failed: true };
    }
  }
}
