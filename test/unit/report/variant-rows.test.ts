// The one table model behind the terminal, summary.md and report.html: each column, each note,
// and the three formatters showing the same thing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from '../../../src/report/escape-html.ts';
import { renderHtml } from '../../../src/report/html.ts';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { renderTerminalTable } from '../../../src/report/terminal.ts';
import {
  COLUMNS,
  markdownCells,
  type NoteKind,
  rowCells,
  type VariantRow,
  variantRows,
} from '../../../src/report/variant-rows.ts';
import type { RunRecord } from '../../../src/run-data/run-record.ts';
import type { Verdict } from '../../../src/run-data/types.ts';
import { lostProbe, notRunRecord, SNAPSHOT_PROBE } from '../fixtures/records.ts';
import { fixtureEvents, fixtureRun } from './fixtures.ts';

const SNAP = SNAPSHOT_PROBE;
const LOST = lostProbe('/x/');

const notRun = (name: string, status: 'skipped' | 'failed', reason: string) => notRunRecord(name, { status, reason }, 'flat');

/** The fixture run with every kind of note somewhere: warnings, probes, services, a skip and a failure. */
function fullRun(): RunRecord {
  const run = fixtureRun();
  run.variants[0]!.probes = [SNAP, LOST];
  run.variants[0]!.warnings = ['gunicorn.conf.py: unknown setting "max_request"'];
  run.variants[1]!.services = [{ service: 'redis', source: 'started', detail: 'started redis-server 7.0.15 on 127.0.0.1:40123' }];
  run.variants.push(notRun('ttl-redis', 'skipped', 'needs Redis: set REDIS_URL'));
  run.variants.push(notRun('broken', 'failed', 'the app did not start (see logs/broken-gunicorn.log)\nTraceback line 1'));
  return run;
}

const byName = (rows: VariantRow[], name: string) => rows.find((r) => r.record.name === name)!;
const kinds = (r: VariantRow): NoteKind[] => r.notes.map((n) => n.kind);

test('ten columns in a fixed order, text left, the mark centred, figures right', () => {
  assert.deepEqual(
    COLUMNS.map((c) => `${c.header}:${c.align}`),
    [
      'variant:left',
      'verdict:left',
      'expected:left',
      'ok:center',
      'slope/worker:right',
      'growth/worker:right',
      'requests:right',
      'req/s:right',
      'errors:right',
      'restarts:right',
    ],
  );
});

test('a judged variant: verdict with confidence, expectation, mark, slope ± interval, growth, load figures', () => {
  const rows = variantRows(fixtureRun(), fixtureEvents());
  assert.deepEqual(rowCells(byName(rows, 'leaky')), [
    'leaky',
    'leak (97 %)',
    'leak',
    '✓',
    '3.1 KiB/req ± 315 B',
    '59 MiB',
    '40,000',
    '5,123',
    '0',
    '0',
  ]);
  assert.deepEqual(rowCells(byName(rows, 'fixed')).slice(0, 4), ['fixed', 'bounded (97 %)', 'flat', '✗']);
  assert.equal(byName(rows, 'fixed').cells.errors, '3');
});

test('restarts say their causes, from the analysis or else from the events', () => {
  const rows = variantRows(fixtureRun(), fixtureEvents());
  assert.equal(byName(rows, 'leaky-max-requests').cells.restarts, '6 (max_requests ×6)');
  const run = fixtureRun();
  const saw = run.variants[2]!;
  delete saw.analysis;
  saw.status = 'failed';
  saw.error = 'too many errors';
  assert.equal(byName(variantRows(run, fixtureEvents()), 'leaky-max-requests').cells.restarts, '6 (max_requests ×6)');
});

test('a skipped variant: dashes for every figure, and one note saying why', () => {
  const row = byName(variantRows(fullRun()), 'ttl-redis');
  assert.deepEqual(rowCells(row), ['ttl-redis', 'skipped', 'flat', '—', '—', '—', '—', '—', '—', '—']);
  assert.deepEqual(row.notes, [{ kind: 'skipped', text: 'Skipped: needs Redis: set REDIS_URL' }]);
});

test('a failed variant: its load figures still show, its error is the first note, whole', () => {
  const row = byName(variantRows(fullRun()), 'broken');
  assert.deepEqual(rowCells(row), ['broken', 'failed', 'flat', '—', '—', '—', '0', '0.0', '0', '0']);
  assert.equal(row.notes[0]!.kind, 'failed');
  assert.equal(row.notes[0]!.text, 'Failed: the app did not start (see logs/broken-gunicorn.log)\nTraceback line 1');
});

test('notes in order: expectation missed, warnings, explanation, load, probes, services', () => {
  const rows = variantRows(fullRun());
  assert.deepEqual(kinds(byName(rows, 'leaky')), ['warning', 'explanation', 'load', 'probe', 'probe']);
  assert.deepEqual(kinds(byName(rows, 'fixed')), ['expectation', 'explanation', 'load', 'services']);
  const fixed = byName(rows, 'fixed').notes;
  assert.equal(fixed[0]!.text, 'Expected flat, got bounded.');
  assert.equal(fixed[3]!.text, 'Services: redis started redis-server 7.0.15 on 127.0.0.1:40123.');
  assert.equal(byName(rows, 'leaky').notes[0]!.text, '⚠ gunicorn.conf.py: unknown setting "max_request"');
});

test('a probe note names its saved answer; one that got no answer names no file', () => {
  const probes = byName(variantRows(fullRun()), 'leaky').notes.filter((n) => n.kind === 'probe');
  assert.equal(probes[0]!.file, 'probes/leaky-snapshot.json');
  assert.match(probes[0]!.text, /^probe after the storm: GET \/leaks\/diagnose\/snapshot\/ → HTTP 200 from worker 4242/);
  assert.equal(probes[1]!.file, undefined);
  assert.match(probes[1]!.text, /got no answer \(connect ECONNREFUSED\)/);
});

test('a verdict added later (inconclusive) shows as it is, in every output, with no edit to the formatters', () => {
  const run = fixtureRun();
  const v = run.variants[1]!;
  v.verdict = 'inconclusive' as Verdict;
  v.expectationMet = false;
  const row = byName(variantRows(run), 'fixed');
  assert.equal(row.cells.verdict, 'inconclusive (97 %)');
  assert.equal(row.notes[0]!.text, 'Expected flat, got inconclusive.');
  assert.match(renderTerminalTable(run, { color: true }), /inconclusive \(97 %\)/);
  assert.match(renderMarkdown(run), /\| inconclusive \(97 %\) \|/);
  assert.match(renderHtml(run, '<svg></svg>'), /<td class="left">inconclusive \(97 %\)<\/td>/);
});

test('terminal, summary.md and report.html show the same cells and the same notes', () => {
  const run = fullRun();
  const events = fixtureEvents();
  const rows = variantRows(run, events);
  const term = renderTerminalTable(run, { color: false, width: 200 }, events);
  const md = renderMarkdown(run, events);
  const html = renderHtml(run, '<svg></svg>', events);
  const mdRows = md
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .slice(2);
  const mdEsc = (s: string) =>
    s
      .replace(/\s*\n\s*/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
  for (const [i, r] of rows.entries()) {
    const cells = rowCells(r);
    const termRow = term.split('\n').find((l) => l.startsWith(`${r.record.name} `))!;
    assert.deepEqual(
      termRow.split(/ {2,}/).map((c) => c.trim()),
      cells,
      `terminal row ${r.record.name}`,
    );
    // summary.md drops req/s and the restart causes for width; they are in its notes.
    assert.deepEqual(
      mdRows[i]!.slice(2, -2)
        .split(' | ')
        .filter((_, k) => k !== 3),
      markdownCells(r).filter((_, k) => k !== 3),
      `summary.md row ${r.record.name}`,
    );
    for (const c of cells) assert.ok(html.includes(`>${escapeHtml(c)}<`), `report.html cell ${c}`);
    for (const n of r.notes) {
      const firstLine = n.text.split('\n')[0]!;
      assert.ok(term.includes(`  ${firstLine}`), `terminal note ${firstLine}`);
      // A failed variant's error: its first line as the note, the rest in a fenced block under it.
      if (n.kind === 'failed') assert.ok(md.includes(`- ${mdEsc(firstLine)}\n\n\`\`\`text\n`), `summary.md note ${n.text}`);
      else assert.ok(md.includes(`- ${mdEsc(n.text)}`), `summary.md note ${n.text}`);
      // The card shows the expectation and the load in elements of their own.
      if (n.kind !== 'expectation' && n.kind !== 'load')
        assert.ok(html.includes(escapeHtml(n.text)), `report.html note ${n.text}`);
    }
  }
});

test('summary.md swaps the marks for emoji; report.html links probe answers and variant cards', () => {
  const run = fullRun();
  const md = renderMarkdown(run);
  assert.match(md, /\| leaky \| leak \(97 %\) \| leak \| ✅ \|/);
  assert.match(md, /\| fixed \| bounded \(97 %\) \| flat \| ❌ \|/);
  assert.match(md, /\| :-- \| :-- \| :-- \| :-: \| --: \| --: \| --: \| --: \| --: \|\n/);
  const html = renderHtml(run, '<svg></svg>');
  assert.ok(html.includes('<a href="probes/leaky-snapshot.json">probes/leaky-snapshot.json</a>'));
  assert.ok(html.includes('<a href="#variant-leaky">leaky</a>'));
  assert.ok(html.includes('<th scope="col" class="right">restarts</th>'));
  assert.ok(html.includes('<p class="reason">Failed: the app did not start'));
});

test('report.html: a failed variant that stormed still shows its load figures on its card', () => {
  const run = fixtureRun();
  Object.assign(run.variants[1]!, { status: 'failed', error: '60 % of requests failed' });
  delete run.variants[1]!.analysis;
  const card = renderHtml(run, '<svg></svg>')
    .split('<article')
    .find((c) => c.includes('id="variant-fixed"'))!;
  assert.ok(card.includes('<th scope="row">latency</th><td>p50 1.2 ms · p90 2.1 ms · p99 4.8 ms</td>'), card);
  assert.ok(card.includes('<p class="reason">Failed: 60 % of requests failed</p>'));
});

test('terminal: the failure detail after its first line stays out of the table notes', () => {
  const term = renderTerminalTable(fullRun(), { color: false, width: 200 });
  assert.match(term, /broken \(failed\)\n {2}Failed: the app did not start \(see logs\/broken-gunicorn\.log\)\n\n/);
  assert.doesNotMatch(term, /Traceback line 1/);
});
