// `leaklab report <run-dir>`: re-analyse and re-render every output of a run from its files,
// and exit as `run` would have on that data (0 held, 1 an expectation failed, 3 the run failed).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ExitCodeValue, InputError } from '../../core/errors.ts';
import { finalizeRun } from '../../pipeline/finalize-run.ts';
import { renderWrittenPaths } from '../../report/terminal.ts';
import { runPaths } from '../../run-data/run-dir.ts';
import type { CliIo } from '../io.ts';
import { runExitCode } from '../run-exit-code.ts';

export async function reportCommand(dir: string, io: CliIo): Promise<ExitCodeValue> {
  const runDir = resolve(io.cwd, dir);
  const paths = runPaths(runDir);
  for (const f of [paths.runJson, paths.scenarioYaml]) {
    if (!existsSync(f))
      throw new InputError(`${runDir} is not a leaklab run directory (no ${f.split('/').pop()})`, {
        hint: 'pass a folder under results/, e.g. results/latest',
      });
  }
  const result = await finalizeRun(runDir, { color: io.color, width: io.columns });
  io.stdout(`${result.terminal}\n${renderWrittenPaths(result.written)}`);
  return runExitCode(result.record);
}
