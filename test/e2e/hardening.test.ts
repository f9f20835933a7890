// Nothing orphaned, nothing lost: a harness killed the moment Gunicorn appears leaves no process,
// a master killed mid-run ends the run at once with its cause (exit 3), and a killed run is
// recovered by `leaklab report`. The long sweep of random kills is `npm run bench -- --part kills`.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pollUntil } from '../../src/core/poll-until.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns, ROOT } from './cli.ts';

const BIN = join(ROOT, 'bin/leaklab.js');

/** Pids of processes whose command line names `text` (pgrep -f), this test's own excluded. */
function pgrep(text: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', text], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Rows in the samples.csv of the one run under `out` (0 before it exists). */
function sampleRows(out: string): number {
  const dirs = existsSync(out) ? readdirSync(out).filter((d) => d !== 'latest') : [];
  const csv = dirs[0] ? join(out, dirs[0], 'samples.csv') : '';
  return csv !== '' && existsSync(csv) ? readFileSync(csv, 'utf8').split('\n').length - 2 : 0;
}

function runDirOf(out: string): string {
  const dirs = readdirSync(out).filter((d) => d !== 'latest');
  assert.equal(dirs.length, 1, `one run under ${out}: ${dirs.join(', ')}`);
  return join(out, dirs[0]!);
}

test('a harness SIGKILLed the moment the Gunicorn master appears leaves no Gunicorn behind', async () => {
  const out = scratchDir('kill-early');
  const harness = spawn(process.execPath, [BIN, 'run', 'global-list', '--variant', 'leaky', '--duration', '20s', '--out', out], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  // The master (still the wrapper, or Gunicorn already) names the run folder on its command line.
  assert.equal(await pollUntil(() => pgrep(out).length > 0, { timeoutMs: 30_000, intervalMs: 5 }), 'ready');
  harness.kill('SIGKILL');
  await new Promise((r) => harness.on('close', r));
  const gone = await pollUntil(() => pgrep(out).length === 0, { timeoutMs: 5000, intervalMs: 50 });
  assert.equal(gone, 'ready', `left running: ${leftoverGunicorns(out).join('\n')}`);
});

test('a Gunicorn master SIGKILLed mid-run ends the run within 2 s: failed with the cause, exit 3', async () => {
  const out = scratchDir('kill-master');
  const run = leaklab(['run', 'global-list', '--variant', 'leaky', '--duration', '30s', '--out', out], { timeoutMs: 60_000 });
  // Mid-storm: the first samples are on disk.
  assert.equal(await pollUntil(() => sampleRows(out) > 20, { timeoutMs: 40_000, intervalMs: 50 }), 'ready');
  const masters = pgrep(`LEAKLAB_STATE_DIR=${out}`).filter((pid) => {
    const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
    return !pgrep(`LEAKLAB_STATE_DIR=${out}`).includes(ppid);
  });
  assert.equal(masters.length, 1, `one master: ${masters.join(',')}`);
  const killedAt = performance.now();
  process.kill(masters[0]!, 'SIGKILL');
  const result = await run;
  const tookMs = performance.now() - killedAt;
  assert.equal(result.code, 3, result.stderr);
  assert.ok(tookMs < 2000, `exited ${Math.round(tookMs)} ms after the kill`);
  assert.match(result.stderr, /leaky failed: the Gunicorn master died \(SIGKILL\) at \d+\.\d s/);
  const record = JSON.parse(readFileSync(join(runDirOf(out), 'run.json'), 'utf8'));
  assert.equal(record.status, 'failed');
  assert.equal(record.variants[0].status, 'failed');
  assert.match(record.variants[0].error, /master died \(SIGKILL\)/);
  assert.deepEqual(leftoverGunicorns(out), [], 'the workers went with it');
});

test('a SIGKILLed run is recovered by `report` (interrupted, judged), and `clean` removes its scratch folder', async () => {
  const out = scratchDir('kill-report');
  const harness = spawn(process.execPath, [BIN, 'run', 'global-list', '--variant', 'leaky', '--duration', '40s', '--out', out], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const closed = new Promise((r) => harness.on('close', (_c, signal) => r(signal)));
  // Killed once the storm has gathered enough to judge (a few thousand requests per worker).
  assert.equal(await pollUntil(() => sampleRows(out) > 400, { timeoutMs: 60_000, intervalMs: 50 }), 'ready');
  harness.kill('SIGKILL');
  assert.equal(await closed, 'SIGKILL');
  const dir = runDirOf(out);
  assert.equal(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).status, 'running', 'run.json was there from the start');
  assert.equal(await pollUntil(() => pgrep(out).length === 0, { timeoutMs: 5000, intervalMs: 50 }), 'ready');

  const report = await leaklab(['report', dir]);
  // `report` exits as the run did: a killed run is an interrupted one.
  assert.equal(report.code, 130, report.stderr);
  assert.match(report.stdout, /leaky\s+leak, interrupted/);
  assert.match(report.stdout, /Run interrupted\./);
  const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  assert.equal(record.status, 'interrupted');
  assert.deepEqual([record.variants[0].status, record.variants[0].verdict], ['interrupted', 'leak']);

  assert.ok(
    readdirSync(dir).some((f) => f.startsWith('.state-')),
    'the kill left the scratch folder',
  );
  // At once: the folder's name says its owner (the killed harness) is gone, so no age rule waits.
  const clean = await leaklab(['clean', out]);
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, /removed 1 scratch folder/);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
  );
});

/** A scenario on the sample app whose app.setup is `setup` (one command). */
function setupScenario(dir: string, setup: string): string {
  const file = join(dir, 'setup.yaml');
  writeFileSync(
    file,
    `name: setup-guard\ntitle: t\nclaim: c\napp:\n  dir: ${join(ROOT, 'sample-django-app')}\n  setupTimeout: 20s\n  setup:\n    - ${setup}\nload:\n  duration: 3s\n  mix: [{ path: /ok/ }]\nvariants:\n  - name: only\n    expect: flat\n`,
  );
  return file;
}

test('a harness SIGKILLed during app.setup leaves no setup process; a missing setup command is exit 2 naming it', async () => {
  const dir = scratchDir('setup-kill');
  const marker = `${4000 + Math.floor(Math.random() * 4000)}.${process.pid}`;
  const harness = spawn(process.execPath, [BIN, 'run', setupScenario(dir, `sleep ${marker}`), '--out', join(dir, 'results')], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const closed = new Promise((r) => harness.on('close', r));
  assert.equal(await pollUntil(() => pgrep(`sleep ${marker}`).length > 0, { timeoutMs: 30_000, intervalMs: 20 }), 'ready');
  harness.kill('SIGKILL');
  await closed;
  const gone = await pollUntil(() => pgrep(`sleep ${marker}`).length === 0, { timeoutMs: 4000, intervalMs: 50 });
  assert.equal(gone, 'ready', `left running: ${pgrep(`sleep ${marker}`).join(', ')}`);

  const missing = await leaklab(['run', setupScenario(dir, 'no-such-migrate-tool --noinput'), '--out', join(dir, 'results')]);
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /setup command was not found: no-such-migrate-tool --noinput/);
  assert.deepEqual(leftoverGunicorns(dir), [], 'no Gunicorn started');
});
