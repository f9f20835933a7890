// leaklab on an app it has never seen: test/fixtures/apps/bookshelf, a Django project shaped
// unlike the sample app, with a mix that asks for a 404, a login redirect (302) and a JSON POST
// (201) on purpose. Those are expected statuses, not failures; the verdicts are reported.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns, ROOT } from './cli.ts';

const FIXTURE = join(ROOT, 'test/fixtures/apps/bookshelf');
const SHARED_PYTHON = join(ROOT, 'sample-django-app/.venv/bin/python');

/**
 * The fixture copied to a scratch folder (its database and venv stay out of the tree), with a
 * venv that sees the sample app's packages through a .pth file: leaklab's pip install then finds
 * Django and Gunicorn already there and needs no network.
 */
function appCopy(): string {
  const dir = join(scratchDir('own-app'), 'bookshelf');
  const skip = new Set(['.venv', '.venv.lock', '__pycache__']);
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !skip.has(basename(src)) && !src.endsWith('.sqlite3') });
  const python = (code: string, exe = SHARED_PYTHON): string => execFileSync(exe, ['-c', code], { encoding: 'utf8' }).trim();
  const shared = python("import sysconfig; print(sysconfig.get_paths()['purelib'])");
  execFileSync(SHARED_PYTHON, ['-m', 'venv', join(dir, '.venv')]);
  const own = python("import sysconfig; print(sysconfig.get_paths()['purelib'])", join(dir, '.venv/bin/python'));
  writeFileSync(join(own, 'leaklab-shared-packages.pth'), `${shared}\n`);
  return dir;
}

test('an app leaklab has never seen: expected 404/302/201 are not failures; verdicts reported', async (t) => {
  const app = appCopy();
  const out = join(app, 'results');
  // 20,000 requests a variant: ~10,000 per worker, ~7,500 past warm-up, where the strip's
  // ~160 B/request per worker passes the 1 MiB a leak needs. /report/ costs ~16 ms of CPU, so
  // on a busy 2-core machine (~80 req/s) this takes minutes; on an idle one well under one.
  const r = await leaklab(['run', join(app, 'leaklab.yaml'), '--quick', '--requests', '20000', '--out', out], {
    timeoutMs: 900_000,
  });
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const run = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  for (const v of run.variants) {
    assert.equal(v.status, 'complete', `${v.name}: ${v.error}`);
    assert.ok(v.requests > 1000, `${v.name}: ${v.requests} requests`);
    assert.ok(v.errors <= v.requests * 0.01, `${v.name}: ${v.errors} failed of ${v.requests}`);
    const entries = v.load?.perEntry ?? [];
    const byPath = Object.fromEntries(entries.map((e) => [e.path, e]));
    assert.equal(
      entries.reduce((sum, e) => sum + e.requests, 0),
      v.requests,
      'every response counted under one entry',
    );
    assert.deepEqual(byPath['/books/99999/']?.status, [404]);
    assert.ok((byPath['/books/99999/']?.statusCodes['404'] ?? 0) > 0, 'the missing page answered 404');
    assert.equal(byPath['/books/99999/']?.unexpected, 0);
    assert.ok((byPath['/account/']?.statusCodes['302'] ?? 0) > 0, 'the account page redirected');
    assert.equal(byPath['/account/']?.unexpected, 0);
    assert.ok((byPath['/api/notes/']?.statusCodes['201'] ?? 0) > 0, 'notes were created');
    assert.equal(byPath['/api/notes/']?.unexpected, 0);
    assert.ok((byPath['/report/']?.statusCodes['200'] ?? 0) > 0, 'the heavy report answered');
    const perWorker = Math.round(v.requests / 2);
    t.diagnostic(
      `${v.name}: ${v.verdict} (expected ${v.expected}), slope ${v.slopeBytesPerRequest} B/request, growth ${v.growthBytes} B, ` +
        `${v.requests} requests (~${perWorker} per worker), ${v.requestsPerSecond} req/s`,
    );
  }
  const byName = Object.fromEntries(run.variants.map((v) => [v.name, v]));
  assert.equal((byName['with-recent']?.load?.perEntry ?? []).length, 9);
  assert.equal((byName['without-recent']?.load?.perEntry ?? []).length, 8);
  assert.notEqual(byName['without-recent']?.verdict, 'leak', 'the mix without the recently-viewed strip does not leak');
  assert.deepEqual(leftoverGunicorns(out), []);
});
