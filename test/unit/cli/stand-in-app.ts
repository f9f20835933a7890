// A scenario whose app has an up-to-date venv (so no real Python is needed) with a stand-in
// python that exits at once: `leaklab run` goes all the way to Gunicorn's start in-process.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stampFor } from '../../../src/setup/python-env.ts';
import { scratchDir } from '../../scratch.ts';
import { fakePython } from '../setup/fake-python.ts';

/**
 * A scenario on the stand-in app (folder app/, env FROM_APP_ENV) with one variant, `first`,
 * expecting flat. Line 6 is app.env, 8 load.requests, 9 load.mix, 12 expect: tests name them.
 */
export function standInScenario(name: string, title: string): string {
  return `name: ${name}
title: ${title}
claim: c
app:
  dir: app
  env: { FROM_APP_ENV: "scenario" }
load:
  requests: 100
  mix: [{ path: /ok/ }]
variants:
  - name: first
    expect: flat
`;
}

export const SCENARIO = `${standInScenario('fails', 'An app that never starts')}  - name: second
    expect: leak
    gunicorn: { maxRequests: 500, maxRequestsJitter: 20 }
    env: { FROM_VARIANT: "second" }
`;

/** A scenario folder whose app has an up-to-date venv (so no real Python is needed) with a stand-in python. */
export function appThatNeverStarts(): { dir: string; file: string; python: string } {
  const dir = scratchDir('cli-fails');
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'requirements.txt'), 'gunicorn\n');
  const python = fakePython(join(app, '.venv', 'bin'), 'python', { version: '3.11.9' });
  writeFileSync(join(app, '.venv', '.leaklab-stamp'), stampFor('gunicorn\n', '3.11.9'));
  const file = join(dir, 'fails.yaml');
  writeFileSync(file, SCENARIO);
  return { dir, file, python };
}
