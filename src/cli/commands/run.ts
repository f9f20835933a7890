// `leaklab run <scenario> [flags]`: run a scenario's variants and judge them.
import { dirname, resolve } from 'node:path';
import { ExitCode, type ExitCodeValue, InputError } from '../../core/errors.ts';
import { type LoadedScenario, loadScenarioFile, resolveScenarioFile } from '../../scenario/load.ts';
import { checkOverrides, overrideWarmupProblem, type RawOverrides } from '../../scenario/overrides.ts';
import { type PlanOverrides, planVariants } from '../../scenario/plan.ts';
import { appDirProblem, appPythonProblem, resultsDirProblem } from '../../scenario/preflight.ts';
import { remoteEnvProblems } from '../../scenario/remote-env.ts';
import type { CliIo } from '../io.ts';
import { SCENARIOS_DIR } from '../paths.ts';
import { runContext } from '../run-context.ts';

export interface RunFlags extends RawOverrides {
  /** --trace alone is true; --trace <tracer> names the tracer. */
  trace?: boolean | string;
  target: string;
  out?: string;
  allowRemoteEnv?: boolean;
  live?: boolean;
}

export async function runCommand(name: string, flags: RunFlags, io: CliIo): Promise<ExitCodeValue> {
  const resultsRoot = resolve(io.cwd, flags.out ?? 'results');
  const { loaded, overrides } = validateRun(name, flags, io.cwd, resultsRoot);
  io.stderr(`leaklab: ${loaded.scenario.name} — ${loaded.scenario.claim}\n`);
  const target = flags.target === 'docker' ? 'docker' : 'local';
  // Imported once the file is valid: the pipeline pulls in undici, vega and the renderers (~0.5 s
  // of CPU, ~50 MB), which a scenario with a typo should not pay for.
  const [{ runScenario }, { renderWrittenPaths }] = await Promise.all([
    import('../../pipeline/run-scenario.ts'),
    import('../../report/terminal.ts'),
  ]);
  const live = flags.live ? await startLive(io) : undefined;
  let result: Awaited<ReturnType<typeof runScenario>>;
  try {
    result = await runScenario(loaded, overrides, {
      ...runContext(io, resultsRoot),
      target,
      ...(live ? { observer: live.observer } : {}),
    });
  } finally {
    await live?.finish({ signal: io.signal });
  }
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

/** --live on `run` and `demo`: the server is up (its address printed) before anything starts. */
export async function startLive(io: CliIo, opts: { navigateToReport?: boolean } = {}) {
  const { startLiveSession } = await import('../../live/live-session.ts');
  const live = await startLiveSession(opts);
  io.stderr(`leaklab: live view at ${live.url}\n`);
  return live;
}

/** The flags alone, through the scenario file's limits (for `ci`, which reads its scenario per commit). */
export function parseRunFlags(flags: RunFlags): PlanOverrides {
  const { overrides, problems } = checkOverrides(flags);
  if (problems.length === 1) throw new InputError(problems[0] ?? '');
  if (problems.length > 1) throw new InputError(`${problems.length} problems on the command line`, { details: problems });
  return overrides;
}

/**
 * Every input check, before anything starts (no venv, no Gunicorn, no results folder): the file,
 * the flags through the file's own limits, and the file system. All problems come out at once.
 */
function validateRun(
  name: string,
  flags: RunFlags,
  cwd: string,
  resultsRoot: string,
): { loaded: LoadedScenario; overrides: PlanOverrides } {
  if (flags.target !== 'local' && flags.target !== 'docker') {
    throw new InputError(`--target ${flags.target} is not a target`, {
      hint: 'use --target local (the default) or --target docker',
    });
  }
  const { overrides, problems } = checkOverrides(flags);
  const outProblem = resultsDirProblem(resultsRoot);
  if (outProblem) problems.push(outProblem);
  let loaded: LoadedScenario;
  try {
    loaded = loadScenarioFile(resolveScenarioFile(name, SCENARIOS_DIR, cwd));
  } catch (err) {
    // The file's problems and the flags' together, so one pass fixes both.
    if (!(err instanceof InputError) || problems.length === 0) throw err;
    const lines = [...(err.details.length > 0 ? err.details : [err.message]), ...problems];
    throw new InputError(`${lines.length} problems in the scenario and the command line`, { details: lines, hint: err.hint });
  }
  const { scenario, file, appDir } = loaded;
  const hints: string[] = [];
  let plans = planVariants(scenario, { ...overrides, variants: undefined });
  try {
    plans = planVariants(scenario, overrides);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    problems.push(err.message);
    if (err.hint) hints.push(err.hint);
  }
  problems.push(...overrideWarmupProblem(scenario.load.warmup, flags.duration, plans[0]?.durationMs));
  const appProblem = appDirProblem(appDir, file);
  if (appProblem) problems.push(appProblem);
  const python = scenario.app.python === undefined ? undefined : resolve(dirname(file), scenario.app.python);
  const pythonProblem = flags.target === 'local' ? appPythonProblem(python, file) : null;
  if (pythonProblem) problems.push(pythonProblem);
  const remote = flags.allowRemoteEnv ? [] : remoteEnvProblems(scenario, file);
  problems.push(...remote);
  if (remote.length > 0)
    hints.push('load tests stay on loopback; pass --allow-remote-env to point the app at those hosts on purpose');
  if (problems.some((p) => p.startsWith('--duration "'))) hints.push('e.g. --duration 20s');
  const hint = hints.length > 0 ? hints.join('; ') : undefined;
  if (problems.length === 1 && remote.length === 0) throw new InputError(problems[0] ?? '', { hint });
  if (problems.length > 0) {
    throw new InputError(`${problems.length} problem${problems.length === 1 ? '' : 's'} before anything started`, {
      details: problems,
      hint,
    });
  }
  return { loaded, overrides: { ...overrides, trace: traceFlag(flags.trace) } };
}

function traceFlag(value: boolean | string | undefined): boolean | 'tracemalloc' | 'memray' {
  if (value === undefined || value === true) return value !== undefined;
  if (value === 'tracemalloc' || value === 'memray') return value;
  throw new InputError(`--trace ${value} is not a tracer`, { hint: 'use --trace, --trace tracemalloc or --trace memray' });
}
