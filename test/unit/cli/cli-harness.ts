// Runs the whole command line in-process through runCli, with a CliIo that collects what it
// prints: the same code path as bin/leaklab.js, minus the process.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/app.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { scratchDir } from '../../scratch.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/global-list-quick/', import.meta.url));
const RECORDED = fileURLToPath(new URL('../analyze/fixtures/global-list-quick/', import.meta.url));

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function leaklab(
  argv: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; signal?: AbortSignal } = {},
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    color: false,
    env: { PATH: process.env.PATH, ...opts.env },
    cwd: opts.cwd ?? ROOT,
    signal: opts.signal ?? new AbortController().signal,
    onEmergencyKill: () => () => {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/**
 * A recorded run directory in a fresh scratch folder: the global-list --quick samples and events
 * the analysis tests replay, with the run.json (as collection leaves it, before analysis) and
 * the scenario.yaml of that run.
 */
export function recordedRunDir(name = 'run'): string {
  const dir = join(scratchDir('cli-run'), name);
  cpSync(FIXTURE, dir, { recursive: true });
  for (const f of ['samples.csv', 'events.jsonl']) cpSync(join(RECORDED, f), join(dir, f));
  return dir;
}
