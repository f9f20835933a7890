import assert from 'node:assert/strict';
import { test } from 'node:test';
import { traceEnv } from '../../../src/app-server/trace-env.ts';

test('traceEnv: the variables the hooks read, as strings', () => {
  assert.deepEqual(
    traceEnv({
      dir: '/run/trace/leaky',
      settings: { tracer: 'tracemalloc', depth: 10, everyRequests: 2000 },
      warmupRequests: 612.4,
      settleRequests: 1000,
    }),
    {
      LEAKLAB_TRACE_DIR: '/run/trace/leaky',
      LEAKLAB_TRACE_DEPTH: '10',
      LEAKLAB_TRACE_WARMUP: '612',
      LEAKLAB_TRACE_EVERY: '2000',
      LEAKLAB_TRACE_SETTLE: '1000',
      LEAKLAB_TRACER: 'tracemalloc',
    },
  );
});

test('traceEnv: the base snapshot comes after at least one request', () => {
  assert.equal(
    traceEnv({ dir: '/d', settings: { tracer: 'memray', depth: 1, everyRequests: 0 }, warmupRequests: 0 }).LEAKLAB_TRACE_WARMUP,
    '1',
  );
});

test('traceEnv: every name is one the hooks file reads', async () => {
  const { readFileSync } = await import('node:fs');
  const hooks = readFileSync(new URL('../../../src/app-server/leaklab_gunicorn_hooks.py', import.meta.url), 'utf8');
  for (const name of Object.keys(
    traceEnv({ dir: '/d', settings: { tracer: 'memray', depth: 1, everyRequests: 0 }, warmupRequests: 1 }),
  ))
    assert.match(hooks, new RegExp(`os\\.environ\\.get\\("${name}"\\)`), name);
});
