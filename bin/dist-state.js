// Whether dist/ (the compiled CLI) can run: missing, older than a source file, or fine.
// Plain JS and node: imports only, because it runs before anything compiled is loaded.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * `missing`: no dist/cli/main.js. `stale`: a file under src/ changed after the last build
 * (only in a checkout, where src/ sits next to dist/). Costs ~1 ms: one stat per source file.
 */
export function distState(root) {
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'cli', 'main.js'))) return { state: 'missing' };
  const src = join(root, 'src');
  const stamp = join(dist, '.build-stamp');
  if (!existsSync(src) || !existsSync(stamp)) return { state: 'ok' };
  const builtAt = statSync(stamp).mtimeMs;
  for (const e of readdirSync(src, { recursive: true, withFileTypes: true })) {
    // Documentation and Python's byte code are not build inputs: editing them needs no build.
    if (!e.isFile() || /\.(md|pyc)$/.test(e.name)) continue;
    const file = join(e.parentPath, e.name);
    if (statSync(file).mtimeMs > builtAt) return { state: 'stale', newer: relative(root, file) };
  }
  return { state: 'ok' };
}
