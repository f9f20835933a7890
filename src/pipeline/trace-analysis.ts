// The traced pass's snapshots (<run>/trace/<variant>/) to the variant's `trace` in run.json.
// Reading files and source lines is here; the diffing and the maths are src/trace/ (pure).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { combineWorkers } from '../trace/combine-workers.ts';
import { diffSnapshots, type WorkerGrowth } from '../trace/diff-snapshots.ts';
import { parseTraceSnapshot } from '../trace/parse-snapshot.ts';
import type { VariantTrace } from '../trace/types.ts';
import { traceDir } from './traced-pass.ts';

export function analysedTrace(
  runDir: string,
  variant: string,
  collected: VariantTrace,
  slope: number,
  untraced?: { verdict?: string; reason?: string },
): VariantTrace {
  const dir = traceDir(runDir, variant);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const workers: WorkerGrowth[] = [];
  for (const f of files.filter((name) => name.endsWith('-base.json'))) {
    const endFile = f.replace(/-base\.json$/, '-end.json');
    if (!files.includes(endFile)) continue;
    const read = (name: string) => parseTraceSnapshot(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
    workers.push(diffSnapshots(read(f), read(endFile)));
  }
  const combined = combineWorkers(workers, slope, sourceLines(), collected.tracer, untraced);
  // A problem the traced pass itself met (it failed, requests failed) says more than "no snapshots".
  const problem = collected.problem ?? combined.problem;
  return {
    ...combined,
    ...(collected.cost ? { cost: collected.cost } : {}),
    ...(problem ? { problem } : { problem: undefined }),
  };
}

/** A line's text, stripped; files are read once. */
function sourceLines(): (file: string, line: number) => string {
  const cache = new Map<string, string[]>();
  return (file, line) => {
    if (!cache.has(file)) {
      let lines: string[] = [];
      try {
        lines = readFileSync(file, 'utf8').split('\n');
      } catch {
        // A frozen module or a file gone since the run: the line keeps its place without text.
      }
      cache.set(file, lines);
    }
    return cache.get(file)![line - 1]?.trim() ?? '';
  };
}
