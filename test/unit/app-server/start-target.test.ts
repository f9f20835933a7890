import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/** The modules a source file imports, as written in its import/export ... from lines. */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gms)].map((m) => m[1]!);
}

test('the pipeline imports nothing Docker-specific: AppRuntime hides which target runs', () => {
  const dir = join(SRC, 'pipeline');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.includes('collect-variant.ts') && files.includes('run-scenario.ts'));
  const offending = files.flatMap((f) =>
    importsOf(join(dir, f))
      .filter((m) => /docker/i.test(m))
      .map((m) => `${f} imports ${m}`),
  );
  assert.deepEqual(offending, []);
});

test('importsOf reads multi-line imports and re-exports', () => {
  const here = fileURLToPath(new URL('../../../src/app-server/start-target.ts', import.meta.url));
  const mods = importsOf(here);
  assert.ok(mods.includes('./docker-gunicorn.ts'));
  assert.ok(mods.includes('./types.ts'));
});
