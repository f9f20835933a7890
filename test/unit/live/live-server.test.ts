// The live server on real loopback sockets: the page and vega's files served from node_modules,
// history then live messages on the stream, loopback names only, and the port closed after.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { startLiveServer } from '../../../src/live/live-server.ts';
import { startLiveSession, vegaAssets } from '../../../src/live/live-session.ts';
import { runRecord, variantRecord } from '../fixtures/records.ts';

function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, ...(host ? { headers: { host } } : {}) }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads the event stream until `until` holds of what arrived, then drops the connection. */
async function readEvents(url: string, until: (text: string) => boolean): Promise<string> {
  const stop = new AbortController();
  const res = await fetch(`${url}events`, { signal: stop.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body!.getReader();
  let text = '';
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  stop.abort();
  return text;
}

test('serves the page and vega builds on 127.0.0.1, streams history then new messages, refuses other hosts', async () => {
  const server = await startLiveServer({ assets: vegaAssets() });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(server.url);
    assert.equal(page.status, 200);
    assert.match(page.body, /<script src="\/assets\/vega\.min\.js">/);
    assert.doesNotMatch(page.body, /https?:\/\/(?!127\.0\.0\.1)/, 'nothing from elsewhere');
    const vega = await get(`${server.url}assets/vega.min.js`);
    assert.equal(vega.status, 200);
    assert.ok(vega.body.length > 100_000 && vega.body.includes('changeset'));
    assert.ok((await get(`${server.url}assets/vega-lite.min.js`)).body.includes('compile'));
    assert.equal((await get(`${server.url}../package.json`)).status, 404);
    assert.equal((await get(server.url, 'rebound.example:80')).status, 403, 'DNS rebinding: a foreign Host is refused');

    server.publish({ type: 'variant', name: 'old' });
    server.publish({ type: 'run', scenario: 's', title: 's', variants: [], spec: {} as never });
    server.publish({ type: 'variant', name: 'leaky' });
    const history = readEvents(server.url, (t) => t.includes('"fixed"'));
    await new Promise((r) => setTimeout(r, 100));
    server.publish({ type: 'variant', name: 'fixed' });
    const text = await history;
    assert.ok(!text.includes('"old"'), 'a new run starts the history afresh');
    assert.ok(text.indexOf('"run"') < text.indexOf('"leaky"') && text.indexOf('"leaky"') < text.indexOf('"fixed"'));
  } finally {
    await server.close();
  }
  await assert.rejects(get(server.url), /ECONNREFUSED/, 'closed');
});

test('a session serves the finished report and closes at once when nobody watched', async () => {
  const live = await startLiveSession();
  live.observer.runStart?.({ scenario: 's', runId: 'r1', variants: [{ name: 'leaky' }] });
  live.observer.runEnd?.(runRecord('s', [variantRecord('leaky', { verdict: 'leak' })], { runId: 'r1' }), import.meta.filename);
  const report = await get(`${live.url}runs/r1/report.html`);
  assert.equal(report.status, 200);
  assert.ok(report.body.includes('a session serves the finished report'));
  const started = Date.now();
  await live.finish({ lingerMs: 5000 });
  assert.ok(Date.now() - started < 1000, 'no viewer: no lingering');
  await assert.rejects(get(live.url), /ECONNREFUSED/);
});

test('a port in use is bad input naming it', async () => {
  const first = await startLiveServer({ assets: vegaAssets() });
  try {
    await assert.rejects(startLiveServer({ assets: vegaAssets(), port: first.port }), (err: Error & { exitCode?: number }) => {
      assert.match(err.message, new RegExp(`port ${first.port} of 127.0.0.1 cannot be used \\(EADDRINUSE\\)`));
      assert.equal(err.exitCode, 2);
      return true;
    });
  } finally {
    await first.close();
  }
});

test('a replay waits for its page: the clock starts when the page says its chart is built', async () => {
  const server = await startLiveServer({
    assets: vegaAssets(),
    playback: async (send, _query, _signal, ready) => {
      send({ type: 'variant', name: 'before-ready' });
      await ready;
      send({ type: 'variant', name: 'after-ready' });
    },
  });
  try {
    const stop = new AbortController();
    const res = await fetch(`${server.url}events?viewer=v1`, { signal: stop.signal });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('before-ready')) text += new TextDecoder().decode((await reader.read()).value);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(!text.includes('after-ready'), 'nothing more before /ready');
    assert.equal((await get(`${server.url}ready?viewer=someone-else`)).status, 204);
    assert.equal((await get(`${server.url}ready?viewer=v1`)).status, 204);
    while (!text.includes('event: done')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    assert.ok(text.indexOf('after-ready') < text.indexOf('event: done'));
    stop.abort();
  } finally {
    await server.close();
  }
});
