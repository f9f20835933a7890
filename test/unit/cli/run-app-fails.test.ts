// `leaklab run` in-process down to Gunicorn's start, with an app whose venv python is a stand-in
// that exits at once: the run directory, run.json, `latest` and exit 3 of an app that cannot
// start, and the Gunicorn command line and environment the flags and the scenario produce.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../../src/run-data/run-record.ts';
import { scratchDir } from '../../scratch.ts';
import { leaklab } from './cli-harness.ts';
import { appThatNeverStarts, SCENARIO } from './stand-in-app.ts';

test('an app that exits before it is ready: exit 3, the reason, and a failed run recorded under latest', async () => {
  const { dir, file } = appThatNeverStarts();
  const out = join(dir, 'results');
  const r = await leaklab(['run', file, '--variant', 'first', '--out', out]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /^leaklab: fails — c\n/);
  assert.match(r.stderr, /\[1\/1\] first: 2 sync workers, 8 connections, 100 requests/);
  assert.match(
    r.stderr,
    /leaklab: first failed: Gunicorn exited \(code 0\) before the app was ready \(the full log is .*first-gunicorn\.log\)/,
  );
  assert.match(r.stdout, /^first +failed +flat /m);

  const latest = join(out, 'latest');
  assert.match(readlinkSync(latest), /^\d{8}-\d{6}-fails$/);
  const run = JSON.parse(readFileSync(join(latest, 'run.json'), 'utf8')) as RunRecord;
  assert.equal(run.status, 'failed');
  assert.equal(run.scenario, 'fails');
  assert.deepEqual(
    run.variants.map((v) => [v.name, v.status]),
    [['first', 'failed']],
    '--variant ran only first',
  );
  assert.match(run.variants[0]?.error ?? '', /Gunicorn exited \(code 0\) before the app was ready/);
  assert.equal(run.variants[0]?.verdict, undefined, 'a failed variant is never judged');
  assert.equal(readFileSync(join(latest, 'scenario.yaml'), 'utf8'), SCENARIO, 'the scenario is kept with the run');
  assert.ok(existsSync(join(latest, 'logs', 'first-gunicorn.log')));
  assert.ok(existsSync(join(latest, 'summary.md')) && existsSync(join(latest, 'report.html')), 'a failed run is still reported');
});

test('flags and the scenario reach Gunicorn: workers, max_requests, connections, env from io and the scenario only', async () => {
  const { dir, file, python } = appThatNeverStarts();
  process.env.LEAKLAB_TEST_PROCESS_ONLY = 'leaked';
  let r: Awaited<ReturnType<typeof leaklab>>;
  try {
    r = await leaklab(
      ['run', file, '--variant', 'second', '--workers', '3', '--connections', '5', '--out', join(dir, 'results')],
      {
        env: { FROM_IO: 'io' },
      },
    );
  } finally {
    delete process.env.LEAKLAB_TEST_PROCESS_ONLY;
  }
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /\[1\/1\] second: 3 sync workers, max_requests 500±20, 5 connections, 100 requests/);
  const gunicorn = readFileSync(`${python}.calls`, 'utf8')
    .split('\n')
    .find((l) => l.includes(' -m gunicorn ')); // after the parent-death wrapper's `-c ...`
  assert.ok(gunicorn, 'Gunicorn was started with the venv python');
  assert.match(gunicorn, / --workers 3 /);
  assert.match(gunicorn, / --worker-class sync /);
  assert.match(gunicorn, / --max-requests 500 --max-requests-jitter 20 /);
  assert.match(gunicorn, / --bind 127\.0\.0\.1:\d+ /);
  assert.match(gunicorn, / config\.wsgi:application$/, 'the default WSGI entry point');
  const env = readFileSync(`${python}.env`, 'utf8');
  assert.match(env, /^FROM_IO=io$/m, "the CliIo's environment");
  assert.match(env, /^FROM_APP_ENV=scenario$/m, 'app.env');
  assert.match(env, /^FROM_VARIANT=second$/m, "the variant's env");
  assert.match(env, new RegExp(`^VIRTUAL_ENV=${join(dir, 'app', '.venv')}$`, 'm'));
  assert.doesNotMatch(env, /LEAKLAB_TEST_PROCESS_ONLY/, 'nothing from the process environment that the io did not hand in');
});

test('an app folder without its requirements file: exit 3 before any run directory is made', async () => {
  const dir = scratchDir('cli-fails');
  mkdirSync(join(dir, 'app'));
  const file = join(dir, 'fails.yaml');
  writeFileSync(file, SCENARIO);
  const r = await leaklab(['run', file, '--out', join(dir, 'results')]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, new RegExp(`leaklab: requirements file not found: ${join(dir, 'app', 'requirements.txt')}`));
  assert.equal(r.stdout, '');
  assert.ok(!existsSync(join(dir, 'results')));
});
