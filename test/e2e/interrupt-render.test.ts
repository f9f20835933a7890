// Ctrl-C while the chart and report are rendered: the run ends 130 (the outputs still written),
// never "stopping, keeping the data" and then 0. The render phase is hit for certain: the
// SIGINT goes out on the line that starts it, and LEAKLAB_TEST_RENDER_PAUSE_MS holds it open.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scratchDir } from '../scratch.ts';
import { leftoverGunicorns, ROOT } from './cli.ts';

const BIN = join(ROOT, 'bin/leaklab.js');

test('SIGINT during rendering: exit 130 after "stopping", outputs written, no Gunicorn left', async () => {
  const out = scratchDir('interrupt-render');
  const child = spawn(process.execPath, [BIN, 'run', 'global-list', '--variant', 'leaky', '--duration', '4s', '--out', out], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', LEAKLAB_TEST_RENDER_PAUSE_MS: '1500' },
  });
  let stderr = '';
  let interruptedAt = -1;
  child.stderr.on('data', (d) => {
    stderr += d;
    if (interruptedAt < 0 && stderr.includes('rendering the chart and the report')) {
      interruptedAt = stderr.length;
      child.kill('SIGINT');
    }
  });
  child.stdout.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise((r) => child.on('close', r));
  clearTimeout(timer);
  assert.ok(interruptedAt > 0, `the render line never came:\n${stderr}`);
  assert.match(stderr, /SIGINT: stopping, keeping the data/);
  assert.equal(code, 130, stderr);
  const [run] = readdirSync(out).filter((d) => d !== 'latest');
  assert.ok(existsSync(join(out, run!, 'report.html')), 'rendering finished all the same');
  const record = JSON.parse(readFileSync(join(out, run!, 'run.json'), 'utf8'));
  assert.equal(record.variants[0].status, 'complete', 'the storm had ended: its data is whole');
  assert.deepEqual(leftoverGunicorns(out), []);
});
