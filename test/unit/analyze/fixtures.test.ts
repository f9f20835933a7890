// Real recorded series replayed through the analysis (see fixtures/README.md).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeVariant } from '../../../src/analyze/analyze-variant.ts';
import { formatSampleRow, SAMPLES_HEADER } from '../../../src/run-data/samples-csv.ts';
import { scratchDir } from '../../scratch.ts';
import { loadFixtures, variantData } from './fixtures.ts';
import { combine, linearLeak, simulateVariant, warmupBump } from './synthetic.ts';

const fixtures = loadFixtures();
if (fixtures.length === 0)
  test('recorded series', { skip: 'no recorded fixtures yet (see test/unit/analyze/fixtures/README.md)' }, () => {});
for (const f of fixtures) {
  for (const [variant, expected] of Object.entries(f.expected)) {
    test(`recorded ${f.name} / ${variant} is ${expected}`, () => {
      const { samples, events } = variantData(f, variant);
      assert.ok(samples.length > 0, `no samples for variant ${variant}`);
      const a = analyzeVariant(samples, events, { thresholds: f.thresholds, metric: f.metric });
      assert.equal(a.verdict, expected, a.explanation.join('\n'));
    });
  }
}

test('the fixture loader reads a run directory and falls back to run.json expectations', () => {
  const root = scratchDir('analyze-fixture');
  try {
    const dir = join(root, 'tiny');
    mkdirSync(dir);
    const leak = simulateVariant({
      seed: 1,
      variant: 'leaky',
      growth: combine(warmupBump(), linearLeak(2700)),
      durationMs: 5000,
    });
    const rows = [SAMPLES_HEADER, ...leak.samples.map((s) => formatSampleRow(s))].join('\n');
    writeFileSync(join(dir, 'samples.csv'), `${rows}\n`);
    writeFileSync(join(dir, 'events.jsonl'), `${leak.events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ variants: [{ name: 'leaky', expected: 'leak' }, { name: 'other' }] }));
    const [f] = loadFixtures(root);
    assert.equal(f!.name, 'tiny');
    assert.deepEqual(f!.expected, { leaky: 'leak' });
    const { samples, events } = variantData(f!, 'leaky');
    assert.deepEqual(samples, leak.samples);
    assert.equal(events.length, leak.events.length);
    assert.equal(analyzeVariant(samples, events).verdict, 'leak');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
