// The storm's worker must load from src/ under both ways tsx can be set up (the compiled worker
// in dist/ is tested in test/unit/scripts/build.test.ts).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
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

test('the worker loads when tsx was registered with register() (through its API, no --import flag)', async () => {
  const stats = JSON.parse(await runNode([fixture]));
  assert.equal(stats.requests, 50);
  assert.deepEqual(stats.statusCodes, { '200': 50 });
});

test('the worker loads under node --import tsx', async () => {
  const stats = JSON.parse(await runNode(['--import', 'tsx', fixture]));
  assert.equal(stats.requests, 50);
});
