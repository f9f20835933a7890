// The layering the README draws, checked on the source: no import cycle between files or
// folders, the bottom layers (core, run-data) import nothing above them, analysis does no I/O.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** file (relative to src/) -> the src files it imports, type-only imports included. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(IMPORT)].map((m) => relative(SRC, normalize(join(dirname(file), m[1] ?? m[2]!))));
    graph.set(relative(SRC, file), deps);
  }
  return graph;
}

const folderOf = (file: string) => file.split('/')[0]!;

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

const graph = importGraph();

test('the import graph is read: every folder of src/ is in it', () => {
  const folders = new Set([...graph.keys()].map(folderOf));
  for (const f of ['core', 'run-data', 'analyze', 'report', 'pipeline', 'cli', 'load', 'sample', 'app-server']) {
    assert.ok(folders.has(f), `${f}/ missing from the graph`);
  }
  assert.ok([...graph.values()].flat().length > 100, 'imports were found');
});

test('no import cycle between files', () => {
  assert.equal(findCycle(graph)?.join(' -> ') ?? null, null);
});

test('no import cycle between folders', () => {
  const folders = new Map<string, string[]>();
  for (const [file, deps] of graph) {
    const from = folderOf(file);
    const to = new Set(deps.map(folderOf).filter((f) => f !== from && f.indexOf('.') === -1));
    folders.set(from, [...new Set([...(folders.get(from) ?? []), ...to])]);
  }
  assert.equal(findCycle(folders)?.join(' -> ') ?? null, null);
});

test('core imports only core, run-data only run-data and core', () => {
  const allowed: Record<string, string[]> = { core: ['core'], 'run-data': ['run-data', 'core'] };
  const upward = [...graph].flatMap(([file, deps]) => {
    const ok = allowed[folderOf(file)];
    return ok ? deps.filter((d) => !ok.includes(folderOf(d))).map((d) => `${file} -> ${d}`) : [];
  });
  assert.deepEqual(upward, []);
});

test('analysis is pure: no file system, processes or network in src/analyze', () => {
  const impure = [...graph.keys()]
    .filter((f) => folderOf(f) === 'analyze')
    .filter((f) => /from ['"]node:(fs|child_process|net|http|worker_threads)['"]/.test(readFileSync(join(SRC, f), 'utf8')));
  assert.deepEqual(impure, []);
});

test('findCycle finds a cycle it is shown', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
  ]);
  assert.deepEqual(findCycle(g), ['a', 'b', 'c', 'a']);
  assert.equal(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    null,
  );
});
