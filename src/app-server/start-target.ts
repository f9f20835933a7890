// Where the app runs, chosen once per run (--target): the project venv and local Gunicorn, or
// the app image and Gunicorn in a container. The pipeline asks the runtime to run app.setup
// and to start each variant's Gunicorn, and never needs to know which one it has.
import { runAppSetup, type AppSetupOptions } from '../setup/app-setup.ts';
import { prepareLocalPython } from '../setup/app-python.ts';
import type { PythonEnv } from '../setup/python-env.ts';
import { dockerAppSetup } from './docker-app-setup.ts';
import { checkDockerEngine } from './docker-engine.ts';
import { startDockerGunicorn, IMAGE_PYTHON, type ContainerFacts, type ContainerSettings } from './docker-gunicorn.ts';
import { ensureAppImage, type AppImage } from './docker-image.ts';
import { startLocalGunicorn } from './local-gunicorn.ts';
import type { RunningTarget, TargetSpec } from './types.ts';

export type TargetKind = 'local' | 'docker';

export interface StartDeps {
  variant: string;
  container: ContainerSettings;
  baseEnv: Record<string, string | undefined>;
  signal?: AbortSignal;
  onEmergencyKill?: (kill: () => void) => () => void;
}

export interface StartedTarget extends RunningTarget {
  /** Docker only, after stop(): image, memory limit, OOM kills. */
  facts?: () => ContainerFacts;
}

export interface AppRuntime {
  target: TargetKind;
  /** The app's Python: the project venv, or the venv inside the image (container paths). */
  python: PythonEnv;
  image?: AppImage;
  /** app.setup, where the app runs. */
  runSetup: (o: AppSetupOptions) => Promise<void>;
  start: (spec: TargetSpec, deps: StartDeps) => Promise<StartedTarget>;
}

export interface PrepareRuntimeOptions {
  appDir: string;
  requirements: string;
  /** app.python, absolute: run Gunicorn from it as-is (local target only). */
  python?: string;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  signal: AbortSignal;
}

export async function prepareAppRuntime(target: TargetKind, o: PrepareRuntimeOptions): Promise<AppRuntime> {
  if (target === 'docker') {
    // No local venv: Gunicorn and app.setup both run in the image, which holds its own.
    await checkDockerEngine(o.env);
    const image = await ensureAppImage({ appDir: o.appDir, requirements: o.requirements, env: o.env, log: o.log, signal: o.signal });
    return {
      target,
      python: IMAGE_PYTHON,
      image,
      runSetup: dockerAppSetup(image, o.env),
      start: (spec, deps) => startDockerGunicorn(spec, { ...deps, image }),
    };
  }
  const python = await prepareLocalPython({ appDir: o.appDir, python: o.python, requirements: o.requirements, env: o.env, log: o.log });
  return {
    target,
    python,
    runSetup: runAppSetup,
    start: (spec, deps) => startLocalGunicorn(spec, { python, baseEnv: deps.baseEnv, signal: deps.signal, onEmergencyKill: deps.onEmergencyKill }),
  };
}

