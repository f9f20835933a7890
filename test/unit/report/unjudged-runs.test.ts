// A failed or interrupted run still says what it was for: the expectations it set, and why none
// was judged; an interrupted variant that was analysed shows its verdict and figures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderHtml } from '../../../src/report/html.ts';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { renderTerminalTable } from '../../../src/report/terminal.ts';
import { growthText, noJudgementText, slopeText, verdictText } from '../../../src/report/variant-figures.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import { fixtureEvents, fixtureRun } from './fixtures.ts';

function failedRun(): RunRecord {
  const run = fixtureRun();
  return {
    ...run,
    status: 'failed',
    variants: run.variants.map((v, i): VariantRecord => {
      const { verdict: _v, analysis: _a, expectationMet: _e, ...rest } = v;
      return i === 0
        ? { ...rest, status: 'failed', error: 'the Gunicorn master died (SIGKILL) at 3.4 s' }
        : { ...rest, status: 'skipped', skipReason: 'not run' };
    }),
  };
}

test('noJudgementText lists the expectations and why each went unjudged', () => {
  assert.equal(
    noJudgementText(failedRun().variants),
    'No expectation judged (expected: leaky leak, fixed flat, leaky-max-requests sawtooth; leaky failed, fixed skipped, leaky-max-requests skipped)',
  );
  const none = failedRun().variants.map(({ expected: _x, ...v }) => v);
  assert.equal(noJudgementText(none), 'No expectations set');
});

test('terminal, markdown and html of a failed run all list its expectations', () => {
  const run = failedRun();
  for (const [name, text] of [
    ['terminal', renderTerminalTable(run, { color: false }, fixtureEvents())],
    ['markdown', renderMarkdown(run, fixtureEvents())],
    ['html', renderHtml(run, '<svg></svg>', fixtureEvents())],
  ] as const) {
    assert.ok(text.includes('expected: leaky leak'), `${name} lists the expectations`);
    assert.ok(!/no expectations set/i.test(text), `${name} does not say none were set`);
  }
});

test('an interrupted, analysed variant shows its verdict, slope and growth; one without analysis shows dashes', () => {
  const leaky = fixtureRun().variants[0]!;
  const cut: VariantRecord = { ...leaky, status: 'interrupted' };
  assert.equal(verdictText(cut), 'leak, interrupted');
  assert.notEqual(slopeText(cut), '—');
  assert.match(growthText(cut), /MiB/);
  const { analysis: _a, verdict: _v, ...bare } = cut;
  assert.equal(verdictText(bare), 'interrupted');
  assert.equal(slopeText(bare), '—');
  assert.equal(growthText(bare), '—');
});
