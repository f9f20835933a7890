import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { type ReadyWait, waitReady } from '../../../src/app-server/app-ready.ts';
import { EnvironmentError } from '../../../src/core/errors.ts';
import { scratchDir } from '../../scratch.ts';
import { gunicornSettings } from '../fixtures/gunicorn.ts';

const gunicorn = gunicornSettings();

/** A real HTTP server on loopback answering `status` on every path; closed after the test. */
async function answering(t: { after: (fn: () => Promise<void>) => void }, status: number): Promise<number> {
  const server: Server = createServer((_req, res) => res.writeHead(status).end('x'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
}

function wait(port: number, over: Partial<ReadyWait> & { readyWorkers?: number; timeoutMs?: number } = {}): ReadyWait {
  const dir = scratchDir('app-ready');
  const logFile = join(dir, 'gunicorn.log');
  writeFileSync(logFile, 'booting\nlast log line\n');
  const ready = Array.from({ length: over.readyWorkers ?? 2 }, () => '{"kind": "ready", "pid": 1}\n').join('');
  writeFileSync(join(dir, 'events.jsonl'), ready);
  return {
    spec: {
      appDir: dir,
      wsgi: 'x:app',
      readyPath: '/ok/',
      env: {},
      gunicorn,
      stateDir: dir,
      logFile,
      readyTimeoutMs: over.timeoutMs ?? 5000,
    },
    target: { host: '127.0.0.1', port, masterPid: 1, stopRequestedAt: () => null, stop: async () => {} },
    exitCode: () => undefined,
    exitedText: (code) => `Gunicorn exited (code ${code})`,
    appText: 'the app',
    ...over,
  };
}

test('ready once every worker said so and the ready path answers 200', async (t) => {
  const port = await answering(t, 200);
  await waitReady(wait(port));
});

test('workers not all ready: a timeout naming the wait, with the log tail', async (t) => {
  const port = await answering(t, 200);
  await assert.rejects(waitReady(wait(port, { readyWorkers: 1, timeoutMs: 300 })), (err: EnvironmentError) => {
    assert.ok(err instanceof EnvironmentError);
    assert.equal(err.message, 'the app was not ready within 0.3s (no answer yet)');
    assert.deepEqual(err.details, ['booting', 'last log line']);
    assert.match(err.hint ?? '', /check \/ok\/ answers 200; the full log is .*gunicorn\.log/);
    return true;
  });
});

test('a ready path that does not answer 200 is named in the timeout', async (t) => {
  const port = await answering(t, 503);
  await assert.rejects(waitReady(wait(port, { timeoutMs: 300, appText: 'the app in the container' })), {
    message: 'the app in the container was not ready within 0.3s (/ok/ answered 503)',
  });
});

test('a process that exited fails at once with its own words', async (t) => {
  const port = await answering(t, 200);
  const started = Date.now();
  await assert.rejects(waitReady(wait(port, { exitCode: () => 1, timeoutMs: 30_000 })), (err: EnvironmentError) => {
    assert.equal(err.message, 'Gunicorn exited (code 1) before the app was ready');
    assert.match(err.hint ?? '', /the full log is/);
    return true;
  });
  assert.ok(Date.now() - started < 5000, 'it did not wait for the timeout');
});

test('an aborted run stops waiting without an error', async (t) => {
  const port = await answering(t, 503);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  const started = Date.now();
  await waitReady(wait(port, { signal: ac.signal, timeoutMs: 30_000 }));
  assert.ok(Date.now() - started < 5000);
});
