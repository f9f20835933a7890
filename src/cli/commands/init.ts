// `leaklab init [project-dir]`: a starter scenario (leaklab.yaml) for an existing Django project,
// from what its manage.py names and what its own Django lists: the WSGI callable, the routes (each
// GET once with Django's test client, so the mix holds only routes that answer) and the Python.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { EnvironmentError, ExitCode, type ExitCodeValue, InputError, LeaklabError } from '../../core/errors.ts';
import { diskProbe, requireGunicorn, resolveAppPython } from '../../setup/app-python.ts';
import { readDjangoProject, wsgiFromSetting } from '../../setup/django-project.ts';
import { inspectDjango } from '../../setup/inspect-django.ts';
import { detectInstallMethod, lockHint, projectFilesIn } from '../../setup/install-method.ts';
import { ensureVenv, type PythonEnv, pythonCandidates } from '../../setup/python-env.ts';
import { pathsToProbe, planMix, probeWarnings } from '../../setup/starter-mix.ts';
import { type StarterScenario, scenarioName, starterScenarioYaml } from '../../setup/starter-scenario.ts';
import type { CliIo } from '../io.ts';

export interface InitFlags {
  force?: boolean;
  /** A venv folder or interpreter to use as app.python. */
  python?: string;
}

const SCENARIO_FILE = 'leaklab.yaml';

export async function initCommand(projectDir: string | undefined, flags: InitFlags, io: CliIo): Promise<ExitCodeValue> {
  const dir = resolve(io.cwd, projectDir ?? '.');
  const project = readDjangoProject(dir);
  const file = join(dir, SCENARIO_FILE);
  if (existsSync(file) && !flags.force) {
    throw new InputError(`${file} exists already`, { hint: 'pass --force to overwrite it' });
  }
  const say = (line: string) => io.stderr(`${line}\n`);
  say(`leaklab init: Django project in ${project.appDir} (settings ${project.settingsModule})`);

  const { env, field } = await projectPython(project.appDir, dir, flags, io);
  try {
    await requireGunicorn(env, 'install it there before `leaklab run`');
  } catch (err) {
    // init can still write the file: say what `run` will need.
    if (!(err instanceof LeaklabError)) throw err;
    say(`warning: ${err.message}${err.hint ? `; ${err.hint}` : ''}`);
  }

  say(`Listing the routes with ${env.python}...`);
  const base = { python: env.python, appDir: project.appDir, settingsModule: project.settingsModule, env: io.env };
  const listed = await inspectDjango(base);
  const probe = pathsToProbe(listed);
  say(`Trying ${probe.length} route(s) without parameters with Django's test client...`);
  const facts = await inspectDjango({ ...base, probe });
  const mix = planMix(facts);
  for (const warning of probeWarnings(facts.probes)) say(`warning: ${warning}`);
  if (mix.readyPath === null) {
    say('warning: no route answered 200 when tried; set app.readyPath to one that does before `leaklab run`');
  }

  const scenario: StarterScenario = {
    name: scenarioName(basename(dir)),
    appDir: relative(dir, project.appDir) || '.',
    wsgi:
      (facts.wsgiApplication && wsgiFromSetting(facts.wsgiApplication)) ||
      `${project.settingsModule.replace(/\.[^.]+$/, '')}.wsgi:application`,
    settingsModule: project.settingsModule,
    python: field,
    readyPath: mix.readyPath ?? '/',
    // The mix may not be empty: when nothing answered, a placeholder the run will flag.
    mix: mix.lines.some((l) => l.active)
      ? mix.lines
      : [{ path: '/', active: true, group: 'app', note: 'nothing answered when init tried: replace it' }, ...mix.lines],
    migrate: /sqlite3$/.test(facts.databaseEngine ?? ''),
  };
  writeFileSync(file, starterScenarioYaml(scenario));

  const active = scenario.mix.filter((l) => l.active).length;
  const rel = relative(io.cwd, file);
  const shown = rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  io.stdout(
    `Wrote ${shown}: ${active} route(s) in the mix, ${scenario.mix.length - active} commented out for you to check, ` +
      `ready path ${scenario.readyPath} (Django ${facts.djangoVersion}).\n`,
  );
  io.stdout(`Next: leaklab run ${shown.includes('/') || shown.includes('\\') ? shown : `./${shown}`}\n`);
  return ExitCode.ok;
}

/** The interpreter that lists the routes, and what the scenario says about it (app.python or the requirements). */
async function projectPython(
  appDir: string,
  scenarioDir: string,
  flags: InitFlags,
  io: CliIo,
): Promise<{ env: PythonEnv; field: StarterScenario['python'] }> {
  const relativeToScenario = (path: string) => {
    const rel = relative(scenarioDir, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  };
  if (flags.python !== undefined) {
    const path = resolve(io.cwd, flags.python);
    return { env: resolveAppPython(path, diskProbe), field: { kind: 'python', path: relativeToScenario(path) } };
  }
  const method = detectInstallMethod(projectFilesIn(appDir), { venvFirst: true });
  const build = (project: boolean) =>
    ensureVenv({
      appDir,
      requirements: 'requirements.txt',
      project,
      pythonCandidates: pythonCandidates(io.env),
      log: (l) => io.stderr(`${l}\n`),
    });
  switch (method.kind) {
    case 'venv': {
      const path = join(appDir, method.python);
      return { env: resolveAppPython(path, diskProbe), field: { kind: 'python', path: relativeToScenario(path) } };
    }
    case 'requirements':
      return { env: await build(false), field: { kind: 'requirements', file: method.file } };
    case 'pyproject':
      return { env: await build(true), field: { kind: 'pyproject' } };
    case 'lock':
      throw new EnvironmentError(`${appDir} is managed by ${method.tool} (${method.tool}.lock) and has no requirements.txt`, {
        hint: `${lockHint(method.tool)}; for init: --python <that venv>`,
      });
    case 'none':
      throw new EnvironmentError(`${appDir} has no venv (.venv/, venv/), requirements.txt or pyproject.toml`, {
        hint: 'pass --python <venv or interpreter> with Django installed, or add a requirements.txt',
      });
  }
}
