// `leaklab demo` (npm run demo): the talk in the source material's order (src/demo/plan.ts), each
// scenario run once in quick mode with the variants its steps show, then one index page that
// ends with the seed's four interview questions answered from these runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ExitCode, type ExitCodeValue, InputError } from '../../core/errors.ts';
import { answerQuestions } from '../../demo/answers.ts';
import { DEMO_STEPS, type DemoStep, demoRunOverrides, scenarioRuns, selectSteps } from '../../demo/plan.ts';
import { judgeStep } from '../../demo/step-outcome.ts';
import type { FinalizedRun } from '../../pipeline/finalize-run.ts';
import type { RunObserver } from '../../pipeline/run-observer.ts';
import { answerLines, type DemoStepEntry, outcomeLine, renderDemoIndex } from '../../report/demo-index.ts';
import { DEFAULT_COLUMNS, wrapText } from '../../report/text-width.ts';
import { type LoadedScenario, loadScenarioFile, resolveScenarioFile } from '../../scenario/load.ts';
import type { CliIo } from '../io.ts';
import { SCENARIOS_DIR } from '../paths.ts';
import { runContext } from '../run-context.ts';
import { startLive } from './run.ts';

export interface DemoFlags {
  out?: string;
  full?: boolean;
  /** --only a,b: the steps to give, by id. */
  only?: string;
  /**
   * false (--no-until-verdict): every variant runs to its cap. By default each stops once its
   * live verdict is decided, so a talk does not wait out a clear leak's remaining load.
   */
  untilVerdict?: boolean;
}

export async function demoCommand(flags: DemoFlags & { live?: boolean }, io: CliIo): Promise<ExitCodeValue> {
  // One live view for the whole demo: each scenario's run replaces the last on the page.
  const live = flags.live ? await startLive(io, { navigateToReport: false }) : undefined;
  try {
    return await demoRuns(flags, io, live?.observer);
  } finally {
    await live?.finish({ lingerMs: 0 });
  }
}

async function demoRuns(flags: DemoFlags, io: CliIo, observer: RunObserver | undefined): Promise<ExitCodeValue> {
  const started = Date.now();
  const width = io.columns ?? DEFAULT_COLUMNS;
  const root = resolve(io.cwd, flags.out ?? 'results');
  const { steps, loaded } = checkDemo(flags.only, Boolean(flags.full), io.cwd);
  const runs = new Map(scenarioRuns(steps).map((r) => [r.scenario, r]));
  const { runScenario } = await import('../../pipeline/run-scenario.ts');
  const indexDir = join(root, `demo-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`);
  const done = new Map<string, FinalizedRun>();
  const entries: DemoStepEntry[] = [];
  for (const [i, step] of steps.entries()) {
    if (io.signal.aborted) break;
    const say = (text: string) => io.stderr(`${wrapText(text, width).join('\n')}\n`);
    io.stderr('\n');
    say(`== step ${i + 1}/${steps.length} · seed ${step.section}`);
    io.stderr(`${wrapText(`The seed: ${step.claim}`, width, '   ').join('\n')}\n`);
    let result = done.get(step.scenario);
    if (!result) {
      const plan = runs.get(step.scenario)!;
      result = await runScenario(loaded.get(step.scenario)!, demoRunOverrides(plan, flags), {
        ...runContext(io, root),
        ...(observer ? { observer } : {}),
      });
      done.set(step.scenario, result);
      io.stdout(`\n${result.terminal}`);
    }
    const entry = stepEntry(step, result, indexDir);
    entries.push(entry);
    io.stdout(`\n${wrapText(`→ ${outcomeLine(entry)}`, width).join('\n')}\n`);
    for (const line of step.takeaway) io.stdout(`${wrapText(line, width, '  ').join('\n')}\n`);
  }
  const answers = answerQuestions([...done.values()].map((r) => r.record));
  mkdirSync(indexDir, { recursive: true });
  const index = join(indexDir, 'index.html');
  const elapsedMs = Date.now() - started;
  writeFileSync(index, renderDemoIndex({ steps: entries, answers, generatedAt: new Date().toISOString(), elapsedMs }));
  // The same data as the page, for tests and for re-rendering: which run each step read.
  writeFileSync(
    join(indexDir, 'demo.json'),
    `${JSON.stringify({ elapsedMs, steps: entries.map((e) => ({ id: e.step.id, outcome: e.result.outcome, run: e.href })), answers }, null, 2)}\n`,
  );
  io.stdout(`\n${answers.map((a) => answerLines(a, (t) => wrapText(t, width)).join('\n')).join('\n\n')}\n`);
  io.stdout(`\ndemo index: ${index} (${Math.round(elapsedMs / 1000)} s)\n`);
  if (io.signal.aborted) return ExitCode.interrupted;
  const variants = [...done.values()].flatMap((r) => r.record.variants);
  if (variants.some((v) => v.status === 'failed')) return ExitCode.environment;
  return variants.some((v) => v.expectationMet === false) ? ExitCode.expectationFailed : ExitCode.ok;
}

function stepEntry(step: DemoStep, result: FinalizedRun, indexDir: string): DemoStepEntry {
  return {
    step,
    result: judgeStep(step, result.record),
    run: result.record,
    href: relative(indexDir, result.paths.dir),
    replay: `leaklab replay ${result.paths.dir} --speed 10`,
  };
}

/**
 * Every problem before any load: unknown steps, and plan entries naming a scenario or variant
 * that does not exist (a renamed variant would otherwise fail minutes into the demo).
 */
function checkDemo(
  only: string | undefined,
  full: boolean,
  cwd: string,
): { steps: DemoStep[]; loaded: Map<string, LoadedScenario> } {
  const wanted = only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const { steps, unknown } = selectSteps(wanted, { full });
  if (unknown.length > 0 || (wanted !== undefined && steps.length === 0)) {
    throw new InputError(`--only: unknown step${unknown.length === 1 ? '' : 's'} ${unknown.join(', ') || '(none given)'}`, {
      hint: `the steps, in the talk's order: ${DEMO_STEPS.map((s) => s.id).join(', ')}`,
    });
  }
  const loaded = new Map<string, LoadedScenario>();
  const problems: string[] = [];
  for (const run of scenarioRuns(steps)) {
    const scenario = loadScenarioFile(resolveScenarioFile(run.scenario, SCENARIOS_DIR, cwd));
    loaded.set(run.scenario, scenario);
    const names = scenario.scenario.variants.map((v) => v.name);
    for (const v of run.variants.filter((x) => !names.includes(x)))
      problems.push(`src/demo/plan.ts: scenario ${run.scenario} has no variant "${v}" (it has ${names.join(', ')})`);
  }
  if (problems.length > 0) throw new InputError('the demo plan names variants that do not exist', { details: problems });
  return { steps, loaded };
}
