// The snapshot probe end to end: real command line, real Gunicorn tracing with tracemalloc, the
// seed's snapshot view asked after the storm, its answer saved in the run directory.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns, ROOT } from './cli.ts';

const out = scratchDir('e2e-diagnosis');

interface SnapshotRow {
  file: string;
  line: number;
  code: string;
  count: number;
}

test('diagnosis --quick: the tracemalloc snapshot probe names the leaking line of global_list.py first', async () => {
  const r = await leaklab(['run', 'diagnosis', '--quick', '--variant', 'tracemalloc-snapshot', '--out', out]);
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const dir = join(out, 'latest');
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;
  const v = run.variants[0];
  assert.equal(v?.verdict, 'leak');
  const probe = v?.probes?.[0];
  assert.ok(probe, 'the probe is in run.json');
  assert.equal(probe.status, 200, probe.error);
  assert.equal(probe.file, 'probes/tracemalloc-snapshot-snapshot.json');
  const file = join(dir, probe.file);
  assert.ok(existsSync(file), `${file} saved`);

  // The worker that answered is one the sampler saw during the storm.
  const pids = new Set(
    readFileSync(join(dir, 'samples.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[2])),
  );
  assert.ok(probe.pid !== undefined && pids.has(probe.pid), `pid ${probe.pid} among ${[...pids].join(', ')}`);

  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    pid: number;
    tracing: boolean;
    top_memory_usage: SnapshotRow[];
    top_in_app: SnapshotRow[];
  };
  assert.equal(snapshot.pid, probe.pid);
  assert.equal(snapshot.tracing, true);
  assert.equal(snapshot.top_memory_usage.length, 10);
  const source = readFileSync(join(ROOT, 'sample-django-app/leaks/patterns/global_list.py'), 'utf8').split('\n');
  const leakLine = source.findIndex((l) => l.includes('REQUEST_LOG.append({')) + 1;
  const top = snapshot.top_in_app[0];
  assert.ok(top, 'top_in_app has rows');
  assert.ok(top.file.endsWith('leaks/patterns/global_list.py'), top.file);
  assert.equal(top.line, leakLine);
  assert.equal(top.code, 'REQUEST_LOG.append({');
  assert.ok(top.count > 1000, `${top.count} live allocations at the leaking line`);

  assert.ok(readFileSync(join(dir, 'summary.md'), 'utf8').includes('saved as probes/tracemalloc-snapshot-snapshot.json'));
  assert.ok(readFileSync(join(dir, 'report.html'), 'utf8').includes('<a href="probes/tracemalloc-snapshot-snapshot.json">'));
  assert.deepEqual(leftoverGunicorns(out), []);
});
