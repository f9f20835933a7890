import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseTraceSnapshot } from '../../../src/trace/parse-snapshot.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/trace/${name}`, import.meta.url), 'utf8');

test('parseTraceSnapshot: a recorded worker snapshot reads back whole', () => {
  const s = parseTraceSnapshot(fixture('global-list-leaky-base.json'), 'base');
  assert.equal(s.requests, 605);
  assert.equal(s.appDir, '/srv/app');
  assert.equal(s.depth, 10);
  assert.ok(s.groups.length > 10);
  for (const [size, count, frames] of s.groups) {
    assert.ok(size > 0 && count > 0);
    assert.equal(frames.length % 2, 0);
  }
});

test('parseTraceSnapshot: a damaged file is an error naming it, not NaN downstream', () => {
  assert.throws(() => parseTraceSnapshot('{"pid": 1}', '/x/1-base.json'), /\/x\/1-base\.json is not a leaklab trace snapshot/);
  const odd = JSON.stringify({ pid: 1, requests: 2, appDir: '/a', files: ['f'], groups: [[1, 1, [0]]] });
  assert.throws(() => parseTraceSnapshot(odd, 'odd'), /not a leaklab trace snapshot/);
  assert.throws(() => parseTraceSnapshot('{"pid":', 'cut'), SyntaxError);
});

test('parseTraceSnapshot: an older file without depth or tracer figures gets zeros', () => {
  const s = parseTraceSnapshot(JSON.stringify({ pid: 1, requests: 2, appDir: '/a', files: [], groups: [] }), 'old');
  assert.equal(s.depth, 0);
  assert.equal(s.tracerBytes, 0);
});
