// The before/after chart's spec: both runs on one set of axes, before dashed and after solid,
// verdicts in the legend, and each worker a line of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareChartSpec } from '../../../src/report/compare-chart.ts';
import { specToSvg } from '../../../src/report/render-svg.ts';
import type { Sample } from '../../../src/run-data/types.ts';

const MIB = 1024 * 1024;

function line(variant: string, pid: number, slot: number, mibPerKReq: number): Sample[] {
  return Array.from({ length: 20 }, (_, i) => ({
    tMs: i * 100,
    variant,
    pid,
    slot,
    requests: i * 500,
    rss: 40 * MIB + (i * 500 * mibPerKReq * MIB) / 1000,
    uss: null,
    pss: null,
  }));
}

const before = { verdict: 'flat', samples: [...line('fixed', 1, 0, 0), ...line('fixed', 2, 1, 0)] };
const after = { verdict: 'leak', samples: [...line('fixed', 3, 0, 5), ...line('fixed', 4, 1, 5)] };

type Layer = { data: { values: { run: string; line: string; mib: number }[] }; encoding: Record<string, any> };

test('one layer per run, the before run drawn last; one line per run and worker', () => {
  const spec = compareChartSpec('fixed', before, after) as unknown as { layer: Layer[]; title: { text: string } };
  assert.equal(spec.title.text, 'fixed: before and after');
  const [top, bottom] = [spec.layer[1]!, spec.layer[0]!];
  assert.deepEqual([...new Set(top.data.values.map((r) => r.run))], ['before: flat']);
  assert.deepEqual([...new Set(bottom.data.values.map((r) => r.run))], ['after: leak']);
  assert.deepEqual([...new Set(bottom.data.values.map((r) => r.line))], ['after fixed · worker 0', 'after fixed · worker 1']);
  assert.equal(top.encoding.detail.field, 'line');
});

test('the same y axis for both, spanning the after run’s growth; before dashed, after solid', () => {
  const spec = compareChartSpec('fixed', before, after) as unknown as { layer: Layer[] };
  const enc = spec.layer[0]!.encoding;
  const [lo, hi] = enc.y.scale.domain as [number, number];
  assert.ok(lo <= 40 && hi >= 40 + 9.5 * 5, `${lo}..${hi}`);
  assert.deepEqual(enc.strokeDash.scale.domain, ['before: flat', 'after: leak']);
  assert.deepEqual(enc.strokeDash.scale.range, [
    [6, 4],
    [1, 0],
  ]);
  assert.equal(enc.y.title, 'RSS (MiB)');
  assert.equal(
    (compareChartSpec('fixed', before, after, 'pss') as unknown as { layer: Layer[] }).layer[0]!.encoding.y.title,
    'PSS (MiB)',
  );
});

test('it renders to an SVG with both verdicts in the legend', async () => {
  const svg = await specToSvg(compareChartSpec('fixed', before, after));
  assert.match(svg, /^<svg/);
  for (const text of ['before: flat', 'after: leak', 'requests served per worker']) assert.ok(svg.includes(text), text);
});
