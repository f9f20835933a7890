// Scenario services, end to end with the real command line: a private redis-server and
// PostgreSQL started and stopped by leaklab, a Redis handed in through REDIS_URL, and variants
// skipped when the service is missing. None of this uses the machine's own Redis or PostgreSQL.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { freePort } from '../../src/services/loopback.ts';
import { findPostgres } from '../../src/services/postgres-service.ts';
import { findRedisServer } from '../../src/services/redis-service.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns, ROOT } from './cli.ts';

const APP = join(ROOT, 'sample-django-app');
const REDIS = findRedisServer(process.env);
const POSTGRES = findPostgres(process.env);

/** A scenario whose app has its own empty SQLite file: a variant that silently fell back to SQLite would answer 500. */
function scenario(dir: string, body: string, setup: string[] = []): string {
  const file = join(dir, 'svc.yaml');
  const app = `app:\n  dir: ${APP}\n  env: { LEAKLAB_SQLITE_PATH: ${join(dir, 'app.sqlite3')} }\n  setup: ${JSON.stringify(setup)}\n`;
  writeFileSync(file, `name: svc\ntitle: t\nclaim: c\n${app}${body}`);
  return file;
}

function runRecord(out: string): RunRecord {
  return JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
}

function portOf(detail: string | undefined): number {
  const m = /127\.0\.0\.1:(\d+)/.exec(detail ?? '');
  assert.ok(m, `no port in "${detail}"`);
  return Number(m[1]);
}

/** Whether anything still listens on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', text], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l && !l.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches.
  }
}

/** A PATH with node only: no redis-server, no PostgreSQL (the venv's Python is found by its path). */
function bareBin(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  return bin;
}

const SEED_CUSTOMERS = ['python manage.py migrate --noinput', 'python manage.py seed_data --customers 3000 --rows 0'];

test('a Redis variant with a redis-server leaklab starts: judged, recorded, and no redis-server left', {
  skip: !REDIS && 'redis-server is not installed',
}, async () => {
  const dir = scratchDir('redis');
  const out = join(dir, 'results');
  // The dict-cache scenario's threshold: this view creeps 30-35 B/request (README "Creep"), and
  // at the default 32 an 8,000-request run was sometimes inconclusive (exit 1, 2026-12-03).
  const file = scenario(
    dir,
    `load:\n  requests: 8000\n  connections: 4\n  mix: [{ path: "/leaks/dict-cache/ttl/?id={rand:1:3000}" }]\nthresholds: { materialSlopeBytesPerRequest: 128 }\nvariants:\n  - name: ttl-redis\n    expect: flat\n    services: [redis]\n`,
    SEED_CUSTOMERS,
  );
  const r = await leaklab(['run', file, '--out', out], { env: { REDIS_URL: '' } });
  assert.equal(r.code, 0, r.stderr);
  const v = runRecord(out).variants[0];
  assert.equal(v?.status, 'complete');
  assert.equal(v?.verdict, 'flat');
  assert.equal(v?.load?.statusCodes['200'], 8000, 'every request answered from the real cache');
  assert.equal(v?.services?.[0]?.source, 'started');
  assert.match(v?.services?.[0]?.detail ?? '', /^started redis-server \S+ on 127\.0\.0\.1:\d+$/);
  assert.match(r.stdout, /Services: redis started redis-server/);
  assert.equal(await listening(portOf(v?.services?.[0]?.detail)), false, 'redis-server still listens');
  assert.deepEqual(processesMentioning(`redis-server 127.0.0.1:${portOf(v?.services?.[0]?.detail)}`), []);
  const runDir = join(out, runRecord(out).runId);
  assert.deepEqual(
    readdirSync(runDir).filter((f) => f.startsWith('.services-')),
    [],
    'its data folder is removed',
  );
  assert.ok(existsSync(join(runDir, 'logs', 'redis.log')));
});

test("REDIS_URL comes first: the app writes its keys there, under the variant's own prefix", {
  skip: !REDIS && 'redis-server is not installed',
}, async () => {
  const dir = scratchDir('redisurl');
  const out = join(dir, 'results');
  // Our own throwaway Redis, standing for the user's.
  const port = await freePort();
  const redis = spawn(REDIS!, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  try {
    const file = scenario(
      dir,
      `load:\n  requests: 2500\n  connections: 4\n  mix: [{ path: "/leaks/dict-cache/ttl/?id={rand:1:3000}" }]\nvariants:\n  - name: ttl-redis\n    services: [redis]\n  - name: locmem\n    mix: [{ path: "/leaks/dict-cache/ttl/?id={rand:2000:3000}" }]\n`,
      SEED_CUSTOMERS,
    );
    const url = `redis://127.0.0.1:${port}/3`;
    const r = await leaklab(['run', file, '--out', out], { env: { REDIS_URL: url } });
    assert.equal(r.code, 0, r.stderr);
    const run = runRecord(out);
    assert.deepEqual(run.variants[0]?.services, [{ service: 'redis', source: 'env', detail: `from REDIS_URL (${url})` }]);
    assert.equal(run.variants[1]?.services, undefined);
    const keys = execFileSync('redis-cli', ['-p', String(port), '-n', '3', '--scan', '--pattern', '*'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    assert.ok(keys.length > 500, `only ${keys.length} keys in the given Redis`);
    assert.ok(
      keys.every((k) => k.startsWith(`leaklab:${run.runId}:ttl-redis:`)),
      keys.slice(0, 3).join(' '),
    );
    // The variant without `services: [redis]` did not get REDIS_URL: no key of its own is there.
    assert.ok(!keys.some((k) => k.includes(':locmem:')));
  } finally {
    redis.kill('SIGKILL');
  }
});

test('no redis-server and no REDIS_URL: the variant is skipped with the reason; others still run', async () => {
  const dir = scratchDir('noredis');
  const out = join(dir, 'results');
  const file = scenario(
    dir,
    `load:\n  requests: 20000\n  mix: [{ path: /ok/ }]\nvariants:\n  - name: plain\n    expect: flat\n  - name: ttl-redis\n    expect: flat\n    services: [redis]\n`,
  );
  const env = { PATH: bareBin(dir), REDIS_URL: '', DATABASE_URL: '' };
  const r = await leaklab(['run', file, '--out', out], { env });
  assert.equal(r.code, 0, `a skip is not a failed expectation\n${r.stderr}`);
  const run = runRecord(out);
  assert.equal(run.status, 'complete');
  assert.equal(run.variants[1]?.status, 'skipped');
  assert.match(
    run.variants[1]?.skipReason ?? '',
    /^needs Redis: set REDIS_URL .*install redis-server \(Debian: apt-get install redis-server\)/,
  );
  assert.equal(run.variants[1]?.expectationMet, undefined);
  assert.match(r.stdout, /✓ All 1 expectations held\. 1 variant skipped, not judged \(ttl-redis\)\./);
  assert.match(r.stderr, /ttl-redis skipped: needs Redis/);
  assert.match(readFileSync(join(out, 'latest', 'summary.md'), 'utf8'), /1 variant skipped, not judged \(ttl-redis\)/);

  // Only skipped variants: nothing was measured, which is an environment failure (exit 3).
  const only = await leaklab(['run', file, '--variant', 'ttl-redis', '--out', out], { env });
  assert.equal(only.code, 3, only.stderr);
  assert.match(only.stdout, /Nothing was measured: 1 variant skipped/);
  assert.deepEqual(leftoverGunicorns(dir), []);
});

test('no PostgreSQL and no DATABASE_URL: skipped with the reason, and its database is never set up', async () => {
  const dir = scratchDir('nopg');
  const out = join(dir, 'results');
  const empty = join(dir, 'no-postgres');
  mkdirSync(empty);
  const mark = join(dir, 'setup-ran');
  const file = scenario(
    dir,
    `load:\n  requests: 100\n  mix: [{ path: /ok/ }]\nvariants:\n  - name: pg\n    services: [postgres]\n`,
    [`echo "$DATABASE_URL" >> ${mark}`],
  );
  const r = await leaklab(['run', file, '--out', out], { env: { DATABASE_URL: '', LEAKLAB_POSTGRES_BIN: empty } });
  assert.equal(r.code, 3, r.stderr);
  const v = runRecord(out).variants[0];
  assert.equal(v?.status, 'skipped');
  assert.match(
    v?.skipReason ?? '',
    /^needs PostgreSQL: set DATABASE_URL .*\(LEAKLAB_POSTGRES_BIN=.*no-postgres holds no initdb, postgres and createdb\)$/,
  );
  assert.equal(existsSync(mark), false, 'setup ran for a variant that never runs');
});

test('PostgreSQL variants on a server leaklab starts: setup runs once on it, both measured, nothing is left', {
  skip: !POSTGRES && 'PostgreSQL is not installed',
}, async () => {
  const dir = scratchDir('pg');
  const out = join(dir, 'results');
  const file = scenario(
    dir,
    `load:\n  requests: 7000\n  connections: 4\n  mix: [{ path: "/leaks/unclosed-cursor/?limit=50" }]\nvariants:\n  - name: pg-a\n    services: [postgres]\n  - name: pg-b\n    services: [postgres]\n    env: { LEAKLAB_CONN_MAX_AGE: "600" }\n`,
    ['python manage.py migrate --noinput', 'python manage.py seed_data --customers 0 --rows 300'],
  );
  const started = Date.now();
  const r = await leaklab(['run', file, '--out', out], { env: { DATABASE_URL: '' } });
  assert.equal(r.code, 0, r.stderr);
  const run = runRecord(out);
  for (const v of run.variants) {
    // This test is about the server's life, not the verdict: at ~200 req/s a 7,000-request run
    // sits near the flat/inconclusive line (a 14–20 B/request creep, seen both ways), never a leak.
    assert.equal(v.status, 'complete', v.name);
    assert.ok(v.verdict === 'flat' || v.verdict === 'inconclusive', `${v.name}: ${v.verdict}`);
    // The app's own SQLite file has no tables: 200s mean the rows came from PostgreSQL.
    assert.equal(v.load?.statusCodes['200'], 7000, v.name);
    assert.match(v.services?.[0]?.detail ?? '', /^started PostgreSQL \S+ on 127\.0\.0\.1:\d+$/);
  }
  assert.match(r.stderr, /setup against postgres:\/\/leaklab@127\.0\.0\.1:\d+\/leaklab_template/);
  assert.equal((r.stderr.match(/setup: python manage.py migrate/g) ?? []).length, 1, 'setup once, on the template');
  const port = portOf(run.variants[0]?.services?.[0]?.detail);
  assert.equal(await listening(port), false, 'postgres still listens');
  assert.deepEqual(processesMentioning(join(out, run.runId)), []);
  assert.deepEqual(
    readdirSync(join(out, run.runId)).filter((f) => f.startsWith('.services-')),
    [],
  );
  assert.ok(Date.now() - started < 120_000);
});

test('Ctrl-C during a Redis variant: exit 130, the redis-server and Gunicorn are stopped', {
  skip: !REDIS && 'redis-server is not installed',
}, async () => {
  const dir = scratchDir('redisint');
  const out = join(dir, 'results');
  const file = scenario(dir, `load:\n  duration: 60s\n  mix: [{ path: /ok/ }]\nvariants:\n  - name: r\n    services: [redis]\n`);
  const r = await leaklab(['run', file, '--out', out], { env: { REDIS_URL: '' }, interruptAfterMs: 8000 });
  assert.equal(r.code, 130, r.stderr);
  const m = /redis: started redis-server \S+ on 127\.0\.0\.1:(\d+)/.exec(r.stderr);
  assert.ok(m, r.stderr);
  assert.equal(await listening(Number(m[1])), false);
  assert.deepEqual(processesMentioning(`redis-server 127.0.0.1:${m[1]}`), []);
  assert.deepEqual(leftoverGunicorns(dir), []);
});

test('a harness that is SIGKILLed during a Redis variant leaves no redis-server behind', {
  skip: !REDIS && 'redis-server is not installed',
}, async () => {
  const dir = scratchDir('rediskill');
  const out = join(dir, 'results');
  const file = scenario(dir, `load:\n  duration: 60s\n  mix: [{ path: /ok/ }]\nvariants:\n  - name: r\n    services: [redis]\n`);
  const r = await leaklab(['run', file, '--out', out], {
    env: { REDIS_URL: '' },
    interruptAfterMs: 8000,
    interruptSignal: 'SIGKILL',
  });
  assert.equal(r.signal, 'SIGKILL');
  const m = /redis: started redis-server \S+ on 127\.0\.0\.1:(\d+)/.exec(r.stderr);
  assert.ok(m, r.stderr);
  // No cleanup code ran in the harness: the watchdog (polling each second) and Gunicorn's own
  // parent check do it, within a few seconds.
  const deadline = Date.now() + 10_000;
  while (
    Date.now() < deadline &&
    (processesMentioning(`redis-server 127.0.0.1:${m[1]}`).length > 0 || leftoverGunicorns(dir).length > 0)
  ) {
    await new Promise((res) => setTimeout(res, 250));
  }
  assert.deepEqual(processesMentioning(`redis-server 127.0.0.1:${m[1]}`), []);
  assert.equal(await listening(Number(m[1])), false);
  assert.deepEqual(leftoverGunicorns(dir), []);
});
