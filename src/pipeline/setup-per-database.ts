// app.setup (migrations, seed data) once per database the chosen variants use: the app's own
// default (SQLite in the sample app) for variants without `postgres`, and the PostgreSQL
// database for those with it. A database no variant will run on is never set up.
import { redactUrl, withoutServiceVariables } from '../services/service-urls.ts';
import { type PreparedVariant, setupDatabases } from '../services/variant-services.ts';
import type { AppSetupOptions } from '../setup/app-setup.ts';
import type { PythonEnv } from '../setup/python-env.ts';

export interface SetupPerDatabaseOptions {
  appDir: string;
  commands: string[];
  python: PythonEnv;
  /** Where the commands run: the venv, or a throwaway container of the app image (see AppRuntime). */
  runSetup: (o: AppSetupOptions) => Promise<void>;
  env: Record<string, string | undefined>;
  appEnv: Record<string, string>;
  log: (line: string) => void;
  signal: AbortSignal;
  /** logs/setup.log: every command's output. */
  logFile: string;
  timeoutMs: number;
  onEmergencyKill?: (kill: () => void) => () => void;
}

export async function runSetupPerDatabase(prepared: PreparedVariant[], o: SetupPerDatabaseOptions): Promise<void> {
  if (o.commands.length === 0) return;
  for (const url of setupDatabases(prepared)) {
    if (o.signal.aborted) return;
    if (url) o.log(`setup against ${redactUrl(url)}`);
    await o.runSetup({
      appDir: o.appDir,
      commands: o.commands,
      python: o.python,
      env: { ...withoutServiceVariables(o.env), ...o.appEnv, ...(url ? { DATABASE_URL: url } : {}) },
      log: o.log,
      signal: o.signal,
      logFile: o.logFile,
      timeoutMs: o.timeoutMs,
      ...(o.onEmergencyKill ? { onEmergencyKill: o.onEmergencyKill } : {}),
    });
  }
}
