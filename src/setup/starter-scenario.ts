// The leaklab.yaml `leaklab init` writes: a scenario that runs as it is, with a comment on each
// field, and the routes left out written commented so the user can add them. Written as text
// (not through a YAML library) because the comments are half of what it is for.
import type { MixGroup, MixLine } from './starter-mix.ts';

export interface StarterScenario {
  /** The scenario name (lower-case letters, digits, dashes). */
  name: string;
  /** app.dir relative to the scenario file: "." or the subfolder holding manage.py. */
  appDir: string;
  /** Gunicorn's module:callable. */
  wsgi: string;
  settingsModule: string;
  /** app.python relative to the scenario file, or the requirements file leaklab installs from. */
  python: { kind: 'python'; path: string } | { kind: 'requirements'; file: string } | { kind: 'pyproject' };
  readyPath: string;
  mix: MixLine[];
  /** Run `manage.py migrate` in app.setup (a SQLite database: local, safe to create). */
  migrate: boolean;
}

/** A scenario name from a folder name: "My_Site" -> "my-site". */
export function scenarioName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name || 'my-app';
}

/** A YAML scalar: plain when it is safe to, else double-quoted (JSON strings are YAML strings). */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_/.][\w./:@-]*$/.test(value) &&
    !/^(true|false|null|yes|no|on|off|~|\.inf|\.nan)$/i.test(value) &&
    !/:$|: /.test(value) &&
    !Number.isFinite(Number(value))
    ? value
    : JSON.stringify(value);
}

const GROUP_HEADINGS: Record<Exclude<MixGroup, 'app'>, string> = {
  parametrised: 'Routes with parameters, with an example value: check it exists, then uncomment.',
  failing: 'Did not answer 2xx/3xx when init tried them (a 4xx/5xx counts as a failed request):',
  admin: 'The admin site: left out (mostly redirects to its login page).',
  static: 'Static and media files: left out (served by your web server, not Django, in production).',
};

function mixLines(mix: MixLine[]): string[] {
  const out: string[] = [];
  const entry = (l: MixLine, prefix: string) => `    ${prefix}- path: ${yamlScalar(l.path)}${l.note ? `  # ${l.note}` : ''}`;
  for (const l of mix.filter((m) => m.active)) out.push(entry(l, ''));
  for (const group of Object.keys(GROUP_HEADINGS) as (keyof typeof GROUP_HEADINGS)[]) {
    const lines = mix.filter((m) => !m.active && m.group === group);
    if (!lines.length) continue;
    out.push(`    # ${GROUP_HEADINGS[group]}`);
    for (const l of lines) out.push(entry(l, '# '));
  }
  return out;
}

function pythonLines(python: StarterScenario['python']): string[] {
  switch (python.kind) {
    case 'python':
      return [
        `  python: ${yamlScalar(python.path)}  # your venv: Gunicorn runs from it as it is, leaklab installs nothing (it needs gunicorn)`,
      ];
    case 'requirements':
      return [
        `  requirements: ${yamlScalar(python.file)}  # leaklab builds <dir>/.venv from it (it needs gunicorn)`,
        '  # python: .venv        # or run from a venv you already have, installing nothing',
      ];
    case 'pyproject':
      return [
        '  # No requirements.txt: leaklab builds <dir>/.venv with `pip install -e .` from pyproject.toml (it needs gunicorn).',
        '  # python: .venv        # or run from a venv you already have, installing nothing',
      ];
  }
}

export function starterScenarioYaml(s: StarterScenario): string {
  const lines = [
    '# A leaklab scenario for this Django project, written by `leaklab init`. Every field is explained',
    '# in the README ("What a scenario is"); `leaklab schema` prints the JSON Schema for editors.',
    `name: ${yamlScalar(s.name)}`,
    `title: ${yamlScalar(`${s.name} under a steady request storm`)}`,
    `claim: ${yamlScalar('Memory per worker stays flat while the app serves the mix below.')}  # what you want to check, in one line`,
    '',
    'app:',
    `  dir: ${yamlScalar(s.appDir)}  # the folder holding manage.py, relative to this file`,
    `  wsgi: ${yamlScalar(s.wsgi)}  # Gunicorn's module:callable (your WSGI_APPLICATION)`,
    ...pythonLines(s.python),
    `  readyPath: ${yamlScalar(s.readyPath)}  # must answer 200 before the storm starts`,
    '  env:  # reach Gunicorn and the app',
    `    DJANGO_SETTINGS_MODULE: ${yamlScalar(s.settingsModule)}`,
    ...(s.migrate
      ? [
          '  setup:  # shell commands run once before the variants, in the app folder, the venv first on PATH',
          '    - python manage.py migrate --noinput',
        ]
      : [
          '  # setup:  # shell commands run once before the variants, in the app folder, the venv first on PATH',
          '  #   - python manage.py migrate --noinput',
        ]),
    '',
    'gunicorn:',
    '  workers: 2  # each worker is sampled and judged on its own',
    '  workerClass: sync',
    '  # maxRequests: 1000  # recycling: a leak then shows as a sawtooth',
    '',
    'load:',
    '  connections: 8  # concurrent connections of the storm',
    '  duration: 20s  # per variant; or requests: 50000',
    '  warmup: 2s  # growth before this is never called a leak',
    '  mix:  # the requests to send, in turn; weight: 3 sends one three times as often; {seq} and {rand:1:1000} make distinct keys',
    ...mixLines(s.mix),
    '  quick:  # what --quick changes',
    '    duration: 8s',
    '',
    'variants:',
    '  - name: baseline',
    '    # expect: flat  # the verdict you expect (leak, bounded, sawtooth, flat), once you know it: a run then exits 1 when it differs',
    '  # - name: recycled  # a second variant: the same app with other settings',
    '  #   gunicorn: { maxRequests: 1000, maxRequestsJitter: 50 }',
    '',
  ];
  return lines.join('\n');
}
