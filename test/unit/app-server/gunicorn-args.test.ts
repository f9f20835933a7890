import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunicornArgs } from '../../../src/app-server/gunicorn-args.ts';
import { gunicornSettings } from '../fixtures/gunicorn.ts';

const base = gunicornSettings();

test('settings become flags, bound to loopback', () => {
  const args = gunicornArgs({ ...base, maxRequests: 1000, maxRequestsJitter: 50 }, '127.0.0.1:8000');
  const flag = (name: string) => args[args.indexOf(name) + 1];
  assert.equal(flag('--bind'), '127.0.0.1:8000');
  assert.equal(flag('--max-requests'), '1000');
  assert.equal(flag('--max-requests-jitter'), '50');
  assert.equal(flag('--workers'), '2');
  assert.ok(!args.includes('--preload'));
  assert.ok(gunicornArgs({ ...base, preload: true }, 'x').includes('--preload'));
});
