// bin/leaklab.js decides from distState whether the compiled CLI can run.

import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { distState } from '../../../bin/dist-state.js';
import { scratchDir } from '../../scratch.ts';

const HOUR_S = 3600;

/** A project folder with src/ (edited 2 h ago) and, unless told otherwise, a dist/ stamped 1 h ago. */
function project(opts: { built?: boolean; stamp?: boolean; src?: boolean } = {}): string {
  const root = scratchDir('dist-state');
  const now = Date.now() / 1000;
  if (opts.src ?? true) {
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export {};\n');
    utimesSync(join(root, 'src', 'cli', 'main.ts'), now - 2 * HOUR_S, now - 2 * HOUR_S);
  }
  if (opts.built ?? true) {
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), 'export {};\n');
    if (opts.stamp ?? true) {
      writeFileSync(join(root, 'dist', '.build-stamp'), 'x\n');
      utimesSync(join(root, 'dist', '.build-stamp'), now - HOUR_S, now - HOUR_S);
    }
  }
  return root;
}

test('no dist/cli/main.js is missing', () => {
  assert.deepEqual(distState(project({ built: false })), { state: 'missing' });
});

test('a build newer than every source is ok', () => {
  assert.deepEqual(distState(project()), { state: 'ok' });
});

test('a source changed after the build is stale, and names the file', () => {
  const root = project();
  mkdirSync(join(root, 'src', 'load'));
  writeFileSync(join(root, 'src', 'load', 'engine.ts'), 'export {};\n'); // written now: after the stamp
  assert.deepEqual(distState(root), { state: 'stale', newer: join('src', 'load', 'engine.ts') });
});

test('a changed asset (not only .ts) makes the build stale too: it is copied into dist', () => {
  const root = project();
  writeFileSync(join(root, 'src', 'cli', 'hooks.py'), '# new\n');
  assert.equal(distState(root).state, 'stale');
});

test('an edited README or Python byte code under src/ needs no build', () => {
  const root = project();
  writeFileSync(join(root, 'src', 'cli', 'README.md'), '# notes\n');
  mkdirSync(join(root, 'src', 'cli', '__pycache__'));
  writeFileSync(join(root, 'src', 'cli', '__pycache__', 'hooks.cpython-311.pyc'), 'x');
  assert.deepEqual(distState(root), { state: 'ok' });
});

test('without src/ (an installed package) a present build is ok', () => {
  assert.deepEqual(distState(project({ src: false })), { state: 'ok' });
});

test('a build without a stamp (made by tsc alone) is not called stale', () => {
  const root = project({ stamp: false });
  writeFileSync(join(root, 'src', 'cli', 'app.ts'), 'export {};\n');
  assert.deepEqual(distState(root), { state: 'ok' });
});
