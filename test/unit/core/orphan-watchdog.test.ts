import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readText } from '../../../src/core/log-file.ts';
import { startOrphanWatchdog } from '../../../src/core/orphan-watchdog.ts';
import { pollUntil } from '../../../src/core/poll-until.ts';
import { type ProcessGroup, spawnGroup } from '../../../src/core/process-group.ts';
import { scratchDir } from '../../scratch.ts';
import { alive } from '../fixtures/processes.ts';

const WATCHDOG = fileURLToPath(new URL('../../../src/core/orphan-watchdog.ts', import.meta.url));
const env = { PATH: process.env.PATH };
const groups: ProcessGroup[] = [];
after(() => Promise.all(groups.map((g) => g.stop())));

test('a harness that is SIGKILLed leaves no group behind: its watchdog kills it', async () => {
  const logFile = join(scratchDir('watchdog'), 'server.log');
  const server = spawnGroup('/bin/sh', ['-c', 'sleep 300 & echo ready; wait'], { env, logFile }, { graceMs: 1000 });
  groups.push(server);
  assert.equal(await pollUntil(() => readText(logFile).includes('ready'), { timeoutMs: 10_000, intervalMs: 10 }), 'ready');
  // A stand-in harness: it starts the watchdog for the group, says so, and waits to be killed.
  const code = `import(${JSON.stringify(WATCHDOG)}).then((m) => { m.watchProcessGroup(${server.pid}, process.env); console.log('watching'); setInterval(() => {}, 1000); });`;
  const harness = spawn(process.execPath, ['--import', 'tsx', '-e', code], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  harness.stdout.on('data', (d) => (out += d));
  assert.equal(
    await pollUntil(() => out.includes('watching'), { timeoutMs: 30_000, intervalMs: 20 }),
    'ready',
    'the stand-in harness never started its watchdog',
  );
  assert.ok(alive(server.pid!));
  harness.kill('SIGKILL');
  const gone = await pollUntil(() => !alive(server.pid!), { timeoutMs: 10_000, intervalMs: 50 });
  assert.equal(gone, 'ready', 'the group outlived its SIGKILLed harness');
  await server.exited;
  assert.equal(server.exitCode(), null, 'killed by a signal');
});

test('a watchdog that is stopped never runs its command', async () => {
  const marker = join(scratchDir('watchdog-stopped'), 'ran');
  const w = startOrphanWatchdog('touch "$1"', [marker], env);
  w.stop();
  w.stop();
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(existsSync(marker), false, 'the command did not run');
});
