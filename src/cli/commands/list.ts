// `leaklab list`: the bundled scenarios with their one-line claims.
import { basename } from 'node:path';
import { ExitCode, type ExitCodeValue, type LeaklabError } from '../../core/errors.ts';
import { listScenarioFiles, loadScenarioFile } from '../../scenario/load.ts';
import type { CliIo } from '../io.ts';
import { SCENARIOS_DIR } from '../paths.ts';

export function listCommand(io: CliIo): ExitCodeValue {
  const rows = listScenarioFiles(SCENARIOS_DIR).map((file) => {
    try {
      const { scenario } = loadScenarioFile(file);
      const variants = scenario.variants
        .map((v) => {
          // What a variant needs beyond the venv, so a user knows why it may be skipped.
          const needs = [...(v.services ?? scenario.services), ...(v.container?.memoryMiB ? ['docker'] : [])];
          return `${v.expect ? `${v.name}→${v.expect}` : v.name}${needs.length ? ` [${needs.join(', ')}]` : ''}`;
        })
        .join(', ');
      return { name: scenario.name, claim: scenario.claim, variants };
    } catch (err) {
      return { name: basename(file, '.yaml'), claim: `(invalid: ${(err as LeaklabError).message})`, variants: '' };
    }
  });
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    io.stdout(`${r.name.padEnd(width)}  ${r.claim}\n${' '.repeat(width)}  variants: ${r.variants}\n`);
  }
  return ExitCode.ok;
}
