// The backing services a scenario may ask for, and how each was provided for a run.

export type ServiceName = 'redis' | 'postgres';

/** The environment variable the sample app (and any Django app following its settings) reads. */
export const SERVICE_ENV: Record<ServiceName, 'REDIS_URL' | 'DATABASE_URL'> = {
  redis: 'REDIS_URL',
  postgres: 'DATABASE_URL',
};

/** Where a service came from, as run.json records it. */
export interface ServiceUse {
  service: ServiceName;
  /** env: the variable was set; started: leaklab started a private instance for this run. */
  source: 'env' | 'started';
  /** One line for people: "started redis-server 7.0.15 on 127.0.0.1:40123", "from REDIS_URL". */
  detail: string;
}

/** A service ready for the run: the URL the app gets, or why there is none. */
export type ServiceOutcome =
  | { service: ServiceName; available: true; url: string; use: ServiceUse }
  | { service: ServiceName; available: false; reason: string };

/** A private instance leaklab started; stop() is idempotent and never throws. */
export interface StartedService {
  url: string;
  detail: string;
  stop(): Promise<void>;
}

/** What starting a private instance needs from the caller (nothing is read from `process`). */
export interface StartDeps {
  env: Record<string, string | undefined>;
  /** A fresh folder for this instance's data; removed by stop(). */
  dataDir: string;
  logFile: string;
  signal: AbortSignal;
  onEmergencyKill: (kill: () => void) => () => void;
}
