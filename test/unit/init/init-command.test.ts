// `leaklab init` through the command line's own seam (runCli with a CliIo), in-process: the
// refusals that come before any Python runs, each with its exit code and message.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/app.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { scratchDir } from '../../scratch.ts';

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stderrIsTTY: false,
    color: false,
    env: { PATH: process.env.PATH },
    cwd,
    signal: new AbortController().signal,
    onEmergencyKill: () => () => {},
  };
}

const MANAGE_PY = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n";

function project(files: Record<string, string> = {}): string {
  const dir = scratchDir('init-cli');
  writeFileSync(join(dir, 'manage.py'), MANAGE_PY);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('an existing leaklab.yaml is kept: exit 2 and the --force hint, before any Python runs', async () => {
  const dir = project({ 'leaklab.yaml': 'mine\n' });
  const cli = io(dir);
  assert.equal(await runCli(['init'], cli), 2);
  assert.match(cli.err.join(''), /leaklab\.yaml exists already\n {2}hint: pass --force to overwrite it/);
  assert.equal(readFileSync(join(dir, 'leaklab.yaml'), 'utf8'), 'mine\n');
});

test('no manage.py here or one level down: exit 2', async () => {
  const dir = scratchDir('init-cli-none');
  const cli = io(dir);
  assert.equal(await runCli(['init', '.'], cli), 2);
  assert.match(cli.err.join(''), /no manage\.py in /);
});

test('a manage.py that names no settings module: exit 2', async () => {
  const dir = project();
  writeFileSync(join(dir, 'manage.py'), 'print(1)\n');
  const cli = io(dir);
  assert.equal(await runCli(['init'], cli), 2);
  assert.match(cli.err.join(''), /does not set DJANGO_SETTINGS_MODULE/);
});

test('a project with nothing to install from: exit 3, suggesting --python', async () => {
  const dir = project();
  const cli = io(dir);
  assert.equal(await runCli(['init'], cli), 3);
  assert.match(
    cli.err.join(''),
    /has no venv \(\.venv\/, venv\/\), requirements\.txt or pyproject\.toml\n {2}hint: pass --python/,
  );
  assert.equal(existsSync(join(dir, 'leaklab.yaml')), false);
});

test('a poetry project without a venv: exit 3 with where poetry keeps it', async () => {
  const dir = project({ 'poetry.lock': '', 'pyproject.toml': '[tool.poetry]\n' });
  const cli = io(dir);
  assert.equal(await runCli(['init'], cli), 3);
  assert.match(cli.err.join(''), /managed by poetry.*\n.*poetry env info -p.*for init: --python <that venv>/);
});

test('--python at a path that does not exist: exit 3, relative to where init runs', async () => {
  const dir = project();
  mkdirSync(join(dir, 'sub'));
  const cli = io(join(dir, 'sub'));
  assert.equal(await runCli(['init', '..', '--python', 'nowhere/.venv'], cli), 3);
  assert.match(cli.err.join(''), new RegExp(`no such interpreter or venv: ${join(dir, 'sub', 'nowhere', '.venv')}`));
});

test('init --help names the flags', async () => {
  const cli = io(scratchDir('init-help'));
  assert.equal(await runCli(['init', '--help'], cli), 0);
  const help = cli.out.join('');
  assert.match(help, /--python <path>/);
  assert.match(help, /--force/);
  assert.match(help, /Next: leaklab run/);
});
