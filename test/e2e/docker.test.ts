// --target docker for real: the sample app's image, Gunicorn in a container on the host network
// and PID namespace, sampled through /proc as locally. Skipped, with the reason, where no Docker
// engine runs or no base image can be had (no registry and no scripts/docker-base-image.sh image).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LOCAL_BASE_IMAGE } from '../../src/app-server/docker-args.ts';
import { pollUntil } from '../../src/core/poll-until.ts';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab } from './cli.ts';

function dockerOk(args: string[]): string | null {
  try {
    return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
  } catch {
    return null;
  }
}

/** Why the real runs cannot happen here, or null when they can. */
function skipReason(): string | null {
  if (dockerOk(['version', '--format', '{{.Server.Version}}']) === null)
    return 'no reachable Docker engine (docker version failed)';
  const base = process.env.LEAKLAB_DOCKER_BASE_IMAGE;
  const anyLocal =
    dockerOk(['images', '-q', 'leaklab-app']) ||
    dockerOk(['images', '-q', base ?? LOCAL_BASE_IMAGE]) ||
    dockerOk(['images', '-q', 'python:3.11-slim']);
  if (!anyLocal)
    return `no base image to build on: run scripts/docker-base-image.sh (imports ${LOCAL_BASE_IMAGE}) or pull python:3.11-slim`;
  return null;
}

/** Pids of processes whose command line names `text` (pgrep -f). */
function pgrep(text: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', text], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function containersOf(runId: string): string[] {
  const out = dockerOk(['ps', '-a', '--filter', `name=leaklab-${runId}`, '--format', '{{.Names}}']) ?? '';
  return out.split('\n').filter(Boolean);
}

function runRecord(dir: string): RunRecord {
  return JSON.parse(readFileSync(join(dir, 'results', 'latest', 'run.json'), 'utf8')) as RunRecord;
}

const reason = skipReason();

test('global-list --target docker: the same verdicts as local, from /proc of the containerised workers', {
  timeout: 20 * 60_000,
}, async (t) => {
  if (reason) return t.skip(reason);
  const dir = scratchDir('docker');
  const r = await leaklab(
    ['run', 'global-list', '--quick', '--target', 'docker', '--variant', 'leaky,fixed', '--out', join(dir, 'results')],
    {
      timeoutMs: 18 * 60_000, // a cold image build is about a minute; a slow index, more
    },
  );
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const run = runRecord(dir);
  assert.equal(run.target, 'docker');
  assert.match(run.image?.tag ?? '', /^leaklab-app:[0-9a-f]{16}$/);
  assert.match(r.stdout, /target: docker, image leaklab-app:/);
  const verdicts = Object.fromEntries(run.variants.map((v) => [v.name, v.verdict]));
  assert.deepEqual(verdicts, { leaky: 'leak', fixed: 'flat' });
  const leaky = run.variants.find((v) => v.name === 'leaky');
  // 5.5 KiB/request locally: the same app, the same leak, measured through the host's /proc.
  assert.ok(leaky && leaky.slopeBytesPerRequest > 5000 && leaky.slopeBytesPerRequest < 6200, String(leaky?.slopeBytesPerRequest));
  assert.match(leaky?.container?.name ?? '', new RegExp(`^leaklab-${run.runId}-leaky-`));
  // Samples came from the workers' host pids with their request counters.
  const rows = readFileSync(join(dir, 'results', 'latest', 'samples.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  assert.ok(rows.length > 50, `${rows.length} samples`);
  assert.deepEqual(containersOf(run.runId), []);
});

test('a container memory limit: the OOM killer SIGKILLs leaking workers, counted from the cgroup', {
  timeout: 10 * 60_000,
}, async (t) => {
  if (reason) return t.skip(reason);
  const dir = scratchDir('docker-oom');
  const r = await leaklab([
    'run',
    'memory-limits',
    '--quick',
    '--target',
    'docker',
    '--variant',
    'container-memory-limit',
    '--out',
    join(dir, 'results'),
  ]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const run = runRecord(dir);
  const v = run.variants[0];
  assert.equal(v?.verdict, 'leak');
  assert.equal(v?.container?.memoryLimitMiB, 192);
  assert.ok((v?.container?.oomKills ?? 0) >= 1, JSON.stringify(v?.container));
  assert.ok((v?.container?.sigkilledWorkers ?? 0) >= 1, JSON.stringify(v?.container));
  assert.ok((v?.workerRestarts ?? 0) >= 1);
  assert.match(r.stdout, /OOM killer killed \d+ process/);
  assert.deepEqual(containersOf(run.runId), []);
});

test('Ctrl-C during a docker run exits 130 and leaves no container', { timeout: 10 * 60_000 }, async (t) => {
  if (reason) return t.skip(reason);
  const dir = scratchDir('docker-int');
  // Builds the image first if needed, so the interrupt lands in the storm.
  await leaklab([
    'run',
    'global-list',
    '--target',
    'docker',
    '--variant',
    'fixed',
    '--requests',
    '200',
    '--out',
    join(dir, 'warm'),
  ]);
  const r = await leaklab(
    ['run', 'global-list', '--target', 'docker', '--variant', 'leaky', '--duration', '60s', '--out', join(dir, 'results')],
    {
      interruptAfterMs: 9000,
    },
  );
  assert.equal(r.code, 130, r.stderr);
  const run = runRecord(dir);
  assert.equal(run.status, 'interrupted');
  assert.deepEqual(containersOf(run.runId), []);
});

test("a container's Gunicorn master SIGKILLed mid-storm ends the run within 2 s: failed with the cause, exit 3", {
  timeout: 10 * 60_000,
}, async (t) => {
  if (reason) return t.skip(reason);
  const dir = scratchDir('docker-master');
  const out = join(dir, 'results');
  const run = leaklab(['run', 'global-list', '--target', 'docker', '--variant', 'leaky', '--duration', '40s', '--out', out], {
    timeoutMs: 8 * 60_000,
  });
  // Mid-storm (the image may be built first): samples are on disk.
  const rows = () => {
    const csv = existsSync(join(out, 'latest', 'samples.csv')) ? readFileSync(join(out, 'latest', 'samples.csv'), 'utf8') : '';
    return csv.split('\n').length;
  };
  assert.equal(await pollUntil(() => rows() > 30, { timeoutMs: 7 * 60_000, intervalMs: 100 }), 'ready');
  // The master: a process naming the run folder whose parent does not (the container's shim), not the docker CLI.
  const ours = pgrep(`LEAKLAB_STATE_DIR=${out}`);
  const master = ours.filter((pid) => {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
    return !cmd.startsWith('docker') && !ours.includes(ppid);
  });
  assert.equal(master.length, 1, `one master among ${ours.join(',')}`);
  const killedAt = performance.now();
  process.kill(master[0]!, 'SIGKILL');
  const r = await run;
  const tookMs = performance.now() - killedAt;
  assert.equal(r.code, 3, r.stderr);
  assert.ok(tookMs < 2000, `exited ${Math.round(tookMs)} ms after the kill`);
  assert.match(r.stderr, /leaky failed: the Gunicorn master died \((master pid \d+ gone|SIGKILL \(container exit 137\))\) at/);
  const record = runRecord(dir);
  assert.equal(record.variants[0]?.status, 'failed');
  assert.deepEqual(containersOf(record.runId), []);
});

test('--target docker with no reachable engine exits 3 and says how to start one', async () => {
  const dir = scratchDir('nodocker');
  const r = await leaklab(['run', 'global-list', '--quick', '--target', 'docker', '--out', join(dir, 'results')], {
    env: { DOCKER_HOST: `unix://${join(dir, 'no-such-docker.sock')}` },
  });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /the Docker engine is not reachable/);
  assert.match(r.stderr, /hint: start the engine/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
});

test('--target docker without the docker command exits 3 and says what to install', async () => {
  const dir = scratchDir('nodockercli');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const r = await leaklab(['run', 'global-list', '--quick', '--target', 'docker', '--out', join(dir, 'results')], {
    env: { PATH: bin },
  });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /needs the docker command, which was not found/);
  assert.match(r.stderr, /hint: install Docker/);
});
