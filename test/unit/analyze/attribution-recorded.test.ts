// Attribution on recorded runs of the bookshelf app, where a heavy view that keeps nothing
// (/report/, 24 MiB allocated and freed per request) used to take the growth of a slower leak:
// RSS shows kept memory only when that buffer next needs pages beyond it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { attributeGrowth, CLEAR_CUT_SHARE } from '../../../src/analyze/attribution.ts';
import { readEntryCounts } from '../../../src/run-data/entry-counts-csv.ts';
import { readSamplesCsv } from '../../../src/run-data/samples-csv.ts';
import type { MemoryMetric } from '../../../src/run-data/types.ts';

const ROOT = fileURLToPath(new URL('./attribution-recordings/', import.meta.url));

interface Meta {
  variant: string;
  metric: MemoryMetric;
  warmupEndByPid: Record<string, number>;
  mix: [string, string][];
  leaking: string;
  rawFitTop: { path: string; share: number };
}

function recorded(name: string) {
  const dir = join(ROOT, name);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
  const samples = readEntryCounts(join(dir, 'entry-counts.csv'), readSamplesCsv(join(dir, 'samples.csv'))).filter(
    (s) => s.variant === meta.variant,
  );
  return {
    meta,
    attribution: attributeGrowth({
      samples,
      warmupEndByPid: new Map(Object.entries(meta.warmupEndByPid).map(([pid, at]) => [Number(pid), at])),
      metric: meta.metric,
      mix: meta.mix.map(([method, path]) => ({ method, path })),
    }),
  };
}

for (const name of ['bookshelf-1', 'bookshelf-2']) {
  test(`${name}: the leaking strip is named clear-cut, not the heavy /report/ view the raw fit named`, () => {
    const { meta, attribution: a } = recorded(name);
    assert.equal(meta.rawFitTop.path, '/report/');
    const [top, ...rest] = a.entries;
    assert.equal(top?.path, meta.leaking);
    assert.ok(top.share >= CLEAR_CUT_SHARE, `share ${top.share}`);
    assert.equal(a.clearCut, true);
    // Its bytes per hit near what the strip alone measured (1.4 KiB/request), not the raw fit's 0.7.
    assert.ok(top.bytesPerHit > 900 && top.bytesPerHit < 1700, `${top.bytesPerHit} B/hit`);
    // Growth shows late here: the fit chose a lag, and /report/ is not told apart from zero.
    assert.ok((a.lagSamples ?? 0) > 0, `lag ${a.lagSamples}`);
    const report = rest.find((e) => e.path === '/report/');
    assert.equal(report?.low, 0);
    assert.equal(report?.share, 0);
  });
}
