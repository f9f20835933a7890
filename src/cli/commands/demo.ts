// `leaklab demo` (npm run demo): every bundled scenario in quick mode, then one index page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ExitCode, type ExitCodeValue } from '../../core/errors.ts';
import type { RunObserver } from '../../pipeline/run-observer.ts';
import { runScenario } from '../../pipeline/run-scenario.ts';
import { type DemoEntry, renderDemoIndex } from '../../report/demo-index.ts';
import { listScenarioFiles, loadScenarioFile } from '../../scenario/load.ts';
import type { CliIo } from '../io.ts';
import { SCENARIOS_DIR } from '../paths.ts';
import { runContext } from '../run-context.ts';
import { startLive } from './run.ts';

export async function demoCommand(flags: { out?: string; full?: boolean; live?: boolean }, io: CliIo): Promise<ExitCodeValue> {
  // One live view for the whole demo: each scenario's run replaces the last on the page.
  const live = flags.live ? await startLive(io, { navigateToReport: false }) : undefined;
  try {
    return await demoRuns(flags, io, live?.observer);
  } finally {
    await live?.finish({ lingerMs: 0 });
  }
}

async function demoRuns(
  flags: { out?: string; full?: boolean },
  io: CliIo,
  observer: RunObserver | undefined,
): Promise<ExitCodeValue> {
  const root = resolve(io.cwd, flags.out ?? 'results');
  const files = listScenarioFiles(SCENARIOS_DIR);
  const entries: DemoEntry[] = [];
  const indexDir = join(root, `demo-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`);
  for (const [i, file] of files.entries()) {
    if (io.signal.aborted) break;
    const loaded = loadScenarioFile(file);
    io.stderr(`\n== ${i + 1}/${files.length} ${loaded.scenario.name}: ${loaded.scenario.claim}\n`);
    const result = await runScenario(
      loaded,
      { quick: !flags.full },
      { ...runContext(io, root), ...(observer ? { observer } : {}) },
    );
    io.stdout(`\n${result.terminal}`);
    entries.push({ run: result.record, href: relative(indexDir, result.paths.dir) });
  }
  mkdirSync(indexDir, { recursive: true });
  const index = join(indexDir, 'index.html');
  writeFileSync(index, renderDemoIndex(entries, new Date().toISOString()));
  io.stdout(`\ndemo index: ${index}\n`);
  if (io.signal.aborted) return ExitCode.interrupted;
  const variants = entries.flatMap((e) => e.run.variants);
  if (variants.some((v) => v.status === 'failed')) return ExitCode.environment;
  return variants.some((v) => v.expectationMet === false) ? ExitCode.expectationFailed : ExitCode.ok;
}
