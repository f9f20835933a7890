// `leaklab run <scenario> [flags]`: run a scenario's variants and judge them.
import { resolve } from 'node:path';
import { ExitCode, type ExitCodeValue, InputError } from '../../core/errors.ts';
import { parseDurationMs } from '../../scenario/duration.ts';
import { loadScenarioFile, resolveScenarioFile } from '../../scenario/load.ts';
import type { CliIo } from '../io.ts';
import { SCENARIOS_DIR } from '../paths.ts';
import { runContext } from '../run-context.ts';

export interface RunFlags {
  variant?: string;
  quick?: boolean;
  duration?: string;
  requests?: string;
  connections?: string;
  workers?: string;
  /** --trace alone is true; --trace <tracer> names the tracer. */
  trace?: boolean | string;
  target: string;
  out?: string;
}

export async function runCommand(name: string, flags: RunFlags, io: CliIo): Promise<ExitCodeValue> {
  const overrides = parseRunFlags(flags);
  const loaded = loadScenarioFile(resolveScenarioFile(name, SCENARIOS_DIR, io.cwd));
  io.stderr(`leaklab: ${loaded.scenario.name} — ${loaded.scenario.claim}\n`);
  const target = flags.target === 'docker' ? 'docker' : 'local';
  // Imported once the file is valid: the pipeline pulls in undici, vega and the renderers (~0.5 s
  // of CPU, ~50 MB), which a scenario with a typo should not pay for.
  const [{ runScenario }, { renderWrittenPaths }] = await Promise.all([
    import('../../pipeline/run-scenario.ts'),
    import('../../report/terminal.ts'),
  ]);
  const result = await runScenario(loaded, overrides, { ...runContext(io, resolve(io.cwd, flags.out ?? 'results')), target });
  io.stdout(`\n${result.terminal}\n`);
  io.stdout(`${renderWrittenPaths(result.written)}`);
  const { record } = result;
  if (record.status === 'interrupted') return ExitCode.interrupted;
  if (record.variants.some((v) => v.status === 'failed')) {
    for (const v of record.variants.filter((x) => x.status === 'failed')) io.stderr(`leaklab: ${v.name} failed: ${v.error}\n`);
    return ExitCode.environment;
  }
  // A skipped variant (a service it needs is missing) is not a failed expectation; but a run
  // that measured nothing at all must not pass as "every expectation held".
  const skipped = record.variants.filter((v) => v.status === 'skipped');
  for (const v of skipped) io.stderr(`leaklab: ${v.name} skipped: ${v.skipReason}\n`);
  if (skipped.length > 0 && skipped.length === record.variants.length) return ExitCode.environment;
  return record.variants.some((v) => v.expectationMet === false) ? ExitCode.expectationFailed : ExitCode.ok;
}

function parseRunFlags(flags: RunFlags) {
  if (flags.target !== 'local' && flags.target !== 'docker') {
    throw new InputError(`--target ${flags.target} is not a target`, {
      hint: 'use --target local (the default) or --target docker',
    });
  }
  const durationMs = flags.duration === undefined ? undefined : parseDurationMs(flags.duration);
  if (durationMs === null)
    throw new InputError(`--duration "${flags.duration}" is not a duration`, { hint: 'e.g. --duration 20s' });
  if (flags.duration !== undefined && flags.requests !== undefined) {
    throw new InputError('--duration and --requests cannot be used together', { hint: 'choose one way to end the storm' });
  }
  return {
    variants: flags.variant
      ?.split(',')
      .map((v) => v.trim())
      .filter(Boolean),
    quick: Boolean(flags.quick),
    durationMs,
    requests: positiveInt('--requests', flags.requests),
    connections: positiveInt('--connections', flags.connections),
    workers: positiveInt('--workers', flags.workers),
    trace: traceFlag(flags.trace),
  };
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${flag} "${value}" is not a positive whole number`);
  return n;
}

function traceFlag(value: boolean | string | undefined): boolean {
  if (value === undefined || value === true || value === 'tracemalloc') return value !== undefined;
  if (value === 'memray')
    throw new InputError('--trace memray is not available yet', {
      hint: 'use --trace (tracemalloc); it says when most growth is native, which only memray can see',
    });
  throw new InputError(`--trace ${value} is not a tracer`, { hint: 'use --trace or --trace tracemalloc' });
}
