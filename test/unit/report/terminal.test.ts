import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTerminalTable, renderWrittenPaths } from '../../../src/report/terminal.ts';
import { fixtureRun } from './fixtures.ts';

const stripAnsi = (s: string) => s.replace(/\u001b\[\d+m/g, '');

test('one row per variant under a header, columns aligned', () => {
  // Wide enough for every column in full; the widths of real terminals are tested below.
  const lines = renderTerminalTable(fixtureRun(), { color: false, width: 200 }).split('\n');
  const [header, ...rest] = lines;
  const rows = rest.slice(0, 3);
  assert.match(
    header!,
    /^variant\s+verdict\s+expected\s+ok\s+slope\/worker\s+growth\/worker\s+requests\s+req\/s\s+errors\s+restarts$/,
  );
  assert.deepEqual(
    rows.map((r) => r.split(/\s+/)[0]),
    ['leaky', 'fixed', 'leaky-max-requests'],
  );
  // Left columns start where their header starts; right-aligned figures end where theirs ends.
  for (const col of ['verdict', 'expected', 'ok']) {
    const at = header!.indexOf(col);
    for (const r of rows) {
      assert.equal(r.slice(at - 2, at), '  ', `gap before ${col} in: ${r}`);
      assert.notEqual(r[at], ' ', `${col} starts under its header in: ${r}`);
    }
  }
  for (const col of ['requests', 'req/s', 'errors', 'restarts']) {
    const end = header!.indexOf(` ${col}`) + col.length;
    for (const r of rows) {
      assert.notEqual(r[end], ' ', `${col} figure ends under its header in: ${r}`);
      assert.ok(r[end + 1] === ' ' || r[end + 1] === undefined);
    }
  }
});

test('the failed expectation is marked and named', () => {
  const out = renderTerminalTable(fixtureRun(), { color: false });
  const fixed = out.split('\n').find((l) => l.startsWith('fixed'))!;
  assert.ok(fixed.includes('✗'));
  assert.ok(
    out
      .split('\n')
      .find((l) => l.startsWith('leaky '))!
      .includes('✓'),
  );
  assert.ok(out.includes('1 of 3 expectations failed: fixed (expected flat, got bounded)'));
});

test('colour adds escape codes without changing the layout', () => {
  const plain = renderTerminalTable(fixtureRun(), { color: false });
  const colored = renderTerminalTable(fixtureRun(), { color: true });
  assert.ok(colored.includes('\u001b[31mleak'), 'leak in red');
  assert.ok(!plain.includes('\u001b['));
  assert.equal(stripAnsi(colored), plain);
});

test('written paths line up after their labels', () => {
  const out = renderWrittenPaths([
    { label: 'summary', path: 'results/x/summary.md' },
    { label: 'report', path: 'results/x/report.html' },
  ]);
  assert.equal(out, '  summary  results/x/summary.md\n  report   results/x/report.html\n');
});

/** A run whose full table is ~140 columns: long variant names, restart causes, a wide interval. */
function wideRun() {
  const run = fixtureRun('a claim');
  run.variants = run.variants.map((v) => ({ ...v, name: `${v.name}-with-a-rather-long-name` }));
  return run;
}

for (const width of [100, 80]) {
  test(`at ${width} columns every line fits: the table gives up detail, the notes wrap`, () => {
    const full = renderTerminalTable(wideRun(), { color: false, width: 400 });
    assert.ok(Math.max(...full.split('\n').map((l) => [...l].length)) > width, 'the full table is wider');
    const out = renderTerminalTable(wideRun(), { color: false, width });
    for (const line of out.split('\n')) assert.ok([...line].length <= width, `${[...line].length}: ${line}`);
    const lines = out.split('\n');
    // Still one row per variant, the verdict and the mark whole.
    assert.ok(
      lines.some((l) => /^leaky-with.*leak \(97 %\) +(leak +)?✓/.test(l)),
      out,
    );
    assert.match(out, /Expected flat, got bounded\./);
    // What left a cell is said under the table: the restart causes.
    assert.match(out, /Restarts: 6 \(max_requests ×6\)\./);
    // Explanations wrap at word boundaries with their indent.
    const notes = lines.filter((l) => l.startsWith('  ') && l.trim().length > 0);
    assert.ok(notes.every((l) => !l.endsWith(' ')));
  });
}

test('at 100 columns the fixture table keeps every column but req/s, and shortens headers first', () => {
  const header = renderTerminalTable(fixtureRun(), { color: false, width: 100 }).split('\n')[0]!;
  assert.match(header, /^variant\s+verdict\s+expect\s+ok\s+slope\s+growth\s+req\s+(req\/s\s+)?errors\s+restarts$/);
});

test('at 80 columns long variant names are cut with … rather than wrapping the row', () => {
  const out = renderTerminalTable(wideRun(), { color: false, width: 80 });
  assert.match(out, /^leaky-with\S*… {2}/m);
});
