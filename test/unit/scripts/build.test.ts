// scripts/build.js: dist/ must hold a runnable bundle of src/ — every chunk importing files that
// exist, every file loaded relative to import.meta.url found from dist as from src, no tsx needed.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assetFiles, build, copyAssets, ENTRY_POINTS, STAMP } from '../../../scripts/build.js';
import { scratchDir } from '../../scratch.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = join(ROOT, 'src');
const STORM_FIXTURE = fileURLToPath(new URL('./storm-fixture.js', import.meta.url));

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function runNode(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      args,
      { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (_err, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
    );
  });
}

test('the assets are the files the code loads, not sources, the tsx shim or docs', () => {
  const assets = assetFiles(SRC);
  assert.ok(assets.includes(join('app-server', 'leaklab_gunicorn_hooks.py')), assets.join(', '));
  assert.deepEqual(
    assets.filter((f) => /\.(ts|js|md|pyc)$/.test(f)),
    [],
  );
});

test('copyAssets keeps each file at its folder and content, and skips .pyc', () => {
  const src = scratchDir('assets-src');
  const dist = scratchDir('assets-dist');
  mkdirSync(join(src, 'a', 'b'), { recursive: true });
  writeFileSync(join(src, 'a', 'b', 'hooks.py'), 'print(1)\n');
  writeFileSync(join(src, 'a', 'hooks.cpython-311.pyc'), 'x');
  writeFileSync(join(src, 'a', 'x.ts'), 'export {};\n');
  writeFileSync(join(src, 'data.json'), '{}\n');
  assert.deepEqual(copyAssets(src, dist), [join('a', 'b', 'hooks.py'), 'data.json']);
  assert.equal(readFileSync(join(dist, 'a', 'b', 'hooks.py'), 'utf8'), 'print(1)\n');
  assert.equal(existsSync(join(dist, 'a', 'x.ts')), false);
  assert.equal(existsSync(join(dist, 'a', 'hooks.cpython-311.pyc')), false);
});

// One real build of a copy of the project (its own dist/, the shared node_modules), for the tests below.
let copy = '';
let dist = '';
before(() => {
  copy = scratchDir('build');
  for (const f of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(copy, f));
  for (const d of ['src', 'bin', 'scenarios']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  dist = join(copy, 'dist');
  mkdirSync(join(dist, 'target'), { recursive: true });
  writeFileSync(join(dist, 'target', 'old.js'), 'export {};\n'); // as a renamed folder leaves behind
});

test('without dist/ the CLI says how to build it and exits 3', async () => {
  const r = await runNode([join(copy, 'bin', 'leaklab.js'), '--help'], copy);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /^leaklab: not built \(no dist\/cli\/main\.js\): run `npm run build` in /);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('build bundles the entry points and their chunks beside a stamp, and clears what an earlier build left', {
  timeout: 120_000,
}, async () => {
  // The test above must see no build: node:test runs a file's tests in order.
  await build(copy);
  const outputs = filesUnder(dist, '.js');
  for (const entry of ENTRY_POINTS) assert.ok(outputs.includes(entry.replace(/\.ts$/, '.js')), entry);
  assert.ok(
    outputs.some((f) => f.startsWith(`chunks${sep}run-`)),
    'the run command is a chunk of its own',
  );
  // One folder below dist/, as every source that loads a file is one folder below src/.
  assert.deepEqual(
    outputs.filter((f) => f.split(sep).length !== 2),
    [],
  );
  assert.ok(existsSync(join(dist, STAMP)));
  assert.equal(existsSync(join(dist, 'target', 'old.js')), false);
  assert.equal(existsSync(join(dist, 'app-server', 'leaklab_gunicorn_hooks.py')), true);
});

/** The files a bundled module loads before it runs: itself and its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/^(?:import|export)\b[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/gms)) {
    staticClosure(resolve(dirname(file), spec!), seen);
  }
  return seen;
}

test('the start of --help loads commander and the CLI only, not zod, yaml or a command', () => {
  const sources = [...staticClosure(join(dist, 'cli', 'main.js'))].flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/^\/\/ (\S+\.[jt]s)$/gm)].map((m) => m[1]!),
  );
  assert.ok(sources.includes('src/cli/app.ts'), sources.join(', '));
  const cli = new Set(['src/cli/main.ts', 'src/cli/app.ts', 'src/cli/version.ts', 'src/cli/paths.ts', 'src/core/errors.ts']);
  assert.deepEqual(
    sources.filter((f) => !cli.has(f) && !f.includes('node_modules/commander/')),
    [],
  );
});

test('zod is bundled without its 40 locales (import * as z lets the bundler drop them)', () => {
  const all = filesUnder(dist, '.js').map((f) => readFileSync(join(dist, f), 'utf8'));
  const locales = new Set(
    all.flatMap((code) => [...code.matchAll(/node_modules\/zod\/v4\/locales\/([\w-]+)\.js/g)].map((m) => m[1])),
  );
  assert.deepEqual([...locales].sort(), ['en']);
});

test('every source that loads a file relative to itself sits one folder below src/', () => {
  const deep = filesUnder(join(copy, 'src'), '.ts').filter(
    (f) => /new URL\(/.test(readFileSync(join(copy, 'src', f), 'utf8')) && f.split(sep).length !== 2,
  );
  assert.deepEqual(deep, []);
});

test('compiled imports name .js files that exist; no .ts import is left', () => {
  const problems: string[] = [];
  for (const file of filesUnder(dist, '.js')) {
    const code = readFileSync(join(dist, file), 'utf8');
    for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      if (!spec!.endsWith('.js')) problems.push(`${file}: ${spec}`);
      else if (!existsSync(resolve(dirname(join(dist, file)), spec!))) problems.push(`${file}: ${spec} missing`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every new URL(…, import.meta.url) points from dist where it points from src', () => {
  let checked = 0;
  for (const file of filesUnder(dist, '.js')) {
    const code = readFileSync(join(dist, file), 'utf8');
    for (const [, spec] of code.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) {
      checked++;
      // Bundled code has lost its source file, but not its depth: one folder below src/ or dist/.
      const fromDist = resolve(dirname(join(dist, file)), spec!);
      const fromSrc = resolve(join(copy, 'src', 'any'), spec!);
      if (fromSrc.startsWith(join(copy, 'src') + sep)) {
        // Inside the tree: the dist counterpart (bundled .js or copied asset) must exist.
        assert.ok(existsSync(fromDist), `${file}: ${spec} -> ${fromDist}`);
        assert.equal(relative(dist, fromDist), relative(join(copy, 'src'), fromSrc));
      } else {
        // Outside (scenarios/, the project root, the Dockerfile): the very same path.
        assert.equal(fromDist, fromSrc, `${file}: ${spec}`);
      }
    }
  }
  assert.ok(checked >= 6, `only ${checked} URLs found`); // hooks x2, Dockerfile, root, scenarios, storm worker, routes
});

test('the bundled storm worker runs in a plain node, without tsx', { timeout: 60_000 }, async () => {
  const r = await runNode([STORM_FIXTURE, join(dist, 'load', 'storm-worker.js')], copy);
  assert.equal(r.code, 0, r.stderr);
  const stats = JSON.parse(r.stdout);
  assert.equal(stats.requests, 50);
  assert.deepEqual(stats.statusCodes, { '200': 50 });
});

test('the built CLI runs: help, a bundled scenario list, a validation error with exit 2', async () => {
  const bin = join(copy, 'bin', 'leaklab.js');
  const help = await runNode([bin, '--help'], copy);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: leaklab/);
  assert.equal(help.stderr, '');
  const list = await runNode([bin, 'list'], copy);
  assert.equal(list.code, 0);
  assert.match(list.stdout, /global-list/);
  const bad = join(scratchDir('bad-yaml'), 'bad.yaml');
  writeFileSync(
    bad,
    readFileSync(join(copy, 'scenarios', 'global-list.yaml'), 'utf8').replace(/^( {2}connections:).*$/m, '$1 -1'),
  );
  const r = await runNode([bin, 'run', bad], copy);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /load\.connections: Too small/);
});

test('with --verbose the stack trace names the TypeScript lines (source maps), without it no stack', async () => {
  const bad = join(scratchDir('bad-yaml'), 'bad.yaml');
  writeFileSync(bad, 'name: x\n');
  const bin = join(copy, 'bin', 'leaklab.js');
  const verbose = await runNode([bin, 'run', bad, '--verbose'], copy);
  assert.equal(verbose.code, 2);
  assert.match(verbose.stderr, new RegExp(`at \\S+ \\(${join(copy, 'src', 'scenario', 'load.ts')}:\\d+:\\d+\\)`));
  const plain = await runNode([bin, 'run', bad], copy);
  assert.equal(plain.code, 2);
  assert.doesNotMatch(plain.stderr, /\n\s+at /);
});

test('a source edited after the build gets a one-line warning, and the old build still runs', async () => {
  const future = Date.now() / 1000 + 60;
  utimesSync(join(copy, 'src', 'core', 'errors.ts'), future, future);
  const r = await runNode([join(copy, 'bin', 'leaklab.js'), '--help'], copy);
  assert.equal(r.code, 0);
  assert.equal(
    r.stderr,
    `leaklab: ${join('src', 'core', 'errors.ts')} changed after the last build; running the old build (\`npm run build\` updates it)\n`,
  );
});

test('a reader that closes the pipe early (`leaklab list | head -1`) gets no stack trace, and exit 0', async () => {
  const child = spawn(process.execPath, [join(copy, 'bin', 'leaklab.js'), 'list'], { cwd: copy });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((done) => child.on('close', done));
  assert.equal(code, 0);
  // (The test above left a source newer than the build: its one-line warning may be here.)
  assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
});
