import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEMO_STEPS, demoRunOverrides, scenarioRuns, selectSteps, stepVariants } from '../../../src/demo/plan.ts';
import { loadScenarioFile } from '../../../src/scenario/load.ts';

const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

test('every step names a bundled scenario and variants it has, and ids are unique', () => {
  assert.equal(new Set(DEMO_STEPS.map((s) => s.id)).size, DEMO_STEPS.length);
  for (const step of DEMO_STEPS) {
    const names = loadScenarioFile(join(SCENARIOS, `${step.scenario}.yaml`)).scenario.variants.map((v) => v.name);
    for (const v of stepVariants(step)) assert.ok(names.includes(v), `${step.id}: ${step.scenario} has no variant ${v}`);
    assert.ok(Object.keys(step.predicts).length > 0, `${step.id} predicts something`);
  }
});

test('the talk follows the seed: causes, diagnosis, fixes, principles, the case study, the summary', () => {
  const order = DEMO_STEPS.map((s) => s.section.match(/^(\d|Summary)/)?.[1]);
  assert.deepEqual(
    order,
    [...order].sort((a, b) => rank(a) - rank(b)),
  );
  for (const section of ['2', '3', '4', '5', '6', 'Summary']) assert.ok(order.includes(section), `section ${section}`);
});

function rank(section: string | undefined): number {
  return section === 'Summary' ? 99 : Number(section);
}

test('claims and takeaways type no measured number: figures come from the run', () => {
  for (const step of DEMO_STEPS) {
    for (const text of [step.claim, ...step.takeaway]) {
      // Code the seed quotes (max_requests = 1000, chunk_size=1000, np.dot) is not a measurement.
      const prose = text.replace(/max_requests = 1000|chunk_size=1000|maxsize=\d+/g, '');
      assert.doesNotMatch(prose, /\d/, `${step.id}: ${text}`);
    }
    assert.equal(step.takeaway.length, 2);
  }
});

test('--only keeps the talk order and names every unknown step', () => {
  const picked = selectSteps(['fix-logging', 'global-list', 'nope', 'nada']);
  assert.deepEqual(
    picked.steps.map((s) => s.id),
    ['global-list', 'fix-logging'],
  );
  assert.deepEqual(picked.unknown, ['nope', 'nada']);
  const slow = DEMO_STEPS.filter((s) => s.quick === false).map((s) => s.id);
  assert.ok(slow.length > 0);
  assert.equal(selectSteps(undefined).steps.length, DEMO_STEPS.length - slow.length);
  assert.equal(selectSteps(undefined, { full: true }).steps.length, DEMO_STEPS.length);
  // Named, a slow step runs in the quick demo too.
  assert.deepEqual(
    selectSteps(slow).steps.map((s) => s.id),
    slow,
  );
});

test('one run per scenario, with every variant its selected steps show, in first-seen order', () => {
  const { steps } = selectSteps(['global-list', 'fix-logging', 'fix-max-requests']);
  assert.deepEqual(scenarioRuns(steps), [{ scenario: 'global-list', variants: ['leaky', 'fixed', 'leaky-max-requests'] }]);
  const all = scenarioRuns(DEMO_STEPS);
  assert.equal(all.length, new Set(DEMO_STEPS.map((s) => s.scenario)).size);
});

test("the demo's runs stop on their verdict unless --no-until-verdict; quick sizes only without --full", () => {
  const run = { scenario: 'global-list', variants: ['leaky', 'fixed'] };
  assert.deepEqual(demoRunOverrides(run), { quick: true, variants: ['leaky', 'fixed'], untilVerdict: true, requests: 20000 });
  assert.equal(demoRunOverrides(run, { untilVerdict: false }).untilVerdict, false);
  assert.deepEqual(demoRunOverrides(run, { full: true }), { quick: false, variants: ['leaky', 'fixed'], untilVerdict: true });
  // A scenario without demo settings keeps its own quick size.
  assert.equal(demoRunOverrides({ scenario: 'numpy-buffers', variants: ['dropped'] }).requests, undefined);
});
