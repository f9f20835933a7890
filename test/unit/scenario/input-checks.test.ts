// The schema's own input checks: durations with units, path tokens, warm-up against the run,
// alias bombs, and a flood of problems cut to 50 lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors.ts';
import { durationProblem, parseDurationMs } from '../../../src/scenario/duration.ts';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { problems } from './scenario-problems.ts';

const scenario = (load: string, extra = '') => `name: s\ntitle: t\nclaim: c\nload:\n${load}\n${extra}variants:\n  - name: a\n`;

test('a duration needs its unit; the problem says which to write', () => {
  assert.equal(durationProblem('100ms'), null);
  assert.equal(durationProblem(100), '100 has no unit: write 100ms or 100s');
  assert.equal(durationProblem('2.5'), '2.5 has no unit: write 2.5ms or 2.5s');
  assert.equal(durationProblem('0s'), '"0s" is not a duration (try "20s", "500ms" or "2m")');
  assert.equal(durationProblem('fast'), '"fast" is not a duration (try "20s", "500ms" or "2m")');
  assert.equal(parseDurationMs(' 2h '), 7_200_000);
  assert.equal(parseDurationMs('1.5s'), 1500);
});

test('sampling.interval: 100 is refused, 100ms is 100 milliseconds, and the default stays 100 ms', () => {
  const base = '  requests: 10\n  mix: [{ path: / }]';
  assert.deepEqual(problems(scenario(base, 'sampling: { interval: 100 }\n')), [
    'demo.yaml:7: sampling.interval: 100 has no unit: write 100ms or 100s',
  ]);
  assert.equal(parseScenarioText(scenario(base, 'sampling: { interval: 100ms }\n'), 's.yaml').sampling.interval, 100);
  const defaults = parseScenarioText(scenario(base), 's.yaml').sampling;
  assert.deepEqual(defaults, { interval: 100, smapsInterval: 500 });
});

test('path tokens are compiled in the schema: a typo is a problem with its line', () => {
  const mix = (path: string) => scenario(`  requests: 10\n  mix:\n    - { path: "/ok/" }\n    - { path: "${path}" }`);
  assert.deepEqual(problems(mix('/x/{uuid}/')), [
    'demo.yaml:8: load.mix.1.path: unknown token {uuid} in path "/x/{uuid}/" (known: {seq}, {rand:LOW:HIGH})',
  ]);
  assert.match(problems(mix('/x/{rand:100:1}/'))[0] ?? '', /^demo\.yaml:8: load\.mix\.1\.path: bad \{rand:LOW:HIGH\} token/);
  assert.match(problems(mix('/x/{}/'))[0] ?? '', /unknown token \{\}/);
  assert.equal(parseScenarioText(mix('/x/{seq}/{rand:1:100}/'), 's.yaml').load.mix[1]?.path, '/x/{seq}/{rand:1:100}/');
});

test('a warm-up at least as long as the run or the quick run is refused; a shorter one is fine', () => {
  assert.deepEqual(problems(scenario('  duration: 10s\n  warmup: 10s\n  mix: [{ path: / }]')), [
    'demo.yaml:6: load.warmup: the warm-up (10000 ms) is at least as long as the run (10000 ms): nothing would be judged (load.duration)',
  ]);
  assert.deepEqual(problems(scenario('  duration: 30s\n  warmup: 10s\n  quick: { duration: 8s }\n  mix: [{ path: / }]')), [
    'demo.yaml:6: load.warmup: the warm-up (10000 ms) is at least as long as the run (8000 ms): nothing would be judged (load.quick.duration)',
  ]);
  assert.equal(
    parseScenarioText(scenario('  duration: 10s\n  warmup: 9999ms\n  mix: [{ path: / }]'), 's.yaml').load.warmup,
    9999,
  );
});

test('a YAML alias bomb is bad input naming the file, before it expands', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]'];
  for (let i = 2; i < 8; i++)
    bomb.push(
      `${'bcdefgh'[i - 1]}${i === 7 ? '' : ` &${'bcdefgh'[i]}`}: [${Array(9)
        .fill(`*${'bcdefgh'[i - 2]}`)
        .join(', ')}]`,
    );
  assert.throws(
    () => parseScenarioText(bomb.join('\n'), 'bomb.yaml'),
    (err: Error) =>
      err instanceof InputError && err.exitCode === 2 && /^bomb\.yaml is not a usable scenario: .*alias/.test(err.message),
  );
});

test('a field of the wrong type is not called missing', () => {
  const found = problems(scenario('  requests: 10\n  mix: [{ path: / }]', 'gunicorn: { workers: two }\n'));
  assert.equal(found.length, 1);
  assert.match(found[0] ?? '', /^demo\.yaml:7: gunicorn\.workers: Invalid input: expected number, received string$/);
  assert.match(problems('name: s\ntitle: t\nclaim: c\nvariants: [{ name: a }]\n')[0] ?? '', /load: missing \(expected object/);
});

test('thousands of problems come out as 50 lines and a count', () => {
  const text = scenario(`  requests: 10\n  mix: [${Array(5000).fill('x').join(', ')}]`);
  let error: InputError | undefined;
  try {
    parseScenarioText(text, 'big.yaml');
  } catch (err) {
    error = err as InputError;
  }
  assert.equal(error?.message, 'big.yaml has 5000 problems');
  assert.equal(error?.details.length, 51);
  assert.match(error?.details[49] ?? '', /^big\.yaml:6: load\.mix\.49: /);
  assert.equal(error?.details[50], '… and 4950 more problems');
});
