import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isolatedGrowthShare, isolationConfirms } from '../../../src/analyze/attribution-record.ts';
import { isGrowing } from '../../../src/pipeline/diagnose-variant.ts';
import {
  attributionHtml,
  attributionMarkdown,
  attributionNote,
  attributionSection,
  attributionTerminal,
} from '../../../src/report/attribution-table.ts';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { renderTerminalTable } from '../../../src/report/terminal.ts';
import type { AttributedEntry, VariantAttribution } from '../../../src/run-data/attribution.ts';
import { runRecord, variantRecord } from '../fixtures/records.ts';

const entry = (path: string, over: Partial<AttributedEntry> = {}): AttributedEntry => ({
  index: 0,
  method: 'GET',
  path,
  bytesPerHit: 0,
  low: 0,
  high: 0,
  share: 0,
  hits: 1000,
  confirmed: null,
  ...over,
});

const clear: VariantAttribution = {
  entries: [
    entry('/leaky/', { index: 4, bytesPerHit: 4200, low: 4100, high: 4300, share: 0.97 }),
    entry('/ok/', { bytesPerHit: 12, high: 40, share: 0.03 }),
  ],
  clearCut: true,
  level: 0.9,
  rows: 281,
};

test('entry → bytes/hit (interval), share, confirmed: the same rows in the terminal, summary.md and report.html', () => {
  const run = runRecord('mixed', [
    variantRecord('one-leaks', { verdict: 'leak', slopeBytesPerRequest: 520, attribution: clear }),
  ]);
  const s = attributionSection(run.variants[0]!, clear);
  assert.deepEqual(s.rows[0], {
    mark: '→',
    entry: 'GET /leaky/',
    bytesPerHit: '4.1 KiB',
    interval: '4–4.2 KiB',
    share: '97 %',
    confirmed: '—',
  });
  assert.match(s.notes[0]!, /^Clear-cut: GET \/leaky\/ holds 97 %/);
  const terminal = attributionTerminal(run);
  assert.match(terminal, /entry\s+bytes\/hit\s+interval\s+share\s+confirmed/);
  assert.match(terminal, /→\s+GET \/leaky\/\s+4\.1 KiB\s+4–4\.2 KiB\s+97 %\s+—/);
  assert.match(attributionMarkdown(run), /\| → \| `GET \/leaky\/` \| 4\.1 KiB \| 4–4\.2 KiB \| 97 % \| — \|/);
  assert.match(attributionHtml(run), /<td>→<\/td><td><code>GET \/leaky\/<\/code><\/td><td>4\.1 KiB<\/td>/);
  // And one line beside the verdict, in the variant's notes (terminal and summary.md alike).
  assert.match(
    renderTerminalTable(run, { color: false }),
    /Grows with GET \/leaky\/: 4\.1 KiB\/hit \(4–4\.2 KiB\), 97 % of the growth\./,
  );
  assert.match(renderMarkdown(run), /- Grows with GET \/leaky\/: 4\.1 KiB\/hit/);
});

test('not clear-cut: no arrow until isolation confirms, and the isolation runs are told', () => {
  const unclear: VariantAttribution = {
    ...clear,
    clearCut: false,
    entries: [
      entry('/a/', { share: 0.6, bytesPerHit: 300, high: 500, confirmed: true }),
      entry('/b/', { share: 0.4, confirmed: null }),
    ],
    isolation: [
      {
        index: 0,
        path: '/a/',
        aloneSlope: 300,
        withoutSlope: 5,
        mixSlope: 100,
        aloneRequests: 900,
        withoutRequests: 900,
        confirmed: true,
      },
    ],
  };
  const v = variantRecord('v', { verdict: 'leak', attribution: unclear });
  const s = attributionSection(v, unclear);
  assert.equal(s.rows[0]!.mark, '→');
  assert.equal(s.rows[0]!.confirmed, 'yes');
  assert.match(s.notes.join('\n'), /Not clear-cut: GET \/a\/ holds 60 %/);
  assert.match(s.notes.join('\n'), /Isolation of \/a\/: alone 300 B\/request, the mix without it 5 B\/request .*: confirmed\./);
  assert.match(attributionNote(v) ?? '', /^Grows with GET \/a\/.*confirmed by isolation: yes\.$/);
  const untested = { ...unclear, entries: unclear.entries.map((e) => ({ ...e, confirmed: null })), isolation: undefined };
  assert.equal(attributionSection(v, untested).rows[0]!.mark, '');
  assert.match(attributionNote({ ...v, attribution: untested }) ?? '', /^Most likely grows with \(not clear-cut\)/);
});

test('no attribution, or no growth in it: no section and no note', () => {
  const run = runRecord('r', [variantRecord('flat', { verdict: 'flat' })]);
  assert.equal(attributionTerminal(run), '');
  assert.equal(attributionMarkdown(run), '');
  assert.equal(attributionHtml(run), '');
  const none = { ...clear, entries: clear.entries.map((e) => ({ ...e, share: 0 })), problem: 'no entry went with any growth' };
  assert.equal(attributionNote(variantRecord('v', { attribution: none })), null);
  assert.match(attributionSection(variantRecord('v'), none).notes[0]!, /^No estimate: no entry went with any growth\.$/);
});

test('isolation confirms a suspect that grows alone and whose absence stops most of the growth', () => {
  assert.equal(isolationConfirms({ aloneSlope: 4000, withoutSlope: 10, mixSlope: 520, trafficShare: 1 / 8 }), true);
  // Alone it grows too little to be the mix's growth at its share.
  assert.equal(isolationConfirms({ aloneSlope: 1000, withoutSlope: 10, mixSlope: 520, trafficShare: 1 / 8 }), false);
  // Without it the mix still grows more than the suspect accounts for: something else does.
  assert.equal(isolationConfirms({ aloneSlope: 4000, withoutSlope: 700, mixSlope: 520, trafficShare: 1 / 8 }), false);
  // The bookshelf: the strip alone 1.4 KiB/request, the rest still creeping 120 B/request.
  assert.equal(isolationConfirms({ aloneSlope: 1400, withoutSlope: 120, mixSlope: 215, trafficShare: 1 / 8 }), true);
  assert.equal(isolationConfirms({ aloneSlope: 79, withoutSlope: 272, mixSlope: 215, trafficShare: 1 / 16 }), false);
  assert.equal(isolationConfirms({ aloneSlope: 4000, withoutSlope: 0, mixSlope: 0, trafficShare: 1 / 8 }), false);
});

test('--diagnose looks where memory grows: leak, or inconclusive because still rising', () => {
  assert.equal(isGrowing(variantRecord('v', { verdict: 'leak' })), true);
  assert.equal(isGrowing(variantRecord('v', { verdict: 'flat' })), false);
  assert.equal(isGrowing(variantRecord('v', { verdict: 'bounded' })), false);
  const analysis = (reason: 'still-rising' | 'too-few-requests') =>
    ({ reason }) as unknown as NonNullable<Parameters<typeof isGrowing>[0]['analysis']>;
  assert.equal(isGrowing(variantRecord('v', { verdict: 'inconclusive', analysis: analysis('still-rising') })), true);
  assert.equal(isGrowing(variantRecord('v', { verdict: 'inconclusive', analysis: analysis('too-few-requests') })), false);
});

test('isolation that clears the top suspect and confirms the second moves the arrow to the second', () => {
  const a: VariantAttribution = {
    ...clear,
    clearCut: false,
    entries: [
      entry('/report/', { share: 0.34, bytesPerHit: 1200, confirmed: false }),
      entry('/books/recent/', { index: 8, share: 0.28, bytesPerHit: 490, low: 320, high: 630, confirmed: true }),
    ],
  };
  const v = variantRecord('with-recent', { verdict: 'leak', attribution: a });
  const s = attributionSection(v, a);
  assert.deepEqual(
    s.rows.map((r) => [r.mark, r.confirmed]),
    [
      ['', 'no'],
      ['→', 'yes'],
    ],
  );
  assert.match(
    attributionNote(v) ?? '',
    /^Grows with GET \/books\/recent\/: 490 B\/hit .*28 % of the growth, confirmed by isolation: yes\.$/,
  );
});

test("a confirmed entry's share is isolation's measure: beside the estimate's in the table, alone in the note", () => {
  const a: VariantAttribution = {
    ...clear,
    clearCut: false,
    unresolvedShare: 0.14,
    lagSamples: 4,
    entries: [
      entry('/books/recent/', {
        index: 8,
        share: 0.56,
        bytesPerHit: 812,
        low: 366,
        high: 1099,
        confirmed: true,
        isolatedShare: 0.86,
      }),
      entry('/books/', { index: 1, share: 0.28, bytesPerHit: 408, low: 143, high: 641 }),
    ],
  };
  const v = variantRecord('with-recent', { verdict: 'leak', attribution: a });
  const s = attributionSection(v, a);
  assert.equal(s.rows[0]!.share, '56 % (alone 86 %)');
  assert.equal(s.rows[1]!.share, '28 %');
  assert.ok(
    s.notes.some((n) => /^14 % of the fitted growth went with entries whose interval reaches 0/.test(n)),
    s.notes.join('\n'),
  );
  assert.ok(s.notes.some((n) => /averaged over the last 4 samples/.test(n)));
  assert.match(attributionNote(v) ?? '', /86 % of the growth \(isolation\), confirmed by isolation: yes\.$/);
});

test('isolatedGrowthShare: alone at its part of the traffic over the mix, within 0..1', () => {
  assert.equal(isolatedGrowthShare({ aloneSlope: 1447.57, mixSlope: 209.87, trafficShare: 0.125 }).toFixed(2), '0.86');
  assert.equal(isolatedGrowthShare({ aloneSlope: 4000, mixSlope: 100, trafficShare: 0.5 }), 1);
  assert.equal(isolatedGrowthShare({ aloneSlope: -20, mixSlope: 100, trafficShare: 0.5 }), 0);
  assert.equal(isolatedGrowthShare({ aloneSlope: 100, mixSlope: 0, trafficShare: 0.5 }), 0);
});
