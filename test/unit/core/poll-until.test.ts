import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollUntil } from '../../../src/core/poll-until.ts';

test('returns ready as soon as the check holds, checking no more', async () => {
  let calls = 0;
  const outcome = await pollUntil(() => ++calls === 3, { timeoutMs: 5000, intervalMs: 1 });
  assert.equal(outcome, 'ready');
  assert.equal(calls, 3);
});

test('an async check is awaited', async () => {
  let calls = 0;
  const outcome = await pollUntil(
    async () => {
      await new Promise((r) => setTimeout(r, 5));
      return ++calls >= 2;
    },
    { timeoutMs: 5000, intervalMs: 1 },
  );
  assert.equal(outcome, 'ready');
  assert.equal(calls, 2);
});

test('gives up with timeout once timeoutMs has passed, after several checks', async () => {
  let calls = 0;
  const started = Date.now();
  const outcome = await pollUntil(
    () => {
      calls++;
      return false;
    },
    { timeoutMs: 150, intervalMs: 20 },
  );
  const elapsed = Date.now() - started;
  assert.equal(outcome, 'timeout');
  assert.ok(elapsed >= 145, `waited only ${elapsed} ms`);
  assert.ok(elapsed < 2000, `waited ${elapsed} ms`);
  assert.ok(calls >= 3, `checked ${calls} times`);
});

test('a deadline already past still gets one check', async () => {
  let calls = 0;
  assert.equal(
    await pollUntil(
      () => {
        calls++;
        return false;
      },
      { deadlineMs: Date.now() - 1000, intervalMs: 10 },
    ),
    'timeout',
  );
  assert.equal(calls, 1);
  assert.equal(await pollUntil(() => true, { deadlineMs: Date.now() - 1000, intervalMs: 10 }), 'ready');
});

test('with both a deadline and a timeout, the earlier one ends the wait', async () => {
  let clock = 1000;
  const now = () => clock;
  const tick = () => {
    clock += 10;
    return false;
  };
  let calls = 0;
  const count = () => {
    calls++;
    return tick();
  };
  assert.equal(await pollUntil(count, { deadlineMs: 1050, timeoutMs: 10_000, intervalMs: 0, now }), 'timeout');
  assert.equal(clock, 1050);
  assert.equal(calls, 5);
  clock = 1000;
  calls = 0;
  assert.equal(await pollUntil(count, { deadlineMs: 10_000, timeoutMs: 30, intervalMs: 0, now }), 'timeout');
  assert.equal(clock, 1030);
  assert.equal(calls, 3);
});

test('the sleep between checks never runs past the deadline', async () => {
  const started = Date.now();
  assert.equal(await pollUntil(() => false, { timeoutMs: 60, intervalMs: 10_000 }), 'timeout');
  assert.ok(Date.now() - started < 2000);
});

test('an aborted signal ends the wait before any check', async () => {
  let calls = 0;
  const outcome = await pollUntil(
    () => {
      calls++;
      return false;
    },
    { timeoutMs: 5000, intervalMs: 10, signal: AbortSignal.abort() },
  );
  assert.equal(outcome, 'aborted');
  assert.equal(calls, 0);
});

test('an abort during the pause ends the wait at once, not at the next interval', async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  const started = Date.now();
  let calls = 0;
  const outcome = await pollUntil(
    () => {
      calls++;
      return false;
    },
    { timeoutMs: 60_000, intervalMs: 30_000, signal: ac.signal },
  );
  assert.equal(outcome, 'aborted');
  assert.equal(calls, 1);
  assert.ok(Date.now() - started < 5000, 'the 30 s pause was not cut short');
});

test('an abort during the check wins over the deadline', async () => {
  const ac = new AbortController();
  const outcome = await pollUntil(
    () => {
      ac.abort();
      return false;
    },
    { deadlineMs: Date.now() - 1, intervalMs: 10, signal: ac.signal },
  );
  assert.equal(outcome, 'aborted');
});

test('an error thrown by the check ends the wait with that error', async () => {
  let calls = 0;
  const gone = new Error('the server exited');
  await assert.rejects(
    pollUntil(
      () => {
        if (++calls === 2) throw gone;
        return false;
      },
      { timeoutMs: 5000, intervalMs: 1 },
    ),
    (err) => err === gone,
  );
  assert.equal(calls, 2);
});

test('a wait with no deadline at all is a programming error', async () => {
  await assert.rejects(
    pollUntil(() => true, { intervalMs: 10 }),
    TypeError,
  );
});
