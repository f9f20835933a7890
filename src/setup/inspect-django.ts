// Asks the project's own Django (list_django_routes.py under the project's interpreter) for what
// init cannot read from files: the WSGI callable, the database, the routes, and how paths answer.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { EnvironmentError } from '../core/errors.ts';
import type { DjangoRoute } from './route-paths.ts';

// Up a folder first: bundled, this code runs from a chunk in another folder of dist/.
const SCRIPT = fileURLToPath(new URL('../setup/list_django_routes.py', import.meta.url));

export interface DjangoFacts {
  djangoVersion: string;
  wsgiApplication: string | null;
  databaseEngine: string | null;
  staticUrl: string | null;
  mediaUrl: string | null;
  routes: DjangoRoute[];
  /** Status of each probed path (a number), or "ExceptionName: message" when the test client raised. */
  probes: Record<string, number | string>;
}

export interface InspectOptions {
  python: string;
  appDir: string;
  settingsModule: string;
  env: Record<string, string | undefined>;
  /** Paths to GET with Django's test client. */
  probe?: string[];
}

export async function inspectDjango(o: InspectOptions): Promise<DjangoFacts> {
  const args = [SCRIPT, ...(o.probe?.length ? ['--probe', ...o.probe] : [])];
  const r = await execa(o.python, args, {
    cwd: o.appDir,
    env: { ...o.env, DJANGO_SETTINGS_MODULE: o.settingsModule, PYTHONDONTWRITEBYTECODE: '1' },
    extendEnv: false,
    reject: false,
    timeout: 120_000,
  });
  if (r.exitCode !== 0) {
    const stderr = String(r.stderr ?? '').trim();
    const noDjango = /No module named ['"]django['"]/.test(stderr);
    throw new EnvironmentError(
      noDjango
        ? `Django is not installed in ${o.python}`
        : `the project's Django could not list its routes (${o.settingsModule})`,
      {
        details: stderr.split('\n').slice(-12),
        hint: noDjango
          ? 'point --python at the venv that has the project installed'
          : `run \`python manage.py check\` in ${o.appDir} with the project's Python to see the problem`,
      },
    );
  }
  // The last line: settings or apps may print while Django starts.
  const last = String(r.stdout).trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as DjangoFacts;
  } catch {
    throw new EnvironmentError('the route listing printed no JSON', { details: String(r.stdout).split('\n').slice(-6) });
  }
}
