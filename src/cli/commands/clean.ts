// `leaklab clean [results-dir]`: remove what killed runs left behind (scratch folders, a dead
// PostgreSQL's data and shared memory). A run does this on its own at start; this is for a
// machine that will not run leaklab again soon.
import { resolve } from 'node:path';
import { ExitCode, type ExitCodeValue } from '../../core/errors.ts';
import { sweepScratch, sweepSummary } from '../../pipeline/sweep-scratch.ts';
import type { CliIo } from '../io.ts';

export function cleanCommand(dir: string | undefined, io: CliIo): ExitCodeValue {
  const root = resolve(io.cwd, dir ?? 'results');
  const result = sweepScratch(root, { tmpDir: io.env.TMPDIR || '/tmp' });
  io.stdout(`${sweepSummary(result) ?? `nothing left behind under ${root}`}\n`);
  for (const d of result.removed) io.stdout(`  ${d}\n`);
  return ExitCode.ok;
}
