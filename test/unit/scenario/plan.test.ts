import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors.ts';
import { parseDurationMs } from '../../../src/scenario/duration.ts';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';

const scenario = parseScenarioText(
  `
name: demo
title: Demo
claim: c
gunicorn: { workers: 3 }
thresholds: { materialGrowthBytes: 100 }
load:
  duration: 20s
  mix: [{ path: /a/ }]
  quick: { duration: 5s }
variants:
  - name: leaky
  - name: fixed
    mix: [{ path: /b/ }]
    gunicorn: { maxRequests: 1000 }
    thresholds: { confidence: 0.9 }
`,
  'demo.yaml',
);

test('variants inherit the scenario and override what they name', () => {
  const [leaky, fixed] = planVariants(scenario);
  assert.equal(leaky?.mix[0]?.path, '/a/');
  assert.equal(fixed?.mix[0]?.path, '/b/');
  assert.equal(fixed?.gunicorn.workers, 3);
  assert.equal(fixed?.gunicorn.maxRequests, 1000);
  assert.equal(leaky?.gunicorn.maxRequests, 0);
  assert.deepEqual(fixed?.thresholds, { materialGrowthBytes: 100, confidence: 0.9 });
  assert.equal(leaky?.durationMs, 20_000);
});

test('--quick shortens, and explicit flags beat --quick', () => {
  assert.equal(planVariants(scenario, { quick: true })[0]?.durationMs, 5000);
  const byCount = planVariants(scenario, { quick: true, requests: 500 })[0];
  assert.equal(byCount?.amount, 500);
  assert.equal(byCount?.durationMs, undefined);
  assert.equal(planVariants(scenario, { workers: 4 })[1]?.gunicorn.workers, 4);
});

test('--variant picks variants and rejects unknown ones', () => {
  assert.deepEqual(
    planVariants(scenario, { variants: ['fixed'] }).map((p) => p.name),
    ['fixed'],
  );
  assert.throws(() => planVariants(scenario, { variants: ['nope'] }), InputError);
});

test('durations', () => {
  assert.equal(parseDurationMs('20s'), 20_000);
  assert.equal(parseDurationMs('500ms'), 500);
  assert.equal(parseDurationMs('1m30s'), 90_000);
  // A bare number has no unit: 100 meant seconds to the parser and milliseconds to a reader.
  assert.equal(parseDurationMs(2), null);
  assert.equal(parseDurationMs('2'), null);
  assert.equal(parseDurationMs('soon'), null);
  assert.equal(parseDurationMs('5s garbage'), null);
  assert.equal(parseDurationMs(0), null);
});

test('load.until: verdict or --until-verdict runs each variant until decided; the stop condition stays as the cap', () => {
  assert.equal(planVariants(scenario)[0]?.untilVerdict, false);
  const [flagged] = planVariants(scenario, { untilVerdict: true });
  assert.equal(flagged?.untilVerdict, true);
  assert.equal(flagged?.durationMs, 20_000, 'the duration is the cap');
  const fromFile = parseScenarioText(
    'name: u\ntitle: U\nclaim: c\nload:\n  until: verdict\n  requests: 40000\n  mix: [{ path: /a/ }]\nvariants: [{ name: a }, { name: b }]\n',
    'u.yaml',
  );
  const plans = planVariants(fromFile);
  assert.deepEqual(
    plans.map((p) => [p.untilVerdict, p.amount]),
    [
      [true, 40_000],
      [true, 40_000],
    ],
  );
});

test('load.until takes only "verdict"', () => {
  assert.throws(
    () =>
      parseScenarioText(
        'name: u\ntitle: U\nclaim: c\nload:\n  until: forever\n  mix: [{ path: /a/ }]\nvariants: [{ name: a }]\n',
        'u.yaml',
      ),
    (e: Error) => /until/.test(`${e.message} ${JSON.stringify(e)}`),
  );
});
