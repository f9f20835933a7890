import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../../src/core/errors.ts';
import { listScenarioFiles, loadScenarioFile, parseScenarioText, resolveScenarioFile } from '../../../src/scenario/load.ts';
import { scratchDir } from '../../scratch.ts';
import { minimalScenarioText } from '../fixtures/scenario-text.ts';
import { problems } from './scenario-problems.ts';

const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

const VALID = minimalScenarioText('leaky', 'leak');

test('a minimal scenario gets every default', () => {
  const s = parseScenarioText(VALID, 'demo.yaml');
  assert.equal(s.load.duration, 5000);
  assert.equal(s.load.connections, 8);
  assert.equal(s.gunicorn.workers, 2);
  assert.equal(s.gunicorn.workerClass, 'sync');
  assert.equal(s.app.wsgi, 'config.wsgi:application');
  assert.equal(s.sampling.interval, 100);
  assert.equal(s.load.mix[0]?.method, 'GET');
});

test('every problem is reported at once, with line and field', () => {
  const text = VALID.replace('duration: 5s', 'duration: soon').replace('expect: leak', 'expect: leaky\n    colour: red');
  const found = problems(text);
  assert.equal(found.length, 3, found.join('\n'));
  assert.match(found.find((p) => p.includes('load.duration')) ?? '', /^demo\.yaml:6: load\.duration: "soon" is not a duration/);
  assert.match(found.find((p) => p.includes('expect')) ?? '', /^demo\.yaml:11: variants\.0\.expect: /);
  assert.match(found.find((p) => p.includes('colour')) ?? '', /^demo\.yaml:12: variants\.0\.colour: unknown field "colour"/);
});

test('a missing required field points at its parent', () => {
  const found = problems(VALID.replace('claim: it leaks\n', ''));
  assert.deepEqual(found, ['demo.yaml:2: claim: missing (expected string, received undefined)']);
});

test('duplicate variant names and a missing stop condition are caught', () => {
  const text = VALID.replace('  duration: 5s\n', '').replace('    expect: leak', '    expect: leak\n  - name: leaky');
  const found = problems(text);
  assert.ok(
    found.some((p) => p.includes('variants.1.name: variant "leaky" is named twice')),
    found.join('\n'),
  );
  assert.ok(
    found.some((p) => p.includes('load: give load.duration or load.requests')),
    found.join('\n'),
  );
});

test('broken YAML names the line', () => {
  const found = problems('name: [unclosed\ntitle: x\n');
  assert.match(found[0] ?? '', /^demo\.yaml:\d+: /);
});

test('unknown scenario names list the known ones', () => {
  assert.throws(
    () => resolveScenarioFile('no-such', SCENARIOS, '/'),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.hint ?? '', /global-list/);
      return true;
    },
  );
});

test('every bundled scenario is valid and its app directory exists', () => {
  const files = listScenarioFiles(SCENARIOS);
  assert.ok(files.length >= 1);
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    assert.match(loaded.appDir, /sample-django-app$/);
  }
});

test('gunicorn.configFile is resolved next to the scenario file and must exist', async () => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = scratchDir('cf');
  const file = join(dir, 's.yaml');
  writeFileSync(file, `${VALID}gunicorn:\n  configFile: conf.py\n`);
  assert.throws(
    () => loadScenarioFile(file),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.details[0] ?? '', /gunicorn\.configFile: no such file .*conf\.py/);
      return true;
    },
  );
  writeFileSync(join(dir, 'conf.py'), 'timeout = 7\n');
  assert.equal(loadScenarioFile(file).scenario.gunicorn.configFile, join(dir, 'conf.py'));
});
