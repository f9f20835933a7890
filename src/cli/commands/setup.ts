// `leaklab setup`: build the sample app's virtualenv now (npm install runs it), rather than on
// the first scenario.
import { join } from 'node:path';
import { ExitCode, type ExitCodeValue, LeaklabError } from '../../core/errors.ts';
import { ensureVenv, pythonCandidates } from '../../setup/python-env.ts';
import type { CliIo } from '../io.ts';
import { PROJECT_ROOT } from '../paths.ts';

export async function setupCommand(flags: { ifPossible?: boolean }, io: CliIo): Promise<ExitCodeValue> {
  try {
    const env = await ensureVenv({
      appDir: join(PROJECT_ROOT, 'sample-django-app'),
      requirements: 'requirements.txt',
      pythonCandidates: pythonCandidates(io.env),
      log: (line) => io.stderr(`${line}\n`),
    });
    io.stderr(`leaklab: Python environment at ${env.venvDir}\n`);
    return ExitCode.ok;
  } catch (err) {
    // From npm install: say what is missing, but do not fail the Node install; the first run
    // will say it again and exit 3.
    if (flags.ifPossible && err instanceof LeaklabError) {
      io.stderr(`leaklab: the Python environment was not set up: ${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}\n`);
      return ExitCode.ok;
    }
    throw err;
  }
}
