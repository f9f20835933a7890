// Which scenario file and which Python a commit's run uses. The scenario and the app are read
// from the commit's own worktree, so a pull request that edits either is measured as it is.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { resolveScenarioFile } from '../scenario/load.ts';
import { pythonVersion, STAMP, stampFor } from '../setup/python-env.ts';

/**
 * A path (it has a slash or ends in .yaml) is relative to the repository root; a bare name is
 * the commit's own scenarios/<name>.yaml, else one bundled with leaklab.
 */
export function scenarioFileIn(worktree: string, scenario: string, bundledDir: string): string {
  const looksLikePath = /[\\/]/.test(scenario) || /\.ya?ml$/.test(scenario);
  if (looksLikePath) {
    if (isAbsolute(scenario)) throw new InputError(`${scenario}: give the scenario relative to the repository root`);
    const file = join(worktree, scenario);
    if (!existsSync(file)) throw new InputError(`scenario file ${scenario} does not exist at this commit`);
    return file;
  }
  const own = join(worktree, 'scenarios', `${scenario}.yaml`);
  return existsSync(own) ? own : resolveScenarioFile(scenario, bundledDir, worktree);
}

/** The scenario with app.python set (absolute), leaving everything else as the file says. */
export function withPython(loaded: LoadedScenario, python: string | undefined): LoadedScenario {
  if (python === undefined) return loaded;
  return { ...loaded, scenario: { ...loaded.scenario, app: { ...loaded.scenario.app, python } } };
}

/**
 * The venvs a commit's app could share instead of building its own: the same app folder in the
 * checkout leaklab runs from, then the venvs of the sides already run. Only for an app inside
 * the worktree that installs from a requirements file (an editable pyproject install would point
 * at another checkout's code), and only when the scenario names no app.python of its own.
 */
export function venvCandidates(loaded: LoadedScenario, worktree: string, checkoutRoot: string, earlier: string[]): string[] {
  const app = loaded.scenario.app;
  if (app.python !== undefined) return [];
  const inside = relative(worktree, loaded.appDir);
  if (inside.startsWith('..') || isAbsolute(inside)) return [];
  if (!existsSync(join(loaded.appDir, app.requirements))) return [];
  return [join(checkoutRoot, inside, '.venv'), ...earlier];
}

/**
 * The first candidate built from exactly this requirements text with its own Python: the stamp
 * ensureVenv writes is that hash, and ensureVenv itself reuses a venv whose stamp matches, so
 * sharing one across worktrees is the decision it would make for a single checkout.
 */
export async function reusableVenv(candidates: string[], requirementsFile: string): Promise<string | undefined> {
  const requirements = readFileSync(requirementsFile, 'utf8');
  for (const venv of candidates) {
    const python = join(venv, 'bin', 'python');
    const stamp = join(venv, STAMP);
    if (!existsSync(python) || !existsSync(stamp)) continue;
    if (readFileSync(stamp, 'utf8') === stampFor(requirements, await pythonVersion(python))) return venv;
  }
  return undefined;
}
