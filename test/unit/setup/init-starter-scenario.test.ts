import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { InputError } from '../../../src/core/errors.ts';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import type { MixLine } from '../../../src/setup/starter-mix.ts';
import { type StarterScenario, scenarioName, starterScenarioYaml, yamlScalar } from '../../../src/setup/starter-scenario.ts';

const MIX: MixLine[] = [
  { path: '/', active: true, group: 'app' },
  { path: '/about/', active: true, group: 'app' },
  { path: '/books/1/', active: false, group: 'parametrised', note: 'books/<int:id>/ (book)' },
  { path: '/broken/', active: false, group: 'failing', note: 'answered 500 when init tried it' },
  { path: '/admin/', active: false, group: 'admin', note: 'and 20 more admin routes' },
  { path: '/static/example', active: false, group: 'static' },
];
const STARTER: StarterScenario = {
  name: 'mysite',
  appDir: '.',
  wsgi: 'mysite.wsgi:application',
  settingsModule: 'mysite.settings',
  python: { kind: 'python', path: '.venv' },
  readyPath: '/',
  mix: MIX,
  migrate: true,
};

test('the starter scenario is a valid scenario file as written', () => {
  const s = parseScenarioText(starterScenarioYaml(STARTER), 'leaklab.yaml');
  assert.equal(s.name, 'mysite');
  assert.deepEqual(
    { dir: s.app.dir, wsgi: s.app.wsgi, python: s.app.python, readyPath: s.app.readyPath, env: s.app.env, setup: s.app.setup },
    {
      dir: '.',
      wsgi: 'mysite.wsgi:application',
      python: '.venv',
      readyPath: '/',
      env: { DJANGO_SETTINGS_MODULE: 'mysite.settings' },
      setup: ['python manage.py migrate --noinput'],
    },
  );
  assert.deepEqual(
    s.load.mix.map((m) => m.path),
    ['/', '/about/'],
  );
  assert.equal(s.load.duration, 20_000);
  assert.equal(s.load.quick?.duration, 8_000);
  assert.deepEqual(
    s.variants.map((v) => v.name),
    ['baseline'],
  );
});

test('expect is left out: the user does not know the verdict yet', () => {
  const s = parseScenarioText(starterScenarioYaml(STARTER), 'leaklab.yaml');
  assert.equal(s.variants[0]?.expect, undefined);
  assert.match(starterScenarioYaml(STARTER), /^ {4}# expect: flat {2}# the verdict you expect/m);
});

test('routes left out are commented, each group under its reason, with the example path and note', () => {
  const text = starterScenarioYaml(STARTER);
  assert.match(
    text,
    /# Routes with parameters, with an example value: check it exists, then uncomment.\n {4}# - path: \/books\/1\/ {2}# books\/<int:id>\/ \(book\)/,
  );
  assert.match(text, /# Did not answer 2xx\/3xx.*\n {4}# - path: \/broken\/ {2}# answered 500 when init tried it/);
  assert.match(text, /# The admin site.*\n {4}# - path: \/admin\/ {2}# and 20 more admin routes/);
  assert.match(text, /# Static and media files.*\n {4}# - path: \/static\/example\n/);
});

test('uncommenting an example line gives a valid mix entry', () => {
  const text = starterScenarioYaml(STARTER).replace('    # - path: /books/1/', '    - path: /books/1/');
  assert.deepEqual(
    parseScenarioText(text, 'x.yaml').load.mix.map((m) => m.path),
    ['/', '/about/', '/books/1/'],
  );
});

test('every field leaklab writes carries a comment that explains it', () => {
  const text = starterScenarioYaml(STARTER);
  for (const field of ['dir', 'wsgi', 'python', 'readyPath', 'connections', 'duration', 'warmup', 'workers', 'mix']) {
    assert.match(text, new RegExp(`^\\s*${field}:.*#`, 'm'), field);
  }
});

test('a non-SQLite project gets the migrate line commented, not run against its real database', () => {
  const s = parseScenarioText(starterScenarioYaml({ ...STARTER, migrate: false }), 'x.yaml');
  assert.deepEqual(s.app.setup, []);
  assert.match(starterScenarioYaml({ ...STARTER, migrate: false }), /# {3}- python manage.py migrate --noinput/);
});

test('a requirements project names the file and offers app.python commented', () => {
  const text = starterScenarioYaml({ ...STARTER, python: { kind: 'requirements', file: 'requirements.txt' } });
  const s = parseScenarioText(text, 'x.yaml');
  assert.equal(s.app.requirements, 'requirements.txt');
  assert.equal(s.app.python, undefined);
  assert.match(text, /# python: \.venv/);
});

test('a pyproject project sets neither field: run installs it with pip install -e .', () => {
  const text = starterScenarioYaml({ ...STARTER, python: { kind: 'pyproject' } });
  const s = parseScenarioText(text, 'x.yaml');
  assert.equal(s.app.python, undefined);
  assert.match(text, /pip install -e \./);
});

test('a subfolder project and an absolute interpreter path are written as given', () => {
  const s = parseScenarioText(
    starterScenarioYaml({ ...STARTER, appDir: 'mysite', python: { kind: 'python', path: '/opt/venvs/shop/bin/python' } }),
    'x.yaml',
  );
  assert.equal(s.app.dir, 'mysite');
  assert.equal(s.app.python, '/opt/venvs/shop/bin/python');
});

test('yamlScalar quotes what YAML would read as something else, and round-trips', () => {
  assert.equal(yamlScalar('/books/1/'), '/books/1/');
  assert.equal(yamlScalar('mysite.wsgi:application'), 'mysite.wsgi:application');
  assert.equal(yamlScalar('.venv'), '.venv');
  assert.equal(yamlScalar('.'), '.');
  for (const tricky of [
    '.inf',
    '.NaN',
    '.',
    '.venv',
    '1.5',
    '0x1F',
    '12',
    'yes',
    'null',
    'a: b',
    'ends:',
    '#x',
    '-',
    '',
    "it's",
    '{seq}',
    '1 2',
    'true',
  ]) {
    assert.equal(parse(`v: ${yamlScalar(tricky)}`).v, tricky, tricky);
  }
  assert.equal(yamlScalar('true'), '"true"');
});

test('scenarioName makes a valid name from any folder name', () => {
  assert.equal(scenarioName('My_Site'), 'my-site');
  assert.equal(scenarioName('shop.example.com'), 'shop-example-com');
  assert.equal(scenarioName('--x--'), 'x');
  assert.equal(scenarioName('日本'), 'my-app');
});

test('app.python must not be empty, and is optional', () => {
  const text = starterScenarioYaml(STARTER);
  assert.throws(
    () => parseScenarioText(text.replace(/ {2}python: \.venv/, '  python: ""'), 'x.yaml'),
    (e: unknown) => e instanceof InputError && e.details.some((d) => /app\.python: Too small/.test(d)),
  );
  assert.equal(parseScenarioText(text.replace(/ {2}python: \.venv.*\n/, ''), 'x.yaml').app.python, undefined);
});
