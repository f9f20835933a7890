// `leaklab compare <before> <after>`: did a change make a leak worse? Exit 1 on a regression.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { comparisonMarkdown } from '../../compare/compare-markdown.ts';
import { compareRuns, DEFAULT_MAX_SLOPE_INCREASE } from '../../compare/compare-runs.ts';
import { ExitCode, type ExitCodeValue, InputError } from '../../core/errors.ts';
import { readRunRecord, runPaths } from '../../run-data/run-dir.ts';
import type { CliIo } from '../io.ts';

export function compareCommand(
  before: string,
  after: string,
  flags: { markdown?: string; maxSlopeIncrease?: string },
  io: CliIo,
): ExitCodeValue {
  const limit = flags.maxSlopeIncrease === undefined ? DEFAULT_MAX_SLOPE_INCREASE : Number(flags.maxSlopeIncrease);
  if (!Number.isFinite(limit) || limit < 0) {
    throw new InputError(`--max-slope-increase "${flags.maxSlopeIncrease}" is not a number of bytes`, {
      hint: 'e.g. --max-slope-increase 128',
    });
  }
  // Checked before anything is read: writeFileSync into a missing folder was an "unexpected error".
  const markdownDir = flags.markdown === undefined ? undefined : dirname(resolve(io.cwd, flags.markdown));
  if (markdownDir !== undefined && !statSync(markdownDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`--markdown ${flags.markdown}: no folder ${markdownDir}`, { hint: 'create the folder first' });
  }
  const [a, b] = [before, after].map((d) => {
    const dir = resolve(io.cwd, d);
    if (!existsSync(runPaths(dir).runJson))
      throw new InputError(`${dir} is not a leaklab run directory (no run.json)`, { hint: 'pass folders under results/' });
    return readRunRecord(dir);
  });
  const comparison = compareRuns(a!, b!, { maxSlopeIncrease: limit });
  const markdown = comparisonMarkdown(comparison, { before, after });
  if (flags.markdown) writeFileSync(resolve(io.cwd, flags.markdown), markdown);
  io.stdout(markdown);
  return comparison.regressions > 0 ? ExitCode.expectationFailed : ExitCode.ok;
}
