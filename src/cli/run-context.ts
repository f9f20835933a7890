// The pipeline's context from what the command line has: `run` and `demo` share it.
import type { RunScenarioContext } from '../pipeline/run-scenario.ts';
import type { CliIo } from './io.ts';
import { createProgressUi } from './progress-ui.ts';

export function runContext(io: CliIo, resultsRoot: string): RunScenarioContext {
  return {
    env: io.env,
    resultsRoot,
    target: 'local',
    signal: io.signal,
    ui: createProgressUi(io),
    color: io.color,
    columns: io.columns,
    onEmergencyKill: io.onEmergencyKill,
  };
}
