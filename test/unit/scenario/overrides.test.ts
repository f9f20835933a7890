// Flags go through the file's own fields and limits: --workers 10000 used to reach Gunicorn.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOverrides, overrideWarmupProblem } from '../../../src/scenario/overrides.ts';

test('good flags become plan overrides', () => {
  const { overrides, problems } = checkOverrides({
    variant: 'leaky, fixed,',
    quick: true,
    duration: '1m30s',
    connections: '16',
    workers: '4',
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(overrides, {
    variants: ['leaky', 'fixed'],
    quick: true,
    durationMs: 90_000,
    requests: undefined,
    connections: 16,
    workers: 4,
  });
});

test('the limits of the file hold for flags, right at the boundary', () => {
  assert.deepEqual(checkOverrides({ workers: '64', connections: '1024' }).problems, []);
  const { overrides, problems } = checkOverrides({ workers: '65', connections: '1025' });
  assert.equal(overrides.workers, undefined);
  assert.equal(overrides.connections, undefined);
  assert.equal(problems.length, 2);
  assert.match(problems[0] ?? '', /^--connections "1025": .*1024 \(the limit a scenario file has\)$/);
  assert.match(problems[1] ?? '', /^--workers "65": .*64 \(the limit a scenario file has\)$/);
});

test('every bad flag is reported, not only the first', () => {
  const { problems } = checkOverrides({ duration: '100', requests: 'x', connections: '0', workers: '1.5' });
  assert.deepEqual(problems, [
    '--duration "100" is not a duration: 100 has no unit: write 100ms or 100s',
    '--duration and --requests cannot be used together: choose one way to end the storm',
    '--requests "x" is not a positive whole number',
    '--connections "0" is not a positive whole number',
    '--workers "1.5" is not a positive whole number',
  ]);
});

test('a --duration no longer than the warm-up is refused; a longer one or no flag is not', () => {
  assert.deepEqual(overrideWarmupProblem(5000, '5s', 5000), [
    '--duration "5s": the warm-up (5000 ms) is at least as long as the run (5000 ms): nothing would be judged',
  ]);
  assert.deepEqual(overrideWarmupProblem(5000, '6s', 6000), []);
  assert.deepEqual(overrideWarmupProblem(5000, undefined, 5000), [], "the file's own warm-up is the schema's business");
  assert.deepEqual(overrideWarmupProblem(undefined, '1s', 1000), []);
});
