// `npm run build`: compiles src/ into dist/ with tsc (tsconfig.build.json), then copies the
// non-TypeScript files the code loads next to itself (new URL('./x', import.meta.url)).
// Plain JS so it runs at install time before anything is compiled.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Written last: bin/leaklab.js compares src/ against its time to warn about a stale build. */
export const STAMP = '.build-stamp';

// .ts is compiled; .js in src are the tsx shims of the worker threads (dist has the compiled ones
// under that name); .md files are documentation.
const NOT_ASSETS = new Set(['.ts', '.js', '.md']);

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

export function build(root = ROOT) {
  const distDir = join(root, 'dist');
  // From scratch: a renamed or deleted source must not leave its old .js behind.
  rmSync(distDir, { recursive: true, force: true });
  // typescript's "exports" hide bin/tsc from resolve(); its package.json names the file.
  const tsPackage = createRequire(join(root, 'package.json')).resolve('typescript/package.json');
  const tsc = join(dirname(tsPackage), JSON.parse(readFileSync(tsPackage, 'utf8')).bin.tsc);
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  const copied = copyAssets(join(root, 'src'), distDir);
  writeFileSync(join(distDir, STAMP), `${new Date().toISOString()}\n`);
  return copied;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const copied = build();
    process.stderr.write(`leaklab: built dist/ (${copied.length} asset${copied.length === 1 ? '' : 's'} copied)\n`);
  } catch (err) {
    // tsc already printed its errors; the stack of execFileSync adds nothing.
    process.stderr.write(`leaklab: build failed: ${err.message.split('\n')[0]}\n`);
    process.exit(1);
  }
}
