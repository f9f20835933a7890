// The live view in real headless Chromium: a real run (global-list leaky, real Gunicorn) drawn
// as it happens, then the same run replayed at 10×. Screenshots go to /tmp for the record.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns } from './cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const skip = existsSync(CHROMIUM) ? false : `no browser at ${CHROMIUM} (apt-get install chromium)`;
const SHOTS = { live: '/tmp/leaklab-live-midrun.png', replay: '/tmp/leaklab-replay-10x.png' };

interface PageState {
  points: number;
  restarts: number;
  verdicts: Record<string, { verdict: string; final?: boolean }>;
  verdictLog: { verdict: string; final?: boolean }[];
  ended: { status: string; report?: string } | null;
}
const state = (page: Page) =>
  page.evaluate((): PageState => {
    const { points, restarts, verdicts, verdictLog, ended } = (window as unknown as { leaklabLive: PageState }).leaklabLive;
    return { points, restarts, verdicts, verdictLog, ended };
  });

/** Resolves with the address the command prints. */
function addressOf(): { onStderr: (text: string) => void; url: Promise<string> } {
  let found: (u: string) => void = () => {};
  const url = new Promise<string>((r) => {
    found = r;
  });
  return {
    url,
    onStderr: (text) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
      if (m) found(m[1]!);
    },
  };
}

/** A page that may load only from the live server: anything else is aborted and recorded. */
async function openPage(browser: Browser, url: string): Promise<{ page: Page; foreign: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(url)) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(url);
  return { page, foreign };
}

const out = scratchDir('e2e-live');

test('run --live: the curve grows while the storm runs, the running verdict appears, then the report', {
  skip,
  timeout: 60_000,
}, async (t) => {
  const address = addressOf();
  const run = leaklab(['run', 'global-list', '--variant', 'leaky', '--duration', '12s', '--live', '--out', out], {
    timeoutMs: 58_000,
    onStderr: address.onStderr,
  });
  const url = await Promise.race([address.url, run.then((r) => assert.fail(`exited first:\n${r.stderr}`))]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const { page, foreign } = await openPage(browser, url);
    await page.waitForFunction(() => (window as unknown as { leaklabLive: PageState }).leaklabLive.points > 0, null, {
      timeout: 30_000,
    });
    const first = (await state(page)).points;
    await page.waitForTimeout(3000);
    const later = await state(page);
    t.diagnostic(`points: ${first} at first, ${later.points} 3 s later`);
    assert.ok(later.points > first, `more points after 3 s (${first} → ${later.points})`);
    assert.equal(later.ended, null, 'still running');
    await page.screenshot({ path: SHOTS.live });
    // The running verdict, while the storm runs (the live judge evaluates every 2 s of samples after warm-up).
    await page.waitForFunction(
      () => (window as unknown as { leaklabLive: PageState }).leaklabLive.verdictLog.some((v) => !v.final),
      null,
      { timeout: 20_000 },
    );
    const running = (await state(page)).verdictLog.find((v) => !v.final)!;
    t.diagnostic(`first running verdict: ${JSON.stringify(running)}`);
    assert.match((await page.locator('li[data-variant="leaky"] .verdict').textContent()) ?? '', /running verdict|undecided|leak/);
    // At the end: the final verdict, then the page switches to the finished report.
    await page.waitForURL(/\/runs\/.+\/report\.html$/, { timeout: 30_000 });
    assert.match(await page.title(), /global list/i);
    assert.deepEqual(foreign, [], 'nothing loaded from anywhere else');
  } finally {
    await browser.close();
  }
  const r = await run;
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr}`);
  assert.match(r.stderr, /live view at http:\/\/127\.0\.0\.1:\d+\//);
  assert.deepEqual(leftoverGunicorns(out), []);
  await assert.rejects(fetch(url), 'the server is closed when the run ends');
});

test('replay --speed 10: the recorded run plays in about a tenth of its time and ends with its verdict and report', {
  skip,
  timeout: 60_000,
}, async (t) => {
  const runDir = join(out, 'latest');
  assert.ok(existsSync(join(runDir, 'report.html')), 'the run of the test above');
  const address = addressOf();
  const replay = leaklab(['replay', runDir, '--speed', '10', '--once'], { timeoutMs: 50_000, onStderr: address.onStderr });
  const url = await address.url;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const { page, foreign } = await openPage(browser, url);
    const started = Date.now();
    await page.waitForFunction(() => (window as unknown as { leaklabLive: PageState }).leaklabLive.points > 0);
    const first = (await state(page)).points;
    // Mid-replay, once the running verdict shows (or at the end, on a machine too slow to catch it).
    await page.waitForFunction(() => {
      const live = (window as unknown as { leaklabLive: PageState }).leaklabLive;
      return live.ended !== null || live.verdictLog.some((v) => !v.final);
    });
    await page.screenshot({ path: SHOTS.replay });
    await page.waitForFunction(() => (window as unknown as { leaklabLive: PageState }).leaklabLive.ended !== null, null, {
      timeout: 20_000,
    });
    const playedMs = Date.now() - started;
    const end = await state(page);
    t.diagnostic(`points: ${first} at first, ${end.points} at the end; played in ${playedMs} ms`);
    assert.ok(end.points > first, `more points at the end (${first} → ${end.points})`);
    // A 12 s storm at 10×: about 1.2 s of playback; a loaded machine and the browser add some.
    assert.ok(playedMs < 6000, `played in ${playedMs} ms`);
    assert.ok(
      end.verdictLog.some((v) => !v.final),
      `the running verdict is replayed too: ${JSON.stringify(end.verdictLog)}`,
    );
    assert.equal(end.verdicts.leaky?.verdict, 'leak');
    assert.equal(end.verdicts.leaky?.final, true);
    assert.match((await page.locator('li[data-variant="leaky"]').textContent()) ?? '', /leak \(\d+ %\) ✓/);
    await page.waitForURL(/\/report\.html$/, { timeout: 10_000 });
    assert.deepEqual(foreign, []);
  } finally {
    await browser.close();
  }
  const r = await replay;
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr}`);
});
