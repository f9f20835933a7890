// The pure parts of the live view: sample → row → server-sent event, restarts as gaps, the
// warm-up band, and the live spec compiled by vega-lite with the data sets the page fills.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from 'vega-lite';
import { LiveFeed } from '../../../src/live/live-feed.ts';
import { encodeSse, type LiveMessage } from '../../../src/live/messages.ts';
import { LiveRows } from '../../../src/report/live-rows.ts';
import { LIVE_DATA, liveChartSpec } from '../../../src/report/live-spec.ts';
import type { Sample } from '../../../src/run-data/types.ts';
import { runRecord, variantRecord } from '../fixtures/records.ts';

const MIB = 1024 * 1024;
const sample = (tMs: number, pid: number, slot: number, requests: number, mib: number, variant = 'leaky'): Sample => ({
  tMs,
  variant,
  pid,
  slot,
  requests,
  rss: mib * MIB,
  uss: null,
  pss: null,
});

test('encodeSse: one data line per message, ended by a blank line, line breaks in names escaped', () => {
  const m: LiveMessage = { type: 'variant', name: 'a\nb\r\n\ndata: {"type":"end"}' };
  const text = encodeSse(m, 7);
  assert.equal(text, `id: 7\ndata: ${JSON.stringify(m)}\n\n`);
  assert.equal(text.split('\n').length, 4, 'id, data, and the blank line ending the event');
  assert.deepEqual(JSON.parse(text.split('\n')[1]!.slice('data: '.length)), m);
  assert.equal(
    encodeSse({ type: 'end', status: 'complete', navigate: false }),
    'data: {"type":"end","status":"complete","navigate":false}\n\n',
  );
});

test('LiveRows: x continues across a restart, each life is its own segment, the old life ends in a restart mark', () => {
  const rows = new LiveRows();
  assert.equal(rows.add(sample(0, 10, 0, 0, 40)).row?.segment, 'leaky · worker 0 · life 0');
  rows.add(sample(100, 10, 0, 900, 49));
  const first = rows.add(sample(200, 11, 0, 5, 41));
  assert.equal(first.restart?.pid, 10);
  assert.equal(first.restart?.requests, 900);
  assert.equal(first.row?.requests, 905, 'the replacement continues its slot from 900');
  assert.equal(first.row?.life, 1);
  assert.equal(first.row?.segment, 'leaky · worker 0 · life 1');
  assert.deepEqual(rows.add(sample(250, 10, 0, 901, 49)), {}, 'a late sample of the replaced worker is dropped');
  assert.equal(rows.add(sample(300, 11, 0, 50, 42)).row?.requests, 950);
  assert.equal(rows.maxRequests('leaky'), 950);
  assert.equal(rows.add({ ...sample(400, 11, 0, 60, 42), rss: null as unknown as number }).row, undefined);
});

test('LiveFeed: rows are batched until flushed; the warm-up band grows until the warm-up time, then stays', () => {
  const sent: LiveMessage[] = [];
  const feed = new LiveFeed((m) => sent.push(m));
  feed.runStart({ scenario: 's', variants: [{ name: 'leaky', expected: 'leak', warmupMs: 1000 }] });
  assert.equal(sent[0]?.type, 'run');
  feed.variantStart('leaky');
  feed.sample(sample(0, 1, 0, 0, 40));
  feed.sample(sample(0, 2, 1, 0, 40));
  feed.sample(sample(500, 1, 0, 300, 41));
  assert.equal(sent.length, 2, 'nothing sent before the flush');
  feed.flush();
  const rows = sent[2];
  assert.ok(rows?.type === 'rows' && rows.rows.length === 3);
  assert.deepEqual(sent[3], { type: 'warmup', variant: 'leaky', to: 300, done: false });
  feed.sample(sample(1000, 1, 0, 700, 42));
  feed.sample(sample(1500, 1, 0, 1000, 43));
  feed.flush();
  assert.deepEqual(
    sent.at(-1),
    { type: 'warmup', variant: 'leaky', to: 300, done: true },
    'ends where the slots stood before 1 s',
  );
  const count = sent.length;
  feed.flush();
  assert.equal(sent.length, count, 'an empty flush sends nothing');
  feed.liveVerdict('leaky', { verdict: 'leak', confidence: 0.91, decided: true });
  assert.deepEqual(sent.at(-1), { type: 'verdict', variant: 'leaky', verdict: 'leak', confidence: 0.91, decided: true });
  feed.runEnd(runRecord('s', [variantRecord('leaky', { verdict: 'leak', expectationMet: true })]), '/r.html', true);
  assert.deepEqual(sent.at(-2), { type: 'verdict', variant: 'leaky', verdict: 'leak', final: true, expectationMet: true });
  assert.deepEqual(sent.at(-1), { type: 'end', status: 'complete', report: '/r.html', navigate: true });
});

test('liveChartSpec: the static chart with named data sets, every variant in the legend, compiled by vega-lite', () => {
  const spec = liveChartSpec({ scenario: 'global-list', title: 'T', claim: 'C', variants: ['leaky', 'fixed'] });
  const vega = compile(spec).spec;
  const names = (vega.data ?? []).map((d) => d.name);
  for (const name of Object.values(LIVE_DATA)) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  const color = (vega.scales ?? []).find((s) => s.name === 'color');
  assert.deepEqual((color as { domain?: unknown }).domain, ['leaky', 'fixed']);
  const text = JSON.stringify(spec);
  assert.ok(text.includes('"segment"'), 'one line per worker life');
  assert.ok(text.includes('requests served per worker'));
});
