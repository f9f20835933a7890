// The storm's worker must load under both ways leaklab can be started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./register-fixture.js', import.meta.url));

function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test('the worker loads when tsx was registered with register() (as bin/leaklab.js does)', async () => {
  const stats = JSON.parse(await runNode([fixture]));
  assert.equal(stats.requests, 50);
  assert.deepEqual(stats.statusCodes, { '200': 50 });
});

test('the worker loads under node --import tsx', async () => {
  const stats = JSON.parse(await runNode(['--import', 'tsx', fixture]));
  assert.equal(stats.requests, 50);
});
