// report.html in a real browser: it must open offline and show the chart and every verdict.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderAll } from '../../../src/report/index.ts';
import { fixtureEvents, fixtureRun, fixtureSamples } from './fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const skip = existsSync(CHROMIUM) ? false : `no browser at ${CHROMIUM} (apt-get install chromium)`;

test('report.html opens offline and shows the chart and each verdict', { skip, timeout: 90_000 }, async () => {
  const run = fixtureRun('<script>window.injected = true</script> claim');
  const { html } = await renderAll(run, fixtureSamples(), fixtureEvents());
  const dir = await mkdtemp(path.join(tmpdir(), 'leaklab-report-'));
  const file = path.join(dir, 'report.html');
  await writeFile(file, html);
  const pageUrl = pathToFileURL(file).href;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const requested: string[] = [];
    context.on('request', (r) => {
      if (r.url() !== pageUrl) requested.push(r.url());
    });
    // Anything but the page itself is aborted, so a stray reference can never reach a network.
    await context.route('**/*', (route) => (route.request().url() === pageUrl ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(pageUrl, { waitUntil: 'load' });

    assert.deepEqual(requested, [], 'the page loads nothing beyond itself');
    assert.equal(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected), undefined);
    assert.ok((await page.textContent('.claim'))!.includes('<script>'), 'scenario text shown as text');

    const chart = page.locator('figure.chart svg');
    assert.ok(await chart.isVisible());
    const box = (await chart.boundingBox())!;
    assert.ok(box.width > 600 && box.height > 200, `chart ${box.width}×${box.height}`);
    assert.ok(await page.locator('figure.chart svg text', { hasText: 'requests served per worker' }).isVisible());

    for (const v of run.variants) {
      const card = page.locator(`article[id="variant-${v.name}"]`);
      assert.ok(await card.isVisible(), `card ${v.name}`);
      assert.equal((await card.locator('.badge').textContent())?.trim(), v.verdict);
    }
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});
