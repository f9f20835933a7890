import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../../src/core/prng.ts';
import { RequestMix } from '../../../src/load/request-mix.ts';

test('a static GET is prebuilt with Host, and Connection: close when not keeping alive', () => {
  const mix = new RequestMix([{ method: 'get', path: '/ok/' }], '127.0.0.1', 8000, false);
  const a = mix.build(0, 0, Math.random);
  assert.equal(a.toString(), 'GET /ok/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nConnection: close\r\n\r\n');
  assert.equal(mix.build(0, 1, Math.random), a, 'the same Buffer is reused');
});

test('keep-alive requests carry no Connection header', () => {
  const mix = new RequestMix([{ method: 'GET', path: '/ok/' }], '127.0.0.1', 8000, true);
  assert.equal(mix.build(0, 0, Math.random).toString(), 'GET /ok/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n');
});

test("a body gets its Content-Length in bytes, replacing the caller's; headers are kept", () => {
  const mix = new RequestMix(
    [
      {
        method: 'POST',
        path: '/p/{seq}',
        body: 'é=1',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'content-length': '999' },
      },
    ],
    '127.0.0.1',
    81,
    true,
  );
  assert.equal(
    mix.build(0, 4, Math.random).toString(),
    'POST /p/5 HTTP/1.1\r\nHost: 127.0.0.1:81\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4\r\n\r\né=1',
  );
});

test('a POST without a body says Content-Length: 0; HEAD is flagged', () => {
  const mix = new RequestMix(
    [
      { method: 'POST', path: '/' },
      { method: 'HEAD', path: '/' },
    ],
    '127.0.0.1',
    1,
    true,
  );
  assert.match(mix.build(0, 0, Math.random).toString(), /Content-Length: 0\r\n\r\n$/);
  assert.equal(mix.isHead(0), false);
  assert.equal(mix.isHead(1), true);
});

test('weights decide the share of each spec', () => {
  const mix = new RequestMix(
    [
      { method: 'GET', path: '/a', weight: 3 },
      { method: 'GET', path: '/b' },
      { method: 'GET', path: '/c', weight: 0 },
    ],
    '127.0.0.1',
    1,
    true,
  );
  const r = mulberry32(5);
  const counts = [0, 0, 0];
  for (let i = 0; i < 40000; i++) counts[mix.pick(r)]!++;
  assert.equal(counts[2], 0);
  const share = counts[0]! / 40000;
  assert.ok(Math.abs(share - 0.75) < 0.01, `share of /a: ${share}`);
});

test('bad specs are rejected', () => {
  assert.throws(() => new RequestMix([], 'h', 1, true), /at least one/);
  assert.throws(() => new RequestMix([{ method: 'GET', path: 'ok' }], 'h', 1, true), /start with/);
  assert.throws(() => new RequestMix([{ method: 'GET', path: '/a b' }], 'h', 1, true), /whitespace/);
  assert.throws(() => new RequestMix([{ method: 'G T', path: '/' }], 'h', 1, true), /method/);
  assert.throws(() => new RequestMix([{ method: 'GET', path: '/', weight: 0 }], 'h', 1, true), /sum to 0/);
  assert.throws(() => new RequestMix([{ method: 'GET', path: '/', headers: { X: 'a\r\nb' } }], 'h', 1, true), /line break/);
});

test('a mix of several entries tags each request with its entry; a single entry is left as it was', () => {
  const mix = new RequestMix(
    [
      { method: 'GET', path: '/a/' },
      { method: 'GET', path: '/b/' },
    ],
    '127.0.0.1',
    8000,
    true,
  );
  assert.match(mix.build(1, 0, Math.random).toString(), /\r\nX-Leaklab-Entry: 1\r\n\r\n$/);
  const single = new RequestMix([{ method: 'GET', path: '/a/' }], '127.0.0.1', 8000, true);
  assert.doesNotMatch(single.build(0, 0, Math.random).toString(), /X-Leaklab-Entry/);
});

test('cycles: each entry as one run of its share per cycle, shares exact at every cycle end, order shuffled', () => {
  const specs = [1, 1, 2].map((weight, i) => ({ method: 'GET', path: `/${i}/`, weight }));
  const mix = new RequestMix(specs, '127.0.0.1', 8000, true, 8);
  const random = mulberry32(5);
  const cycles: number[][] = [];
  for (let c = 0; c < 20; c++) cycles.push(Array.from({ length: 8 }, () => mix.pick(random)));
  for (const cycle of cycles) {
    assert.deepEqual(
      [0, 1, 2].map((e) => cycle.filter((x) => x === e).length),
      [2, 2, 4],
    );
    // One run per entry: the entry changes exactly twice within a cycle.
    assert.equal(cycle.filter((x, i) => i > 0 && x !== cycle[i - 1]).length, 2, cycle.join(''));
  }
  assert.ok(new Set(cycles.map((c) => c.join(''))).size > 1, 'the order changes between cycles');
});
