// End-to-end: the storm runs in its worker thread against in-process Node servers.

import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { runStorm, runStormMeasured } from '../../../src/load/storm.ts';
import type { StormProgress } from '../../../src/load/types.ts';
import { type Mode, startServer, stormTarget } from './test-servers.ts';

for (const mode of ['keep-alive', 'close'] as Mode[]) {
  test(`${mode}: exactly \`amount\` responses, 404s counted apart`, async () => {
    const srv = await startServer(mode);
    try {
      const progress: StormProgress[] = [];
      const stats = await runStorm({
        ...stormTarget(srv, mode === 'keep-alive'),
        connections: 4,
        amount: 1500,
        requests: [
          { method: 'GET', path: '/ok/{seq}', weight: 2 },
          { method: 'GET', path: '/missing/{rand:1:100}', weight: 1 },
          { method: 'GET', path: '/chunked', weight: 1 },
        ],
        onProgress: (p) => progress.push(p),
      });
      assert.equal(stats.requests, 1500);
      assert.equal(stats.errors, 0);
      assert.equal(stats.timeouts, 0);
      const served = [...srv.seen.values()].reduce((a, b) => a + b, 0);
      assert.equal(served, 1500, 'no extra request was sent');
      assert.equal(stats.statusCodes['404'], srv.seen.get('missing'));
      assert.equal((stats.statusCodes['200'] ?? 0) + (stats.statusCodes['404'] ?? 0), 1500);
      assert.ok((srv.seen.get('missing') ?? 0) > 250, 'the weights gave /missing about a quarter');
      assert.ok(
        stats.latencyMs.p50 > 0 && stats.latencyMs.p50 <= stats.latencyMs.p99 && stats.latencyMs.p99 <= stats.latencyMs.max,
      );
      assert.ok(stats.requestsPerSecond > 0);
      assert.match(stats.engine, mode === 'keep-alive' ? /keep-alive/ : /connection per request/);
      assert.equal(progress.at(-1)?.requests, 1500, 'the last progress message has the final count');
    } finally {
      await srv.close();
    }
  });
}

test('keep-alive connections are reused, and replaced after about connectionMaxAgeMs', async () => {
  const srv = await startServer('keep-alive');
  try {
    const base = {
      ...stormTarget(srv, true),
      connections: 2,
      requests: [{ method: 'GET', path: '/ok' }],
    };
    const reused = await runStorm({ ...base, durationMs: 300 });
    assert.ok(reused.requests > 100);
    assert.equal(srv.connections(), 2, 'one connection each for a storm shorter than the max age');
    const { stats } = await runStormMeasured({ ...base, durationMs: 800, connectionMaxAgeMs: 50 });
    const redealt = srv.connections() - 2;
    // Ages are 25-75 ms: 2 connections over 800 ms make about 20-60 of them.
    assert.ok(redealt >= 12 && redealt <= 80, `connections opened: ${redealt}`);
    assert.equal(stats.errors, 0);
  } finally {
    await srv.close();
  }
});

test('the net.Socket fallback gives the same counts', async () => {
  const srv = await startServer('close');
  try {
    const { stats } = await runStormMeasured({
      ...stormTarget(srv, false),
      connections: 3,
      amount: 300,
      requests: [
        { method: 'GET', path: '/ok' },
        { method: 'GET', path: '/missing' },
      ],
      transport: 'net',
    });
    assert.equal(stats.requests, 300);
    assert.equal(stats.statusCodes['200']! + stats.statusCodes['404']!, 300);
    assert.match(stats.engine, /^net-socket/);
  } finally {
    await srv.close();
  }
});

test('a server dying mid-storm gives errors, and the storm still ends with its stats', async () => {
  const srv = await startServer('keep-alive');
  let closed = false;
  const stats = await runStorm({
    ...stormTarget(srv, true),
    connections: 4,
    durationMs: 1200,
    requests: [{ method: 'GET', path: '/ok' }],
    onProgress: (p) => {
      if (!closed && p.requests > 200) {
        closed = true;
        void srv.close();
      }
    },
  });
  assert.ok(closed, 'the server was closed during the storm');
  assert.ok(stats.requests > 200);
  assert.ok(stats.errors > 0, 'refused connections count as errors');
  // Backoff on ECONNREFUSED: 4 connections over ~1 s may fail tens of times, not thousands.
  assert.ok(stats.errors < 200, `errors: ${stats.errors} (a hot loop would make thousands)`);
  assert.ok(stats.durationMs >= 1150 && stats.durationMs < 2000, `duration ${stats.durationMs}`);
});

test('connections refused from the start back off instead of spinning', async () => {
  const port = await freePort();
  const stats = await runStorm({
    host: '127.0.0.1',
    port,
    keepAlive: false,
    connections: 2,
    durationMs: 600,
    requests: [{ method: 'GET', path: '/' }],
  });
  assert.equal(stats.requests, 0);
  assert.ok(stats.errors >= 2 && stats.errors < 40, `errors: ${stats.errors}`);
});

test('a request with no answer times out and counts as an error', async () => {
  const srv = await startServer('keep-alive');
  try {
    const stats = await runStorm({
      ...stormTarget(srv, true),
      connections: 2,
      durationMs: 700,
      timeoutMs: 200,
      requests: [{ method: 'GET', path: '/hang' }],
    });
    assert.equal(stats.requests, 0);
    assert.ok(stats.timeouts >= 2, `timeouts: ${stats.timeouts}`);
    assert.equal(stats.errors, stats.timeouts);
  } finally {
    await srv.close();
  }
});

test('abort stops the storm promptly and returns the stats so far', async () => {
  const srv = await startServer('keep-alive');
  try {
    const ac = new AbortController();
    let abortedAt = 0;
    const stats = await runStorm({
      ...stormTarget(srv, true),
      connections: 4,
      durationMs: 60_000,
      requests: [{ method: 'GET', path: '/ok' }],
      signal: ac.signal,
      onProgress: (p) => {
        if (abortedAt === 0 && p.elapsedMs >= 400) {
          abortedAt = performance.now();
          ac.abort();
        }
      },
    });
    const lag = performance.now() - abortedAt;
    assert.ok(abortedAt > 0);
    assert.ok(lag < 150, `stopped ${lag.toFixed(0)} ms after abort`);
    assert.ok(stats.requests > 0);
    assert.ok(stats.durationMs < 2000);
  } finally {
    await srv.close();
  }
});

test('a storm aborted before it starts returns empty stats', async () => {
  const ac = new AbortController();
  ac.abort();
  const stats = await runStorm({
    host: '127.0.0.1',
    port: 9,
    keepAlive: true,
    connections: 1,
    durationMs: 10_000,
    requests: [{ method: 'GET', path: '/' }],
    signal: ac.signal,
  });
  assert.equal(stats.requests, 0);
  assert.ok(stats.durationMs < 1000);
});

test('bad options reject the promise', async () => {
  await assert.rejects(
    runStorm({ host: '127.0.0.1', port: 1, keepAlive: true, connections: 1, requests: [{ method: 'GET', path: '/' }] }),
    /durationMs or amount/,
  );
  await assert.rejects(
    runStorm({
      host: '127.0.0.1',
      port: 1,
      keepAlive: true,
      connections: 1,
      amount: 1,
      requests: [{ method: 'GET', path: '/{nope}' }],
    }),
    /unknown token/,
  );
});

test('runStormMeasured reports the CPU the storm used', async () => {
  const srv = await startServer('keep-alive');
  try {
    const { stats, cpuMs } = await runStormMeasured({
      ...stormTarget(srv, true),
      connections: 2,
      amount: 200,
      requests: [{ method: 'GET', path: '/ok' }],
    });
    assert.equal(stats.requests, 200);
    assert.ok(cpuMs > 0);
  } finally {
    await srv.close();
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
