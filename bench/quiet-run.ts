// The pipeline as the bench runs it: the whole scenario in-process, progress off, lines to stderr.
import type { FinalizedRun } from '../src/pipeline/finalize-run.ts';
import { runScenario } from '../src/pipeline/run-scenario.ts';
import type { LoadedScenario } from '../src/scenario/load.ts';
import type { PlanOverrides } from '../src/scenario/plan.ts';

export function quietRun(loaded: LoadedScenario, overrides: PlanOverrides, resultsRoot: string): Promise<FinalizedRun> {
  return runScenario(loaded, overrides, {
    env: process.env,
    resultsRoot,
    target: 'local',
    signal: new AbortController().signal,
    ui: { info: (line) => console.error(line), variantStart: () => {}, progress: () => {}, variantEnd: () => {} },
    color: false,
    onEmergencyKill: () => () => {},
  });
}
