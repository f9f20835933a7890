// `leaklab ci`: the scenario run at two commits, each in its own throwaway git worktree, with the
// same pipeline `leaklab run` uses. Comparing the two runs is the command line's part.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunScenarioContext } from '../pipeline/run-scenario.ts';
import type { RunRecord } from '../run-data/run-record.ts';
import { type LoadedScenario, loadScenarioFile } from '../scenario/load.ts';
import type { PlanOverrides } from '../scenario/plan.ts';
import { reusableVenv, scenarioFileIn, venvCandidates, withPython } from './ci-scenario.ts';
import { addWorktree, type ResolvedRef, removeWorktree, repoRoot, resolveRef } from './git.ts';

export type CiSideName = 'base' | 'head';

export interface CiOptions {
  /** Where leaklab was started: the repository is the one holding it. */
  cwd: string;
  base: string;
  head: string;
  scenario: string;
  /** Results go to <outDir>/base and <outDir>/head. */
  outDir: string;
  overrides: PlanOverrides;
  /** A venv or interpreter for both commits' apps (overrides app.python and venv reuse). */
  python?: string;
  bundledScenarios: string;
}

export interface CiSide {
  side: CiSideName;
  ref: ResolvedRef;
  runDir: string;
  summaryMd: string;
  record: RunRecord;
}

export interface CiContext {
  log: (line: string) => void;
  runContext: (resultsRoot: string) => RunScenarioContext;
  signal: AbortSignal;
}

export interface CiRuns {
  root: string;
  sides: CiSide[];
  /** True when Ctrl-C stopped a run: the head is then not run. */
  interrupted: boolean;
}

export async function runCiSides(o: CiOptions, ctx: CiContext): Promise<CiRuns> {
  const root = await repoRoot(o.cwd);
  // Both refs are checked before anything is checked out, so a typo costs nothing.
  const refs: Record<CiSideName, ResolvedRef> = { base: await resolveRef(root, o.base), head: await resolveRef(root, o.head) };
  // Imported once the refs are good: the pipeline pulls in undici, vega and the renderers.
  const { runScenario } = await import('../pipeline/run-scenario.ts');
  const scratch = mkdtempSync(join(tmpdir(), 'leaklab-ci-'));
  const worktrees: string[] = [];
  const sides: CiSide[] = [];
  const venvsUsed: string[] = [];
  try {
    // Both commits are checked out and their scenarios read first: a scenario that is missing or
    // invalid at the head fails in a second, not after the base's storm.
    const prepared: { side: CiSideName; ref: ResolvedRef; worktree: string; loaded: LoadedScenario }[] = [];
    for (const side of ['base', 'head'] as const) {
      const worktree = join(scratch, side);
      await addWorktree(root, refs[side].sha, worktree);
      worktrees.push(worktree);
      prepared.push({
        side,
        ref: refs[side],
        worktree,
        loaded: loadScenarioFile(scenarioFileIn(worktree, o.scenario, o.bundledScenarios)),
      });
    }
    for (const { side, ref, worktree, loaded } of prepared) {
      const python = o.python ?? (await sharedVenv(loaded, worktree, root, venvsUsed));
      if (python && !o.python) ctx.log(`${side} ${ref.short}: reusing the venv ${python} (same requirements)`);
      else if (!python && loaded.scenario.app.python === undefined) venvsUsed.push(join(loaded.appDir, '.venv'));
      if (python) venvsUsed.push(python);
      ctx.log(`${side} ${ref.short}: running ${loaded.scenario.name}…`);
      const result = await runScenario(withPython(loaded, python), o.overrides, ctx.runContext(resolve(o.outDir, side)));
      sides.push({ side, ref, runDir: result.paths.dir, summaryMd: result.paths.summaryMd, record: result.record });
      if (result.record.status === 'interrupted' || ctx.signal.aborted) return { root, sides, interrupted: true };
    }
    return { root, sides, interrupted: false };
  } finally {
    // Worktrees go on success, failure and Ctrl-C alike; the head may share the base's venv,
    // so none is removed before both runs are over.
    for (const w of worktrees) await removeWorktree(root, w);
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function sharedVenv(
  loaded: LoadedScenario,
  worktree: string,
  checkoutRoot: string,
  earlier: string[],
): Promise<string | undefined> {
  const candidates = venvCandidates(loaded, worktree, checkoutRoot, earlier);
  if (candidates.length === 0) return undefined;
  return reusableVenv(candidates, join(loaded.appDir, loaded.scenario.app.requirements));
}
