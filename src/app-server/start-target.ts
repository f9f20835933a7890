// Where the app runs, chosen once per run (--target): the project venv and local Gunicorn, or
// the app image and Gunicorn in a container. The pipeline asks the runtime which variants it
// can run, to run app.setup and to start each variant's Gunicorn, and reads what the target
// reports afterwards (warnings, the container's facts); it never needs to know which one it has.
import type { Scenario } from '../scenario/schema.ts';
import { prepareLocalPython } from '../setup/app-python.ts';
import { type AppSetupOptions, runAppSetup } from '../setup/app-setup.ts';
import type { PythonEnv } from '../setup/python-env.ts';
import { type CeleryWorkerSpec, type RunningCeleryWorker, startCeleryWorker } from './celery-worker.ts';
import { dockerAppSetup } from './docker-app-setup.ts';
import { checkDockerEngine } from './docker-engine.ts';
import { IMAGE_PYTHON, startDockerGunicorn } from './docker-gunicorn.ts';
import { ensureAppImage, type RecordedImage, recordedImage } from './docker-image.ts';
import { resolveContainer } from './docker-settings.ts';
import { startLocalGunicorn } from './local-gunicorn.ts';
import type { StartedTarget, TargetSpec } from './types.ts';

export type { StartedTarget, TargetReport } from './types.ts';

export type TargetKind = 'local' | 'docker';

export interface StartDeps {
  variant: string;
  baseEnv: Record<string, string | undefined>;
  signal?: AbortSignal;
  onEmergencyKill?: (kill: () => void) => () => void;
}

export interface AppRuntime {
  target: TargetKind;
  /** The app's Python: the project venv, or the venv inside the image (container paths). */
  python: PythonEnv;
  /** --target docker: the app image, as run.json records it. */
  image?: RecordedImage;
  /** Why this target cannot run a variant (a memory limit only a container enforces), or undefined. */
  skipReason: (variant: string) => string | undefined;
  /** app.setup, where the app runs. */
  runSetup: (o: AppSetupOptions) => Promise<void>;
  start: (spec: TargetSpec, deps: StartDeps) => Promise<StartedTarget>;
  /** A Celery worker beside the app (a variant's `celery:`); absent where this target cannot run one. */
  startCelery?: (spec: CeleryWorkerSpec, deps: StartDeps) => Promise<RunningCeleryWorker>;
}

/** Why a variant with `celery:` cannot run on this target, or undefined. */
export function celerySkipReason(runtime: Pick<AppRuntime, 'startCelery' | 'target'>): string | undefined {
  return runtime.startCelery
    ? undefined
    : `its Celery worker runs on the local target only (this run is --target ${runtime.target}; use --target local)`;
}

export interface PrepareRuntimeOptions {
  /** The scenario run: its `container:` settings (and each variant's) reach the target from here. */
  scenario: Scenario;
  appDir: string;
  requirements: string;
  /** app.python, absolute: run Gunicorn from it as-is (local target only). */
  python?: string;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  signal: AbortSignal;
}

export async function prepareAppRuntime(target: TargetKind, o: PrepareRuntimeOptions): Promise<AppRuntime> {
  const skipReason = (variant: string) => resolveContainer(o.scenario, variant, target).skipReason;
  if (target === 'docker') {
    // No local venv: Gunicorn and app.setup both run in the image, which holds its own.
    await checkDockerEngine(o.env);
    const image = await ensureAppImage({
      appDir: o.appDir,
      requirements: o.requirements,
      env: o.env,
      log: o.log,
      signal: o.signal,
    });
    return {
      target,
      python: IMAGE_PYTHON,
      image: recordedImage(image),
      skipReason,
      runSetup: dockerAppSetup(image, o.env),
      start: (spec, deps) =>
        startDockerGunicorn(spec, { ...deps, image, container: resolveContainer(o.scenario, deps.variant, target).settings }),
    };
  }
  const python = await prepareLocalPython({
    appDir: o.appDir,
    python: o.python,
    requirements: o.requirements,
    env: o.env,
    log: o.log,
  });
  return {
    target,
    python,
    skipReason,
    runSetup: runAppSetup,
    async start(spec, deps) {
      const { warning } = resolveContainer(o.scenario, deps.variant, target);
      const running = await startLocalGunicorn(spec, {
        python,
        baseEnv: deps.baseEnv,
        signal: deps.signal,
        onEmergencyKill: deps.onEmergencyKill,
      });
      return { ...running, report: () => ({ warnings: warning ? [warning] : [] }) };
    },
    startCelery: (spec, deps) =>
      startCeleryWorker(spec, { python, baseEnv: deps.baseEnv, signal: deps.signal, onEmergencyKill: deps.onEmergencyKill }),
  };
}
