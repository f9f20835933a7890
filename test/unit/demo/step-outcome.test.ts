import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DemoStep } from '../../../src/demo/plan.ts';
import { judgeStep, outcomeOf } from '../../../src/demo/step-outcome.ts';
import type { Verdict } from '../../../src/run-data/types.ts';
import { notRunRecord, runRecord, variantRecord } from '../fixtures/records.ts';

const step: DemoStep = {
  id: 't',
  section: '2. test',
  claim: 'claim',
  scenario: 's',
  predicts: { a: ['leak'], b: ['leak', 'sawtooth'] },
  takeaway: ['one', 'two'],
};

const judged = (name: string, verdict: Verdict, expected?: Verdict) =>
  variantRecord(name, { verdict, ...(expected ? { expected } : {}) });

test('all predicted verdicts measured: confirmed; none: refuted; some: depends', () => {
  assert.equal(judgeStep(step, runRecord('s', [judged('a', 'leak'), judged('b', 'sawtooth')])).outcome, 'confirmed');
  assert.equal(judgeStep(step, runRecord('s', [judged('a', 'flat'), judged('b', 'bounded')])).outcome, 'refuted');
  assert.equal(judgeStep(step, runRecord('s', [judged('a', 'leak'), judged('b', 'flat')])).outcome, 'depends');
});

test('a skipped, failed, inconclusive or absent predicted variant leaves the step not measured, and says why', () => {
  const r = judgeStep(
    step,
    runRecord('s', [judged('a', 'leak'), notRunRecord('b', { status: 'skipped', reason: 'no redis-server' })]),
  );
  // Half the evidence does not confirm a claim.
  assert.equal(r.outcome, 'not measured');
  assert.equal(r.checks[1]!.missing, 'skipped: no redis-server');
  const inconclusive = judgeStep(step, runRecord('s', [judged('a', 'inconclusive')]));
  assert.equal(inconclusive.outcome, 'not measured');
  assert.deepEqual(
    inconclusive.checks.map((c) => c.missing),
    ['inconclusive', 'not run'],
  );
  assert.equal(judgeStep(step, undefined).outcome, 'not measured');
});

test("the foreseen outcome comes from the scenario's expectations, the outcome from the verdicts", () => {
  const r = judgeStep(step, runRecord('s', [judged('a', 'leak', 'flat'), judged('b', 'leak', 'flat')]));
  assert.equal(r.outcome, 'confirmed');
  assert.equal(r.foreseen, 'refuted');
});

test('outcomeOf pins its boundaries', () => {
  assert.equal(outcomeOf([]), 'not measured');
  assert.equal(outcomeOf([true]), 'confirmed');
  assert.equal(outcomeOf([false]), 'refuted');
  assert.equal(outcomeOf([true, false]), 'depends');
});
