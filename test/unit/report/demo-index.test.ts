import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderDemoIndex } from '../../../src/report/demo-index.ts';
import { fixtureRun } from './fixtures.ts';

test('one section per scenario, relative links to each run, escaped text, nothing remote', () => {
  const a = fixtureRun();
  const b = { ...fixtureRun('<script>alert(1)</script>'), scenario: 'other', title: 'Other & more' };
  const html = renderDemoIndex(
    [
      { run: a, href: '../20261126-070000-global-list' },
      { run: b, href: '../20261126-070100-other' },
    ],
    '2026-11-26T07:02:00Z',
  );
  assert.equal(html.match(/<section class="variant">/g)?.length, 2);
  assert.match(html, /href="\.\.\/20261126-070000-global-list\/report\.html"/);
  assert.match(html, /src="\.\.\/20261126-070100-other\/leak-curves\.svg"/);
  assert.match(html, /Other &amp; more/);
  assert.doesNotMatch(html, /<script>/);
  assert.doesNotMatch(html, /https?:\/\//);
  const judged = [a, b].flatMap((r) => r.variants).filter((v) => v.expectationMet !== undefined).length;
  assert.match(html, new RegExp(`of ${judged} expectations held`));
});
