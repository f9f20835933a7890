// A variant's container settings (scenario `container:`, a variant's own on top), and what the
// local target does with them. Pure.

import type { ContainerFacts } from '../run-data/run-record.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface ContainerSettings {
  /** Hard memory limit of the container (master and workers together), MiB. */
  memoryMiB?: number;
}

export interface ResolvedContainer {
  settings: ContainerSettings;
  /** Set on --target local for a variant that sets its own: it exists to test the limit, and
   * would be judged against an expectation that presumes it. */
  skipReason?: string;
  /** Set on --target local for a scenario-level setting: ignored, said once per variant. */
  warning?: string;
}

export function resolveContainer(scenario: Scenario, variantName: string, target: 'local' | 'docker'): ResolvedContainer {
  const own = scenario.variants.find((v) => v.name === variantName)?.container ?? {};
  const settings: ContainerSettings = { ...scenario.container, ...own };
  if (target === 'docker' || settings.memoryMiB === undefined) return { settings };
  if (own.memoryMiB !== undefined) {
    return {
      settings: {},
      skipReason: `it sets a container memory limit (container.memoryMiB ${own.memoryMiB}), which only --target docker can enforce`,
    };
  }
  return {
    settings: {},
    warning: `container.memoryMiB (${settings.memoryMiB} MiB) is honoured only with --target docker; this run had no memory limit`,
  };
}

/** What a reader of the run should know about the container: the OOM killer's work, said plainly. */
export function containerWarnings(f: ContainerFacts): string[] {
  const kills = f.oomKills ?? 0;
  if (kills === 0 && f.sigkilledWorkers === 0) return [];
  const limit = f.memoryLimitMiB === undefined ? 'its memory limit' : `its ${f.memoryLimitMiB} MiB memory limit`;
  return [
    `the container hit ${limit}: the kernel's OOM killer killed ${kills} process${kills === 1 ? '' : 'es'} (cgroup oom_kill), ` +
      `and Gunicorn saw ${f.sigkilledWorkers} worker${f.sigkilledWorkers === 1 ? '' : 's'} die of SIGKILL and replaced ${f.sigkilledWorkers === 1 ? 'it' : 'them'} (exit cause "crash")`,
  ];
}
