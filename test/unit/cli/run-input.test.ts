// `leaklab run` with bad input: exit 2 with a message that names the file, line and field, and
// nothing started or written. Every case fails before Gunicorn or the venv is touched.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scratchDir } from '../../scratch.ts';
import { leaklab, ROOT } from './cli-harness.ts';

const bundledScenarioNames = () =>
  readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => f.replace(/\.yaml$/, ''));

/** A scratch folder holding `<name>.yaml` with `text`; `out` is where results would go. */
function scenarioIn(name: string, text: string): { dir: string; file: string; out: string } {
  const dir = scratchDir('cli-input');
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return { dir, file, out: join(dir, 'results') };
}

async function runRejected(argv: string[], out: string, cwd?: string) {
  const r = await leaklab([...argv, '--out', out], { cwd });
  assert.equal(r.code, 2, `exit ${r.code}\n${r.stderr}`);
  assert.equal(r.stdout, '', 'no result printed');
  assert.ok(!existsSync(out), 'no results folder for bad input');
  return r;
}

test('an unknown scenario name exits 2 and lists the bundled ones', async () => {
  const out = join(scratchDir('cli-input'), 'results');
  const r = await runRejected(['run', 'no-such-leak'], out);
  assert.match(r.stderr, /^leaklab: unknown scenario "no-such-leak"\n/);
  const known = /hint: known scenarios: (.*) \(or give a path to a \.yaml file\); `leaklab list` shows them/.exec(r.stderr)?.[1];
  assert.deepEqual(known?.split(', '), bundledScenarioNames());
});

test('a scenario path that does not exist exits 2 with the absolute path', async () => {
  const dir = scratchDir('cli-input');
  const r = await runRejected(['run', 'scenarios/missing.yaml'], join(dir, 'results'), dir);
  assert.match(r.stderr, new RegExp(`scenario file not found: ${join(dir, 'scenarios/missing.yaml')}`));
});

test('a YAML syntax error exits 2 naming the file and the line', async () => {
  const { file, out } = scenarioIn('broken', 'name: broken\nclaim: c\nload:\n  mix: [\n  duration: 5s\n');
  const r = await runRejected(['run', file], out);
  assert.match(r.stderr, new RegExp(`^leaklab: ${file} is not valid YAML\n`));
  assert.match(r.stderr, new RegExp(`\n  ${file}:5: `), 'the line of the problem');
  assert.match(r.stderr, /hint: check indentation and quoting on those lines/);
});

test('schema errors exit 2 and list every problem as file:line: field: message', async () => {
  const { file, out } = scenarioIn(
    'bad',
    'name: bad\ntitle: t\nclaim: c\nload:\n  duration: 5s\n  mix: [{ path: nope }]\ngunicorn:\n  colour: blue\nvariants:\n  - name: a\n    expect: leaking\n',
  );
  const r = await runRejected(['run', file], out);
  assert.match(r.stderr, new RegExp(`^leaklab: ${file} has 3 problems\n`));
  assert.match(r.stderr, new RegExp(`\n  ${file}:6: load\\.mix\\.0\\.path: a path starts with "/"`));
  assert.match(r.stderr, new RegExp(`\n  ${file}:8: gunicorn\\.colour: unknown field "colour"`));
  assert.match(r.stderr, new RegExp(`\n  ${file}:11: variants\\.0\\.expect: `));
  assert.match(r.stderr, /hint: the JSON Schema in scenarios\/scenario\.schema\.json lists every field/);
});

test('a missing required field is reported at its parent', async () => {
  const { file, out } = scenarioIn('nomix', 'name: nomix\ntitle: t\nclaim: c\nload:\n  duration: 5s\nvariants:\n  - name: a\n');
  const r = await runRejected(['run', file], out);
  assert.match(r.stderr, new RegExp(`${file}:5: load\\.mix: missing`));
});

test('a Gunicorn config file that does not exist exits 2 and names it', async () => {
  const { dir, file, out } = scenarioIn(
    'conf',
    'name: conf\ntitle: t\nclaim: c\ngunicorn:\n  configFile: my.conf.py\nload:\n  duration: 5s\n  mix: [{ path: /ok/ }]\nvariants:\n  - name: a\n',
  );
  const r = await runRejected(['run', file], out);
  assert.match(r.stderr, new RegExp(`${file} names a missing Gunicorn config file`));
  assert.match(r.stderr, new RegExp(`gunicorn\\.configFile: no such file ${join(dir, 'my.conf.py')}`));
});

test('--variant with an unknown name exits 2 and lists the variants', async () => {
  const out = join(scratchDir('cli-input'), 'results');
  const r = await runRejected(['run', 'global-list', '--variant', 'leaky,nope'], out);
  assert.match(r.stderr, /leaklab: scenario "global-list" has no variant "nope"/);
  assert.match(r.stderr, /hint: its variants are: leaky, fixed, leaky-max-requests/);
});

test('bad --duration, --requests, --connections and --workers exit 2 and name the flag', async () => {
  const out = join(scratchDir('cli-input'), 'results');
  const cases: [string[], RegExp][] = [
    [['--duration', 'soon'], /--duration "soon" is not a duration\n {2}hint: e\.g\. --duration 20s/],
    [['--duration', '-5s'], /--duration "-5s" is not a duration/],
    [['--duration', '10s', '--requests', '100'], /--duration and --requests cannot be used together/],
    [['--requests', '0'], /--requests "0" is not a positive whole number/],
    [['--requests', '1.5'], /--requests "1\.5" is not a positive whole number/],
    [['--connections', 'many'], /--connections "many" is not a positive whole number/],
    [['--workers', '-2'], /--workers "-2" is not a positive whole number/],
  ];
  for (const [flags, message] of cases) {
    const r = await runRejected(['run', 'global-list', ...flags], out);
    assert.match(r.stderr, message, flags.join(' '));
  }
});
