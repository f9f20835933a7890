// `leaklab ci --base <ref> --head <ref> <scenario>`: run a scenario at two commits, compare them
// with `leaklab compare`'s own gate, write the Markdown for the pull request. Exits as compare does.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ciMarkdown } from '../../ci/ci-markdown.ts';
import { runCiSides } from '../../ci/run-ci.ts';
import { ExitCode, type ExitCodeValue, InputError, LeaklabError } from '../../core/errors.ts';
import type { RawOverrides } from '../../scenario/overrides.ts';
import type { CliIo } from '../io.ts';
import { SCENARIOS_DIR } from '../paths.ts';
import { runContext } from '../run-context.ts';
import { compareCommand } from './compare.ts';
import { parseRunFlags } from './run.ts';

export interface CiFlags extends RawOverrides {
  base?: string;
  head?: string;
  out?: string;
  python?: string;
}

export const CI_MARKDOWN = 'comment.md';
export const COMPARISON_MARKDOWN = 'comparison.md';

export async function ciCommand(scenario: string, flags: CiFlags, io: CliIo): Promise<ExitCodeValue> {
  if (!flags.base || !flags.head) {
    throw new InputError('leaklab ci needs --base <ref> and --head <ref>', {
      hint: 'e.g. leaklab ci --base origin/main --head HEAD global-list',
    });
  }
  const overrides = parseRunFlags({ ...flags, target: 'local' });
  const outDir = resolve(io.cwd, flags.out ?? 'leaklab-ci');
  const runs = await runCiSides(
    {
      cwd: io.cwd,
      base: flags.base,
      head: flags.head,
      scenario,
      outDir,
      overrides,
      python: flags.python === undefined ? undefined : resolve(io.cwd, flags.python),
      bundledScenarios: SCENARIOS_DIR,
    },
    { log: (line) => io.stderr(`leaklab: ${line}\n`), runContext: (root) => runContext(io, root), signal: io.signal },
  );
  const [base, head] = runs.sides;
  const summaries = Object.fromEntries(runs.sides.map((s) => [s.side, readIfThere(s.summaryMd)]));
  mkdirSync(outDir, { recursive: true });
  const comparisonFile = join(outDir, COMPARISON_MARKDOWN);
  rmSync(comparisonFile, { force: true }); // an earlier run's comparison must not pass for this one's
  let code: ExitCodeValue = ExitCode.interrupted;
  let refused: LeaklabError | undefined;
  if (!runs.interrupted && base && head) {
    // compare's own command: its gate, its exit codes (2 when the runs cannot be compared) and
    // its charts, written next to comparison.md. Its stdout is the Markdown, kept for the comment.
    try {
      code = await compareCommand(base.runDir, head.runDir, { markdown: comparisonFile }, { ...io, stdout: () => {} });
    } catch (err) {
      // The comment still says why, so a failing check explains itself; the error exits as compare's.
      if (!(err instanceof LeaklabError)) throw err;
      refused = err;
    }
  }
  const markdown = ciMarkdown({
    scenario: (head ?? base)?.record.scenario ?? scenario,
    base: base?.ref ?? { ref: flags.base, sha: flags.base, short: flags.base },
    head: head?.ref ?? { ref: flags.head, sha: flags.head, short: flags.head },
    comparison: readIfThere(comparisonFile) ?? '',
    summaries,
    interrupted: runs.interrupted,
    cannotCompare: refused && [refused.message, ...refused.details],
  });
  const commentFile = join(outDir, CI_MARKDOWN);
  writeFileSync(commentFile, markdown);
  if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, markdown);
  io.stdout(markdown);
  io.stdout(`\n  comment      ${commentFile}\n`);
  for (const s of runs.sides) io.stdout(`  ${s.side.padEnd(12)} ${s.runDir}\n`);
  if (refused) throw refused;
  return code;
}

function readIfThere(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
