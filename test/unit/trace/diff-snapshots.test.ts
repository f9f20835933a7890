import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { diffSnapshots } from '../../../src/trace/diff-snapshots.ts';
import { parseTraceSnapshot } from '../../../src/trace/parse-snapshot.ts';
import { APP, DJANGO, GUNICORN, snapshot, VIEW } from './snapshots.ts';

const fixture = (name: string) =>
  parseTraceSnapshot(readFileSync(new URL(`../../fixtures/trace/${name}`, import.meta.url), 'utf8'), name);

test('diffSnapshots: growth is end minus base per traceback, requests are those served between', () => {
  const base = snapshot(7, 100, [
    [
      1000,
      10,
      [
        [VIEW, 19],
        [DJANGO, 50],
      ],
    ],
  ]);
  const end = snapshot(7, 300, [
    [
      5000,
      50,
      [
        [VIEW, 19],
        [DJANGO, 50],
      ],
    ],
  ]);
  const g = diffSnapshots(base, end);
  assert.equal(g.pid, 7);
  assert.equal(g.requests, 200);
  assert.equal(g.netBytes, 4000);
  assert.deepEqual(g.lines, [{ file: VIEW, line: 19, bytes: 4000, objects: 40, directBytes: 4000, appFrame: true }]);
});

test('diffSnapshots: a group is charged to its most recent app frame, not the framework line that allocated', () => {
  const end = snapshot(1, 10, [
    [
      640,
      10,
      [
        [DJANGO, 300],
        [VIEW, 22],
        [VIEW, 40],
        [GUNICORN, 5],
      ],
    ],
  ]);
  const g = diffSnapshots(snapshot(1, 0, []), end);
  assert.deepEqual(g.lines, [{ file: VIEW, line: 22, bytes: 640, objects: 10, directBytes: 0, appFrame: true }]);
});

test('diffSnapshots: a group with no app frame is charged to the frame that allocated, marked not app', () => {
  const end = snapshot(1, 10, [
    [
      768,
      10,
      [
        [GUNICORN, 191],
        [DJANGO, 1],
      ],
    ],
  ]);
  assert.deepEqual(diffSnapshots(snapshot(1, 0, []), end).lines, [
    { file: GUNICORN, line: 191, bytes: 768, objects: 10, directBytes: 768, appFrame: false },
  ]);
});

test('diffSnapshots: groups gone by the end count as negative; unchanged ones are left out', () => {
  const base = snapshot(1, 0, [
    [500, 5, [[DJANGO, 1]]],
    [100, 1, [[DJANGO, 2]]],
  ]);
  const end = snapshot(1, 10, [[100, 1, [[DJANGO, 2]]]]);
  const g = diffSnapshots(base, end);
  assert.equal(g.netBytes, -500);
  assert.deepEqual(g.lines, [{ file: DJANGO, line: 1, bytes: -500, objects: -5, directBytes: -500, appFrame: false }]);
});

test('diffSnapshots: different tracebacks ending on one line add up; file indexes differ between snapshots', () => {
  const base = snapshot(1, 0, [
    [10, 1, [[GUNICORN, 9]]],
    [
      100,
      1,
      [
        [VIEW, 19],
        [DJANGO, 1],
      ],
    ],
  ]);
  const end = snapshot(1, 10, [
    [
      300,
      3,
      [
        [VIEW, 19],
        [DJANGO, 1],
      ],
    ],
    [
      200,
      2,
      [
        [VIEW, 19],
        [DJANGO, 7],
      ],
    ],
    [10, 1, [[GUNICORN, 9]]],
  ]);
  assert.deepEqual(diffSnapshots(base, end).lines, [
    { file: VIEW, line: 19, bytes: 400, objects: 4, directBytes: 400, appFrame: true },
  ]);
});

test('diffSnapshots, recorded global-list worker: the app lines that grow are global_list.py, one object a request each', () => {
  const g = diffSnapshots(fixture('global-list-leaky-base.json'), fixture('global-list-leaky-end.json'));
  assert.equal(g.requests, 1000);
  assert.equal(g.appDir, APP);
  const app = g.lines.filter((l) => l.appFrame && l.bytes > 0).sort((a, b) => b.bytes - a.bytes);
  assert.ok(app.length >= 2, `app lines: ${JSON.stringify(app)}`);
  for (const l of app) {
    assert.equal(l.file, VIEW);
    assert.ok(Math.abs(l.objects - g.requests) <= g.requests * 0.05, `${l.line}: ${l.objects} objects`);
  }
  assert.ok(
    app.some((l) => l.line === 19),
    'REQUEST_LOG.append is among them',
  );
  assert.ok(g.netBytes / g.requests > 3000, `net ${g.netBytes / g.requests} B/request`);
});
