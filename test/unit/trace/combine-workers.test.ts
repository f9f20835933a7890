import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  accountedShare,
  combineWorkers,
  NOISE_BYTES_PER_REQUEST,
  RESIZE_NOISE_BYTES_PER_REQUEST,
  TOP_APP_LINES,
  TOP_LINES,
} from '../../../src/trace/combine-workers.ts';
import { diffSnapshots, type WorkerGrowth } from '../../../src/trace/diff-snapshots.ts';
import { parseTraceSnapshot } from '../../../src/trace/parse-snapshot.ts';
import { APP, DJANGO, VIEW } from './snapshots.ts';

const fixture = (name: string) =>
  parseTraceSnapshot(readFileSync(new URL(`../../fixtures/trace/${name}`, import.meta.url), 'utf8'), name);

function worker(requests: number, lines: WorkerGrowth['lines'], netBytes = lines.reduce((n, l) => n + l.bytes, 0)): WorkerGrowth {
  return { pid: 1, appDir: APP, requests, netBytes, lines };
}

test('combineWorkers: bytes and objects per request over every worker, weighted by requests served', () => {
  const t = combineWorkers(
    [
      worker(1000, [{ file: VIEW, line: 19, bytes: 100_000, objects: 1000, directBytes: 100_000, appFrame: true }]),
      worker(3000, [{ file: VIEW, line: 19, bytes: 300_000, objects: 3000, directBytes: 300_000, appFrame: true }]),
    ],
    200,
  );
  assert.equal(t.requests, 4000);
  assert.equal(t.workers, 2);
  assert.deepEqual(t.lines, [
    { file: 'leaks/patterns/global_list.py', line: 19, code: '', bytesPerRequest: 100, objectsPerRequest: 1, appFrame: true },
  ]);
  assert.equal(t.tracedBytesPerRequest, 100);
  assert.equal(t.accountedShare, 0.5);
});

test('combineWorkers: lines below the noise floor are dropped, the rest sorted by bytes, the code looked up', () => {
  const t = combineWorkers(
    [
      worker(100, [
        { file: DJANGO, line: 1, bytes: NOISE_BYTES_PER_REQUEST * 100 - 1, objects: 1, directBytes: 0, appFrame: false },
        { file: DJANGO, line: 2, bytes: 2000, objects: 100, directBytes: 2000, appFrame: false },
        { file: VIEW, line: 19, bytes: 5000, objects: 100, directBytes: 5000, appFrame: true },
        { file: VIEW, line: 30, bytes: -9000, objects: -100, directBytes: -9000, appFrame: true },
      ]),
    ],
    100,
    (file, line) => `${file.split('/').pop()}@${line}`,
  );
  assert.deepEqual(
    t.lines.map((l) => [l.file, l.line, l.bytesPerRequest, l.code]),
    [
      ['leaks/patterns/global_list.py', 19, 50, 'global_list.py@19'],
      [DJANGO, 2, 20, 'base.py@2'],
    ],
  );
  // Net: the line that shrank counts against the total.
  assert.equal(t.tracedBytesPerRequest, -12.01);
  assert.equal(t.accountedShare, 0);
});

test('combineWorkers: app lines past the top ones still make the list, a few of them (growth made in framework calls)', () => {
  const framework = Array.from({ length: TOP_LINES + 5 }, (_, i) => ({
    file: DJANGO,
    line: i + 1,
    bytes: 100_000 - i,
    objects: 1,
    directBytes: 100_000 - i,
    appFrame: false,
  }));
  const app = Array.from({ length: TOP_APP_LINES + 2 }, (_, i) => ({
    file: VIEW,
    line: 100 + i,
    bytes: 5000 - i,
    objects: 1,
    directBytes: 0,
    appFrame: true,
  }));
  const t = combineWorkers([worker(100, [...framework, ...app])], 1);
  assert.equal(t.lines.length, TOP_LINES + TOP_APP_LINES);
  assert.deepEqual(
    t.lines.filter((l) => l.appFrame).map((l) => l.line),
    [100, 101, 102],
  );
  assert.ok(t.lines.slice(0, TOP_LINES).every((l) => !l.appFrame));
});

test('combineWorkers: no snapshot pair, or no request between, is a problem said in words', () => {
  assert.equal(combineWorkers([], 100).problem, 'no worker wrote two snapshots');
  const none = combineWorkers([worker(0, [])], 100);
  assert.equal(none.problem, 'no request was served between the snapshots');
  assert.deepEqual(none.lines, []);
  assert.equal(none.accountedShare, 0);
});

test('accountedShare: traced over slope, never negative, 0 without a slope to explain', () => {
  assert.equal(accountedShare(5400, 5500), 0.98);
  assert.equal(accountedShare(12, 5500), 0);
  assert.equal(accountedShare(200, 4096), 0.05);
  assert.equal(accountedShare(-50, 5500), 0);
  assert.equal(accountedShare(100, 0), 0);
  assert.equal(accountedShare(100, -3), 0);
  assert.equal(accountedShare(100, Number.NaN), 0);
  assert.equal(accountedShare(6000, 5000), 1.2);
});

test('combineWorkers, recorded global-list worker: the first app line is global_list.py, most of the slope accounted', () => {
  const g = diffSnapshots(fixture('global-list-leaky-base.json'), fixture('global-list-leaky-end.json'));
  const t = combineWorkers([g], 5632);
  const firstApp = t.lines.find((l) => l.appFrame);
  assert.equal(firstApp?.file, 'leaks/patterns/global_list.py');
  assert.ok(
    t.lines.some((l) => !l.appFrame && l.file.includes('site-packages')),
    'framework lines stay whole',
  );
  assert.ok(t.accountedShare > 0.5 && t.accountedShare < 1.2, `share ${t.accountedShare}`);
});

test('combineWorkers: the app line that allocates what is kept comes first, before one whose growth was made in a framework call', () => {
  // global-list: the entry's dict is made at :19; the JsonResponse at :24 grows only because the
  // kept entry holds the request that reaches it, and all of its growth is made inside Django.
  const t = combineWorkers(
    [
      worker(1000, [
        { file: DJANGO, line: 191, bytes: 768_000, objects: 1000, directBytes: 768_000, appFrame: false },
        { file: VIEW, line: 24, bytes: 120_000, objects: 1000, directBytes: 0, appFrame: true },
        { file: VIEW, line: 19, bytes: 74_000, objects: 1000, directBytes: 74_000, appFrame: true },
      ]),
    ],
    5600,
  );
  assert.deepEqual(
    t.lines.map((l) => [l.line, l.appFrame]),
    [
      [19, true],
      [191, false],
      [24, true],
    ],
  );
});

test('combineWorkers: a line that made no new objects needs more bytes to count (a resized table, not growth)', () => {
  const resized = (bytes: number) =>
    combineWorkers([worker(1000, [{ file: VIEW, line: 73, bytes, objects: 0, directBytes: bytes, appFrame: true }])], 0).lines;
  assert.deepEqual(resized(49_000), []);
  // Above that floor, a table that grew while no app line kept any object is a bounded
  // container settling (dict-cache lru: 74 B/request, 0 objects): not named.
  assert.deepEqual(resized(RESIZE_NOISE_BYTES_PER_REQUEST * 1000), []);
  assert.deepEqual(resized(74_000), []);
  // ... unless the untraced pass decided the worker leaks: then the container is what grows, one
  // buffer extended in place (leak-rate 256b: GROWING.extend keeps no new object per request).
  const extended = (verdict: string, reason?: string) =>
    combineWorkers(
      [worker(1000, [{ file: VIEW, line: 39, bytes: 262_000, objects: 0, directBytes: 262_000, appFrame: true }])],
      270,
      undefined,
      'tracemalloc',
      { verdict, reason },
    ).lines.map((l) => l.line);
  assert.deepEqual(extended('leak'), [39]);
  assert.deepEqual(extended('sawtooth'), [39]);
  assert.deepEqual(extended('inconclusive', 'still-rising'), []);
  // Beside an app line that keeps objects (what the container holds), it counts, and the
  // objects' line is listed too (dict-cache leaky: USER_CACHE[...] = and return {'name': ...}).
  const growing = combineWorkers(
    [
      worker(1000, [
        { file: VIEW, line: 43, bytes: 74_000, objects: 0, directBytes: 74_000, appFrame: true },
        { file: VIEW, line: 30, bytes: 64_000, objects: 1000, directBytes: 64_000, appFrame: true },
      ]),
    ],
    0,
  );
  assert.deepEqual(
    growing.lines.map((l) => l.line),
    [43, 30],
  );
  // With new objects, the ordinary floor.
  const kept = combineWorkers(
    [worker(1000, [{ file: VIEW, line: 19, bytes: 9000, objects: 1000, directBytes: 9000, appFrame: true }])],
    0,
  );
  assert.equal(kept.lines.length, 1);
});

test('combineWorkers: when the untraced pass judged flat or bounded, no app line is named (turnover of something bounded)', () => {
  const growth = () => [
    worker(400, [
      { file: VIEW, line: 40, bytes: 760_000, objects: 44, directBytes: 760_000, appFrame: true },
      { file: DJANGO, line: 2, bytes: 20_000, objects: 400, directBytes: 20_000, appFrame: false },
    ]),
  ];
  for (const verdict of ['flat', 'bounded']) {
    const t = combineWorkers(growth(), 0, () => '', 'tracemalloc', { verdict });
    assert.deepEqual(
      t.lines.filter((l) => l.appFrame),
      [],
      verdict,
    );
    assert.equal(t.settled?.verdict, verdict);
    assert.deepEqual(
      t.settled?.appLines.map((l) => [l.file, l.line, l.bytesPerRequest]),
      [['leaks/patterns/global_list.py', 40, 1900]],
    );
    // The framework's lines stay: they are listed, never named.
    assert.deepEqual(
      t.lines.map((l) => l.line),
      [2],
    );
  }
  // Inconclusive for too few requests: the untraced pass did not see growth, nothing is named.
  const unsure = combineWorkers(growth(), 0, () => '', 'tracemalloc', { verdict: 'inconclusive', reason: 'too-few-requests' });
  assert.equal(unsure.settled?.verdict, 'inconclusive');
  assert.deepEqual(
    unsure.lines.filter((l) => l.appFrame),
    [],
  );
  // A leak, an inconclusive run still rising or a sawtooth (a leak that max_requests hides) still names it.
  for (const untraced of [
    { verdict: 'leak' },
    { verdict: 'inconclusive', reason: 'still-rising' },
    { verdict: 'sawtooth' },
    undefined,
  ]) {
    const t = combineWorkers(growth(), 1900, () => '', 'tracemalloc', untraced);
    assert.equal(t.lines[0]?.line, 40, JSON.stringify(untraced));
    assert.equal(t.settled, undefined);
  }
});
