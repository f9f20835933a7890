// `npm run build`: bundles src/ into dist/ with esbuild, then copies the non-TypeScript files the
// code loads (new URL('../<folder>/x', import.meta.url)) to the same folder under dist/.
// Plain JS so it runs at install time before anything is compiled. Type checking is `npm run
// typecheck` (tsc), which npm test runs; the build only transpiles.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Written last: bin/leaklab.js compares src/ against its time to warn about a stale build. */
export const STAMP = '.build-stamp';

// .ts is compiled; .js in src are the tsx shims of the worker threads (dist has the bundled ones
// under that name); .md files are documentation.
const NOT_ASSETS = new Set(['.ts', '.js', '.md']);

/**
 * Why a bundle rather than tsc's one .js per source: Node 20's ESM loader pays per file, and zod
 * alone is ~100 files; one chunk per lazily imported command halves a failed validation's start.
 */
export const ENTRY_POINTS = ['cli/main.ts', 'load/storm-worker.ts', 'pipeline/live-verdict-worker.ts'];

/**
 * Left to Node's own resolution: a native addon (resvg), and packages only the run and render
 * paths load, whose size would only slow the build (and vega's optional `canvas` cannot resolve).
 */
export const EXTERNAL = ['@resvg/resvg-js', 'dejavu-fonts-ttf', 'execa', 'undici', 'vega', 'vega-lite'];

// commander and yaml are CommonJS: bundled into ESM they call require() for Node's built-ins.
const REQUIRE_BANNER =
  "import { createRequire as leaklabCreateRequire } from 'node:module'; const require = leaklabCreateRequire(import.meta.url);";

/** Files under srcDir, relative to it, that the build copies as they are. */
export function assetFiles(srcDir) {
  return readdirSync(srcDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !NOT_ASSETS.has(extname(e.name)) && !e.name.endsWith('.pyc'))
    .map((e) => relative(srcDir, join(e.parentPath, e.name)))
    .sort();
}

export function copyAssets(srcDir, distDir) {
  const files = assetFiles(srcDir);
  for (const file of files) {
    mkdirSync(dirname(join(distDir, file)), { recursive: true });
    copyFileSync(join(srcDir, file), join(distDir, file));
  }
  return files;
}

export async function build(root = ROOT) {
  const srcDir = join(root, 'src');
  const distDir = join(root, 'dist');
  // From scratch: a renamed or deleted source must not leave its old .js behind.
  rmSync(distDir, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS.map((e) => join(srcDir, e)),
    outbase: srcDir,
    outdir: distDir,
    // Every output sits one folder below dist/ (cli/, load/, chunks/), as every source sits one
    // folder below src/: that is what keeps the '../<folder>/x' asset URLs right in both.
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_BANNER },
    // Linked maps: bin/leaklab.js turns them on only for --verbose (they slow every import).
    sourcemap: true,
    logLevel: 'warning',
  });
  const copied = copyAssets(srcDir, distDir);
  writeFileSync(join(distDir, STAMP), `${new Date().toISOString()}\n`);
  return copied;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const copied = await build();
    process.stderr.write(`leaklab: built dist/ (${copied.length} asset${copied.length === 1 ? '' : 's'} copied)\n`);
  } catch (err) {
    // esbuild already printed its errors with file and line; its stack adds nothing.
    process.stderr.write(`leaklab: build failed: ${err.message.split('\n')[0]}\n`);
    process.exit(1);
  }
}
