// The command line: parses arguments with commander and calls the same functions a library
// user would. Every failure becomes an exit code here; nothing below knows about argv.
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, type ExitCodeValue, LeaklabError } from '../core/errors.ts';
import type { CiFlags } from './commands/ci.ts';
import type { CompareFlags } from './commands/compare.ts';
import type { ReplayFlags } from './commands/replay.ts';
import type { RunFlags } from './commands/run.ts';
import type { CliIo } from './io.ts';
import { leaklabVersion } from './version.ts';

// Commands are imported when chosen: rendering pulls in vega, which `leaklab list` should not pay for.

export async function runCli(argv: string[], io: CliIo): Promise<ExitCodeValue> {
  let code: ExitCodeValue = ExitCode.ok;
  const verbose = argv.includes('--verbose');
  const program = new Command('leaklab')
    .description('Reproduce, measure and judge memory leaks in Django apps served by Gunicorn.')
    .option('--verbose', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('run')
    .description('run a scenario: storm every variant, sample every worker, judge the curves')
    .argument('<scenario>', 'a bundled scenario name (see `leaklab list`) or a path to a .yaml file')
    .option('--variant <names>', 'run only these variants, comma-separated')
    .option('--quick', 'a shorter run, long enough for the verdicts to stay right (CI, demos)')
    .option('--duration <time>', 'storm length per variant, e.g. 20s (overrides the scenario)')
    .option('--requests <n>', 'storm exactly n requests per variant (overrides the scenario)')
    .option(
      '--until-verdict',
      "stop each variant's storm once its verdict is decided (load.until: verdict); duration/requests become the cap",
    )
    .option('--connections <n>', 'concurrent connections')
    .option('--workers <n>', 'Gunicorn workers')
    .option(
      '--trace [tracer]',
      'also run each variant traced (tracemalloc in every worker, or memray with native frames: --trace memray) to name the growing lines; the traced pass never feeds the verdict',
    )
    .option(
      '--diagnose',
      'the whole answer for each growing variant: which mix entry (attribution, isolation runs if unclear) and which line (a traced pass)',
    )
    .option(
      '--isolate',
      'for a growing variant whose attribution is not clear-cut, short runs of the suspect alone and of the mix without it',
    )
    .addOption(
      new Option(
        '--target <where>',
        'where the app runs: local (the project venv) or docker (the app image, built if missing; host network and PID namespace)',
      )
        .choices(['local', 'docker'])
        .default('local'),
    )
    .option('--out <dir>', 'results folder', 'results')
    .option('--live', 'serve a live view of the run on 127.0.0.1 (a free port, printed): the curves as samples arrive')
    .option(
      '--allow-remote-env',
      'accept app.env / variant env values that point the app at a host other than loopback (refused by default)',
    )
    .option('--verbose', 'show stack traces on errors')
    .addHelpText(
      'after',
      `
Examples:
  leaklab run global-list                   the three variants, 20 s each
  leaklab run global-list --quick           shorter, same verdicts (CI)
  leaklab run global-list --until-verdict   each variant stops once its verdict is decided
  leaklab run dict-cache --variant leaky,ttl --requests 30000
  leaklab run global-list --variant leaky --trace   which line keeps the memory
  leaklab run mixed-endpoints --diagnose    which endpoint, which line
  leaklab run global-list --live            watch the curves grow in a browser

Exit codes: 0 every expectation held, 1 one failed, 2 bad input,
3 the app or the environment failed, 130 interrupted (data kept).
Results: results/<run-id>/ (run.json, samples.csv, summary.md, leak-curves.png, report.html);
results/latest points at the newest.`,
    )
    .action(async (name: string, flags: RunFlags) => {
      code = await (await import('./commands/run.ts')).runCommand(name, flags, io);
    });

  program
    .command('list')
    .description('the bundled scenarios with their one-line claims')
    .action(async () => {
      code = (await import('./commands/list.ts')).listCommand(io);
    });

  program
    .command('report')
    .description('re-render every output of a run from its saved data')
    .argument('<run-dir>', 'a run folder, e.g. results/latest')
    .addHelpText(
      'after',
      '\nExit codes, as `run` would give for that data: 0 every expectation held, 1 one failed,\n2 not a run folder, 3 the run failed (a variant failed, or every one was skipped).',
    )
    .action(async (dir: string) => {
      code = await (await import('./commands/report.ts')).reportCommand(dir, io);
    });

  program
    .command('clean')
    .description('remove what killed runs left behind: scratch folders, service data, shared memory')
    .argument('[results-dir]', 'a results folder (default: results)')
    .action(async (dir: string | undefined) => {
      code = (await import('./commands/clean.ts')).cleanCommand(dir, io);
    });

  program
    .command('compare')
    .description('compare a run before and after a change; exit 1 on a regression')
    .argument('<before-run-dir>', 'the run of the code before the change, e.g. results/20261126-072714-global-list')
    .argument('<after-run-dir>', 'the run of the changed code, of the same scenario (e.g. results/latest)')
    .option('--markdown <file>', "also write the comparison as Markdown (for a PR comment); the charts go in this file's folder")
    .option('--out <dir>', 'write the before/after charts (compare-<variant>.svg/.png) here')
    .option(
      '--max-slope-increase <bytes>',
      'a slope rise (bytes/request) above this, outside both intervals, is a regression',
      '128',
    )
    .addHelpText(
      'after',
      `
A regression: a verdict got worse (flat < bounded < sawtooth < leak, or any verdict became
inconclusive), the slope rose past --max-slope-increase with the two 95% intervals apart, the
after run failed or was interrupted, or a variant of the before run failed, is missing or was
skipped in the after run. The first line of the output says which.

Exit codes: 0 no regression, 1 a regression, 2 the runs cannot be compared (different
scenarios, or a variant's request mix, Gunicorn settings or env differ: each run's saved
scenario.yaml and run.json are compared) or a folder is not a run.`,
    )
    .action(async (before: string, after: string, flags: CompareFlags) => {
      code = await (await import('./commands/compare.ts')).compareCommand(before, after, flags, io);
    });

  program
    .command('ci')
    .description('run a scenario at two commits (git worktrees), compare them; exit 1 on a regression')
    .argument('<scenario>', 'a path relative to the repository root, or a scenario name')
    .requiredOption('--base <ref>', 'the commit before the change (a branch, tag or sha)')
    .requiredOption('--head <ref>', 'the commit after the change')
    .option('--out <dir>', 'where both runs, comparison.md and comment.md go', 'leaklab-ci')
    .option('--python <path>', "a venv or interpreter for both commits' app (else each builds or shares one)")
    .option('--variant <names>', 'run only these variants, comma-separated')
    .option('--quick', 'a shorter run, long enough for the verdicts to stay right')
    .option('--duration <time>', 'storm length per variant (overrides the scenario)')
    .option('--requests <n>', 'storm exactly n requests per variant (overrides the scenario)')
    .option('--connections <n>', 'concurrent connections')
    .option('--workers <n>', 'Gunicorn workers')
    .addHelpText(
      'after',
      `
Each ref is checked out into a temporary git worktree (removed afterwards), where the scenario
and the app are run as they are at that commit. A commit whose requirements file matches an
existing venv (this checkout's, or the base's) shares it instead of building its own.
The Markdown (comparison and both summaries) goes to <out>/comment.md and, when
GITHUB_STEP_SUMMARY is set, to the job summary.
Exit codes: 0 no regression, 1 a regression, 2 bad input (no git repository, unknown ref,
runs that cannot be compared), 3 the app or the environment failed, 130 interrupted.`,
    )
    .action(async (scenario: string, flags: CiFlags) => {
      code = await (await import('./commands/ci.ts')).ciCommand(scenario, flags, io);
    });

  program
    .command('demo')
    .description("the source material's claims in its order, measured in quick mode, then one index page (for a talk)")
    .option('--full', 'full-length runs instead of --quick')
    .option('--only <steps>', 'only these steps, comma-separated (a short version; `leaklab demo --only x` lists them)')
    .option('--out <dir>', 'results folder', 'results')
    .option('--live', 'serve a live view of each run on 127.0.0.1 (a free port, printed)')
    .option('--no-until-verdict', 'run every variant to its cap instead of stopping once its verdict is decided')
    .action(async (flags: { out?: string; full?: boolean; only?: string; live?: boolean; untilVerdict?: boolean }) => {
      code = await (await import('./commands/demo.ts')).demoCommand(flags, io);
    });

  program
    .command('replay')
    .description('play a saved run on the live page at any speed, then show its report')
    .argument('<run-dir>', 'a run folder, e.g. results/latest')
    .option('--speed <n>', 'how many times faster than it was recorded (10: a 20 s storm in 2 s)', '1')
    .option('--port <n>', 'serve on this port of 127.0.0.1 (default: a free one)')
    .option('--once', 'stop serving after the first viewer has watched it to the end (tests, scripts)')
    .addHelpText(
      'after',
      `
Open the printed address in a browser; each page load plays the run from the start, and
?speed=N on the address overrides --speed. Serves until Ctrl-C (or, with --once, until the
first playback ended and its report was fetched). Nothing is run: samples come from
samples.csv, the verdicts from run.json, the report is the run's report.html.
Exit codes: 0 served, 2 not a run folder (no run.json or samples.csv), damaged run data,
a bad --speed or --port.`,
    )
    .action(async (dir: string, flags: ReplayFlags) => {
      code = await (await import('./commands/replay.ts')).replayCommand(dir, flags, io);
    });

  program
    .command('init')
    .description('write a starter scenario (leaklab.yaml) for an existing Django project')
    .argument('[project-dir]', 'the folder holding manage.py, or the one above it (default: here)')
    .option('--python <path>', 'a venv folder or interpreter with the project installed (becomes app.python)')
    .option('--force', 'overwrite an existing leaklab.yaml')
    .option('--verbose', 'show stack traces on errors')
    .addHelpText(
      'after',
      `
Finds manage.py and its settings, lists the routes with the project's own Django (each route
without parameters is tried once with its test client) and writes leaklab.yaml, then prints
  Next: leaklab run ./leaklab.yaml
The Python: --python, else a venv in .venv/ or venv/, else one leaklab builds from
requirements.txt or pyproject.toml (about a minute the first time).
Exit codes: 0 written, 2 no project or leaklab.yaml exists (--force), 3 no usable Python.`,
    )
    .action(async (dir: string | undefined, flags: { force?: boolean; python?: string }) => {
      code = await (await import('./commands/init.ts')).initCommand(dir, flags, io);
    });

  program
    .command('setup')
    .description("create the sample app's Python virtualenv (npm install does this)")
    .option('--if-possible', 'report a missing Python but exit 0 (for npm install)')
    .action(async (flags: { ifPossible?: boolean }) => {
      code = await (await import('./commands/setup.ts')).setupCommand(flags, io);
    });

  program
    .command('schema')
    .description('print (or write) the JSON Schema of scenario files, for editors')
    .argument('[file]', 'write it here instead of printing it')
    .action(async (file: string | undefined) => {
      code = (await import('./commands/schema.ts')).schemaCommand(file, io);
    });

  // --version on every command, not only the top level: `leaklab run --version` is what people type.
  for (const command of [program, ...program.commands])
    command.version(leaklabVersion(), '-V, --version', 'print the leaklab version');

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return reportError(err, io, verbose);
  }
}

function reportError(err: unknown, io: CliIo, verbose: boolean): ExitCodeValue {
  if (err instanceof CommanderError) {
    // Help and version "errors" are how commander says it printed them.
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
  }
  if (err instanceof LeaklabError) {
    io.stderr(`leaklab: ${err.message}\n`);
    for (const line of err.details) io.stderr(`  ${line}\n`);
    if (err.hint) io.stderr(`  hint: ${err.hint}\n`);
    if (verbose && err.stack) io.stderr(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  io.stderr(`leaklab: unexpected error: ${e?.message ?? String(err)}\n`);
  io.stderr(verbose ? `${e?.stack ?? ''}\n` : '  (run again with --verbose for the stack trace)\n');
  return ExitCode.environment;
}
