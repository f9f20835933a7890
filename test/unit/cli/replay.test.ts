// `leaklab replay`: a recorded run (global-list --quick) played over the live server, and the
// bad input it refuses before serving anything.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/app.ts';
import type { LiveMessage } from '../../../src/live/messages.ts';
import { scratchDir } from '../../scratch.ts';
import { leaklab, ROOT, recordedRunDir } from './cli-harness.ts';

test('replay of a folder that is not a run: exit 2 naming what is missing', async () => {
  const dir = join(scratchDir('replay-bad'), 'empty');
  mkdirSync(dir, { recursive: true });
  const r = await leaklab(['replay', dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is not a leaklab run directory \(no run\.json\)/);
  assert.match(r.stderr, /hint: pass a folder under results\//);
  const missing = await leaklab(['replay', join(dir, 'nope')]);
  assert.equal(missing.code, 2);
});

test('replay refuses a bad speed or port, and damaged samples naming the line', async () => {
  const dir = recordedRunDir('replay-flags');
  for (const [flag, value, message] of [
    ['--speed', '0', /--speed 0 is not a speed/],
    ['--speed', 'fast', /--speed fast is not a speed/],
    ['--port', '70000', /--port 70000 is not a port/],
  ] as const) {
    const r = await leaklab(['replay', dir, flag, value]);
    assert.equal(r.code, 2, `${flag} ${value}`);
    assert.match(r.stderr, message);
  }
  writeFileSync(join(dir, 'samples.csv'), 't_ms,variant,pid,slot,requests,rss,uss,pss\n0,leaky,1,0,x,1,,\n1,leaky,1,0,1,1,,\n');
  const r = await leaklab(['replay', dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /samples\.csv:2/);
});

test('replay --once at 1000×: every variant, restarts and warm-up, then it stops serving', async () => {
  const dir = recordedRunDir('replay-once');
  let stderr = '';
  let announced: (url: string) => void = () => {};
  const url = new Promise<string>((r) => {
    announced = r;
  });
  const code = runCli(['replay', dir, '--speed', '1000', '--once'], {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (m) announced(m[1]!);
    },
    stderrIsTTY: false,
    color: false,
    env: {},
    cwd: ROOT,
    signal: new AbortController().signal,
    onEmergencyKill: () => () => {},
  });
  const res = await fetch(`${await url}events`);
  const text = await res.text();
  assert.equal(await code, 0, stderr);
  const messages = text
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => JSON.parse(l.slice(6)) as LiveMessage);
  assert.match(text, /event: done/, 'the stream is ended for good (no reconnect and replay)');
  assert.equal(messages[0]?.type, 'run');
  assert.deepEqual(
    messages.filter((m) => m.type === 'variant').map((m) => m.type === 'variant' && m.name),
    ['leaky', 'fixed', 'leaky-max-requests'],
  );
  const rows = messages.flatMap((m) => (m.type === 'rows' ? m.rows : []));
  const csvRows = readFileSync(join(dir, 'samples.csv'), 'utf8').trim().split('\n').length - 1;
  assert.equal(rows.length, csvRows, 'every sample of samples.csv');
  assert.ok(
    messages.some((m) => m.type === 'rows' && m.restarts.length > 0),
    'max_requests restarts are marked',
  );
  assert.ok(messages.some((m) => m.type === 'warmup' && m.done));
  assert.deepEqual(messages.at(-1), { type: 'end', status: 'complete', navigate: true }, 'no report.html: no link');
});
