import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerQuestions } from '../../../src/demo/answers.ts';
import { DEMO_STEPS } from '../../../src/demo/plan.ts';
import { judgeStep } from '../../../src/demo/step-outcome.ts';
import { answerText, renderDemoIndex } from '../../../src/report/demo-index.ts';
import { demoRecords } from '../demo/demo-records.ts';
import { fixtureRun } from './fixtures.ts';

const step = (id: string) => DEMO_STEPS.find((s) => s.id === id)!;

test("steps in the talk's order with claim, outcome, relative links, replay; escaped; nothing remote", () => {
  const run = fixtureRun('<script>alert(1)</script>');
  const steps = [step('global-list'), step('fix-logging')].map((s) => ({
    step: s,
    result: judgeStep(s, run),
    run,
    href: '../20261126-070000-global-list',
    replay: 'leaklab replay /r/20261126-070000-global-list --speed 10',
  }));
  const html = renderDemoIndex({
    steps,
    answers: answerQuestions([run]),
    generatedAt: '2026-11-26T07:02:00Z',
    elapsedMs: 61_000,
  });
  assert.equal(html.match(/<section class="step"/g)?.length, 2);
  assert.ok(html.indexOf('id="global-list"') < html.indexOf('id="fix-logging"'));
  assert.match(html, /href="\.\.\/20261126-070000-global-list\/report\.html"/);
  assert.match(html, /src="\.\.\/20261126-070000-global-list\/leak-curves\.svg"/);
  assert.match(html, /leaklab replay \/r\/20261126-070000-global-list --speed 10/);
  // The fixture's leaky is a leak (confirmed); its fixed is bounded, not flat (refuted).
  assert.match(html, /class="outcome good">confirmed: leaky leak \(the seed: leak\)/);
  assert.match(html, /class="outcome bad">refuted: fixed bounded \(the seed: flat\)/);
  assert.match(html, /this run measured &quot;refuted&quot;; the takeaway below was written for &quot;confirmed&quot;/i);
  assert.match(html, /1 confirmed · 1 refuted/);
  assert.match(html, / 61 s /);
  assert.doesNotMatch(html, /<script>/);
  assert.doesNotMatch(html, /https?:\/\//);
});

test('the page ends with Q1-Q4, each figure carrying the run.json field it came from', () => {
  const records = demoRecords();
  const html = renderDemoIndex({ steps: [], answers: answerQuestions(records), generatedAt: 'now' });
  const at = ['Q1.', 'Q2.', 'Q3.', 'Q4.'].map((q) => html.indexOf(q));
  assert.ok(
    at.every((i, k) => i > 0 && (k === 0 || i > at[k - 1]!)),
    `${at}`,
  );
  assert.match(html, /title="20261203-000200-circular-refs\/run\.json: cycles\.verdict">flat</);
  assert.match(
    html,
    /title="20261203-000400-queryset\/run\.json: values-list\.requestsPerSecond ÷ 20261203-000400-queryset\/run\.json: whole-queryset\.requestsPerSecond">/,
  );
});

test('an answer with missing runs says which steps to give', () => {
  const text = answerText(answerQuestions([]).find((a) => a.id === 'Q2')!);
  assert.match(text, /needs: leaklab demo --only diagnosis/);
});
