// The replay's timing: a saved run at 10× plays each sample at a tenth of its time, variants one
// after another, and ends with the verdicts and the report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replaySchedule } from '../../../src/live/replay-schedule.ts';
import type { Sample } from '../../../src/run-data/types.ts';
import { runRecord, variantRecord } from '../fixtures/records.ts';

const samples: Sample[] = [];
for (const variant of ['leaky', 'fixed']) {
  for (let t = 0; t <= 20_000; t += 100) {
    for (const slot of [0, 1]) {
      samples.push({ tMs: t, variant, pid: slot + 1, slot, requests: t / 10, rss: 40e6 + t * 100, uss: null, pss: null });
    }
  }
}
const record = runRecord('global-list', [
  variantRecord('leaky', { verdict: 'leak', expectationMet: true }),
  variantRecord('fixed', { verdict: 'flat', expectationMet: false }),
]);

test('at 10× a 20 s variant plays in 2 s, the next after a pause, and the report comes last', () => {
  const s = replaySchedule(record, samples, { speed: 10, pauseMs: 800, frameMs: 100, reportUrl: '/report.html' });
  const times = s.map((m) => m.atMs);
  assert.deepEqual(
    times,
    [...times].sort((a, b) => a - b),
    'in time order',
  );
  const variants = s.filter((m) => m.message.type === 'variant');
  assert.deepEqual(
    variants.map((m) => [m.message.type === 'variant' && m.message.name, m.atMs]),
    [
      ['leaky', 0],
      ['fixed', 2800],
    ],
  );
  const rows = s.filter((m) => m.message.type === 'rows');
  // Every sample once, in frames of 100 ms of playback: 20 frames per variant, 2 rows a tick.
  const total = rows.reduce((n, m) => n + (m.message.type === 'rows' ? m.message.rows.length : 0), 0);
  assert.equal(total, samples.length);
  assert.ok(rows.length >= 40 && rows.length <= 44, `${rows.length} frames`);
  for (const m of rows) {
    if (m.message.type !== 'rows') continue;
    const offset = m.atMs >= 2800 ? 2800 : 0;
    for (const r of m.message.rows) {
      const sampleAt = offset + (r.requests * 10) / 10;
      assert.ok(sampleAt <= m.atMs, `a sample of ${sampleAt} ms is never shown before it (frame at ${m.atMs})`);
      assert.ok(m.atMs - sampleAt <= 100, `nor more than a frame late (${sampleAt} → ${m.atMs})`);
    }
  }
  const verdicts = s.filter((m) => m.message.type === 'verdict');
  assert.deepEqual(
    verdicts.map((m) => m.atMs),
    [2000, 4800],
    'each variant’s verdict when its samples end',
  );
  const end = s.at(-1)!;
  assert.deepEqual(end.message, { type: 'end', status: 'complete', report: '/report.html', navigate: true });
  assert.equal(end.atMs, 4800);
});

test('speed 1 keeps the recorded time; a speed of 0 or below is refused', () => {
  const s = replaySchedule(record, samples, { speed: 1, pauseMs: 0 });
  assert.equal(s.at(-1)?.atMs, 40_000);
  assert.throws(() => replaySchedule(record, samples, { speed: 0 }), RangeError);
  assert.throws(() => replaySchedule(record, samples, { speed: Number.NaN }), RangeError);
});

test('running verdicts play at their sample time over the speed, after the rows the judge had seen', () => {
  const running = new Map([
    [
      'leaky',
      [
        { tMs: 4000, status: { verdict: 'inconclusive' as const, confidence: 0.1, decided: false, requestsNeeded: 900 } },
        { tMs: 8000, status: { verdict: 'leak' as const, confidence: 0.93, decided: true } },
      ],
    ],
  ]);
  const s = replaySchedule(record, samples, { speed: 10, pauseMs: 800, frameMs: 100, running });
  const verdicts = s.filter((m) => m.message.type === 'verdict' && !m.message.final);
  assert.deepEqual(
    verdicts.map((m) => [m.atMs, m.message.type === 'verdict' && m.message.verdict]),
    [
      [400, 'inconclusive'],
      [800, 'leak'],
    ],
  );
  const index = s.indexOf(verdicts[1]!);
  const shown = s
    .slice(0, index)
    .flatMap((m) => (m.message.type === 'rows' ? m.message.rows : []))
    .filter((r) => r.variant === 'leaky');
  assert.equal(shown.length, 2 * (8000 / 100), 'every sample before 8 s is on the chart first, none after');
});
