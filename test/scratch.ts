// Scratch folders for tests: one root per test process (node:test runs each file in its own),
// removed when that process exits, so runs, logs and databases do not pile up in /tmp.
// LEAKLAB_KEEP_TEST_DIRS=1 keeps them, to look at what a failing test left.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let root: string | null = null;

export function scratchDir(prefix: string): string {
  if (root === null) {
    const r = mkdtempSync(join(tmpdir(), 'leaklab-test-'));
    root = r;
    if (!process.env.LEAKLAB_KEEP_TEST_DIRS) process.on('exit', () => rmSync(r, { recursive: true, force: true }));
  }
  return mkdtempSync(join(root, `${prefix}-`));
}
