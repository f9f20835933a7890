// `--version` (and -V) on the program and on every command, from package.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { leaklab, ROOT } from './cli-harness.ts';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test("leaklab --version and -V print package.json's version and exit 0", async () => {
  assert.match(VERSION, /^\d+\.\d+\.\d+/);
  for (const flag of ['--version', '-V']) {
    const r = await leaklab([flag]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${VERSION}\n`);
  }
});

test('every command takes --version, before or after its arguments', async () => {
  for (const argv of [
    ['run', '--version'],
    ['list', '--version'],
    ['report', '--version'],
    ['compare', '--version'],
    ['compare', 'a', 'b', '--version'],
    ['demo', '--version'],
    ['init', '--version'],
    ['setup', '--version'],
    ['schema', '--version'],
  ]) {
    const r = await leaklab(argv);
    assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, `${VERSION}\n`, argv.join(' '));
  }
});

test('--help lists --version', async () => {
  assert.match((await leaklab(['--help'])).stdout, /-V, --version +print the leaklab version/);
  assert.match((await leaklab(['compare', '--help'])).stdout, /-V, --version +print the leaklab version/);
});
