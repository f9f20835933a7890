import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartData } from '../../../src/report/chart-data.ts';
import { leakCurveSpec } from '../../../src/report/leak-curve-spec.ts';
import { svgToPng } from '../../../src/report/render-png.ts';
import { specToSvg } from '../../../src/report/render-svg.ts';
import { fixtureRun, fixtureSamples } from './fixtures.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const svgOf = (run = fixtureRun()) => specToSvg(leakCurveSpec(run, chartData(fixtureSamples())));

test('the SVG draws the axis titles, legend and title as text', async () => {
  const svg = await svgOf();
  assert.match(svg, /^<svg/);
  for (const text of ['requests served per worker', 'RSS (MiB)', 'variant', 'Global list leak', 'worker restarted']) {
    assert.ok(svg.includes(`>${text}</text>`), `missing text ${text}`);
  }
  assert.ok(svg.includes('>leaky-max-requests: sawtooth</text>'), 'legend label carries the verdict');
  assert.ok(svg.includes('>20k</text>'), 'x ticks in SI form');
});

test('the SVG escapes user text from the scenario', async () => {
  const svg = await svgOf(fixtureRun('<script>alert(1)</script> & more'));
  assert.ok(!svg.includes('<script>'));
  assert.ok(svg.includes('&lt;script&gt;'));
});

test('the PNG is a real, 2x, text-bearing image', async () => {
  const svg = await svgOf();
  const png = svgToPng(svg);
  assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
  assert.ok(png.length > 40_000, `${png.length} bytes`);
  const svgWidth = Number(/width="(\d+)"/.exec(svg)![1]);
  assert.equal(png.readUInt32BE(16), svgWidth * 2, 'IHDR width is twice the SVG width');
  // Without fonts resvg silently drops every glyph, and the image gets much smaller.
  const textless = svgToPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''));
  assert.ok(png.length > textless.length * 1.15, `${png.length} vs ${textless.length} without text`);
});
