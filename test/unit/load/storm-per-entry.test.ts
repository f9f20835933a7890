// The storm's counts per mix entry, against in-process servers: exact, since they will say which
// endpoint a leak grows with. Each entry has its own query, so the server's own count per path
// key is the truth to compare with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runStorm } from '../../../src/load/storm.ts';
import { type Mode, startServer, stormTarget } from './test-servers.ts';

for (const mode of ['keep-alive', 'close'] as Mode[]) {
  test(`${mode}: every response is counted under the entry it was sent for, with its status`, async () => {
    const srv = await startServer(mode);
    try {
      const stats = await runStorm({
        ...stormTarget(srv, mode === 'keep-alive'),
        connections: 4,
        amount: 1200,
        requests: [
          { method: 'GET', path: '/ok?{seq}', weight: 3 },
          { method: 'GET', path: '/missing?declared', status: 404, weight: 1 },
          { method: 'GET', path: '/missing?undeclared', weight: 1 },
          { method: 'GET', path: '/chunked?x', status: [200, 204], weight: 1 },
        ],
      });
      const [ok, declared, undeclared, chunked] = stats.perEntry ?? [];
      assert.equal(stats.requests, 1200);
      assert.equal(
        ok?.requests,
        [...srv.seen].filter(([k]) => k.startsWith('ok?')).reduce((a, [, n]) => a + n, 0),
      );
      assert.equal(declared?.requests, srv.seen.get('missing?declared'));
      assert.equal(undeclared?.requests, srv.seen.get('missing?undeclared'));
      assert.equal(chunked?.requests, srv.seen.get('chunked?x'));
      assert.equal(
        (ok?.requests ?? 0) + (declared?.requests ?? 0) + (undeclared?.requests ?? 0) + (chunked?.requests ?? 0),
        1200,
      );
      assert.deepEqual(declared?.statusCodes, { '404': declared?.requests });
      assert.equal(declared?.unexpected, 0, 'a 404 the entry asked for is no failure');
      assert.equal(undeclared?.unexpected, undeclared?.requests, 'a 404 nobody asked for is');
      assert.ok((undeclared?.requests ?? 0) > 100, `the weights gave it about a sixth: ${undeclared?.requests}`);
      assert.equal(ok?.unexpected, 0);
      assert.equal(chunked?.unexpected, 0);
      assert.deepEqual([ok?.path, declared?.status, ok?.status, chunked?.status], ['/ok?{seq}', [404], undefined, [200, 204]]);
      assert.deepEqual(stats.statusCodes, {
        '200': (ok?.requests ?? 0) + (chunked?.requests ?? 0),
        '404': srv.seen.get('missing?declared')! + srv.seen.get('missing?undeclared')!,
      });
    } finally {
      await srv.close();
    }
  });
}

test('requests without an answer are counted as errors of their own entry only', async () => {
  const srv = await startServer('keep-alive');
  try {
    const stats = await runStorm({
      ...stormTarget(srv, true),
      connections: 4,
      durationMs: 700,
      timeoutMs: 150,
      requests: [
        { method: 'GET', path: '/ok', weight: 1 },
        { method: 'GET', path: '/hang', weight: 1 },
      ],
    });
    const [ok, hang] = stats.perEntry ?? [];
    assert.ok((hang?.errors ?? 0) >= 2, `hang errors: ${hang?.errors}`);
    assert.equal(hang?.errors, stats.errors, 'every error belongs to /hang');
    assert.equal(hang?.requests, 0);
    assert.equal(ok?.errors, 0);
    assert.equal(ok?.requests, stats.requests);
    assert.ok((ok?.requests ?? 0) > 0);
  } finally {
    await srv.close();
  }
});

test('a bad expected status makes the storm fail before it starts', async () => {
  await assert.rejects(
    runStorm({
      host: '127.0.0.1',
      port: 9,
      keepAlive: true,
      connections: 1,
      amount: 1,
      requests: [{ method: 'GET', path: '/', status: 42 }],
    }),
    /load storm failed: expected status must be 100-599: 42/,
  );
});
