import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { oomCounterFile, parseOomKills, readOomKills, sigkilledWorkers } from '../../../src/app-server/docker-cgroup.ts';
import { scratchDir } from '../../scratch.ts';

test('cgroup v1: the memory controller line leads to memory.oom_control', () => {
  const text = '9:name=systemd:/docker/abc\n4:memory:/docker/abc\n1:cpu,cpuacct:/docker/abc\n0::/\n';
  assert.equal(oomCounterFile(text, '/cg'), '/cg/memory/docker/abc/memory.oom_control');
});

test('cgroup v2: the unified line leads to memory.events', () => {
  assert.equal(oomCounterFile('0::/system.slice/docker-abc.scope\n', '/cg'), '/cg/system.slice/docker-abc.scope/memory.events');
  assert.equal(oomCounterFile('garbage', '/cg'), null);
});

test('oom_kill is read from either file; an old kernel without it gives null', () => {
  assert.equal(parseOomKills('oom_kill_disable 0\nunder_oom 0\noom_kill 3\n'), 3);
  assert.equal(parseOomKills('low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n'), 2);
  assert.equal(parseOomKills('oom_kill_disable 0\nunder_oom 0\n'), null);
});

test('readOomKills follows /proc/<pid>/cgroup to the counter', () => {
  const root = scratchDir('cg');
  mkdirSync(join(root, 'proc', '42'), { recursive: true });
  writeFileSync(join(root, 'proc', '42', 'cgroup'), '4:memory:/docker/abc\n');
  // The real /sys/fs/cgroup is not ours to write: a pid without a readable cgroup gives null.
  assert.equal(readOomKills(42, join(root, 'proc')), null);
  assert.equal(readOomKills(999_999, join(root, 'proc')), null);
});

test("Gunicorn's log names the workers that died of SIGKILL", () => {
  const log = [
    '[2026-11-26 09:40:48 +0000] [20009] [ERROR] Worker (pid:20024) was sent SIGKILL! Perhaps out of memory?',
    '[2026-11-26 09:40:49 +0000] [20147] [INFO] Booting worker with pid: 20147',
    '[2026-11-26 09:41:00 +0000] [20009] [ERROR] Worker (pid:20023) was sent SIGKILL! Perhaps out of memory?',
    '[2026-11-26 09:41:02 +0000] [20009] [ERROR] Worker (pid:20025) was sent SIGHUP!',
  ].join('\n');
  assert.deepEqual(sigkilledWorkers(log), [20024, 20023]);
});
