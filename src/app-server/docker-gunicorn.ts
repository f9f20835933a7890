// Gunicorn in a container, seen by the harness exactly as the local one is. The container runs
// in the host's PID namespace (--pid host) with host networking, and the hooks' state folder,
// the hooks file and the app folder are bind-mounted at the same paths: Gunicorn's worker pids
// are host pids, so the sampler reads /proc/<pid>/statm and smaps_rollup, the hooks' mmap'd
// request counters and events.jsonl as it does locally, and the storm reaches 127.0.0.1:<port>.
// `docker run` stays attached, so its output goes straight to the variant's Gunicorn log and
// its exit is the container's.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readText } from '../core/log-file.ts';
import { freePort, LOOPBACK } from '../core/loopback.ts';
import { startOrphanWatchdog } from '../core/orphan-watchdog.ts';
import { spawnGroup } from '../core/process-group.ts';
import { pidAlive } from '../core/process-table.ts';
import type { PythonEnv } from '../setup/python-env.ts';
import { waitReady } from './app-ready.ts';
import { containerName, dockerRunArgs, forwardedHostEnv } from './docker-args.ts';
import { readOomKills, sigkilledWorkers } from './docker-cgroup.ts';
import { currentUser, type DockerEnv, docker } from './docker-engine.ts';
import type { AppImage } from './docker-image.ts';
import { watchContainerMaster } from './docker-master.ts';
import { type ContainerSettings, containerWarnings } from './docker-settings.ts';
import { gunicornModuleArgs, HOOKS_FILE, hookEnv } from './gunicorn-args.ts';
import type { StartedTarget, TargetSpec } from './types.ts';

const HOST = LOOPBACK;
const STOP_GRACE_S = 5;
/** How long the attached CLI gets to exit after `docker stop` returned. */
const STOP_EXIT_WAIT_MS = 10_000;

/** The Python inside the image (see sample-django-app/Dockerfile). */
export const IMAGE_PYTHON: PythonEnv = { venvDir: '/venv', python: '/venv/bin/python', bin: '/venv/bin' };

import type { ContainerFacts } from '../run-data/run-record.ts';

export type { ContainerFacts, ContainerSettings };

export interface DockerGunicornDeps {
  image: AppImage;
  /** Names the container, with the run's id (from the state folder, which is in the run dir). */
  variant: string;
  container: ContainerSettings;
  /** The harness's environment: the docker CLI's own (PATH, DOCKER_HOST), and the app's base. */
  baseEnv: DockerEnv;
  signal?: AbortSignal;
  onEmergencyKill?: (kill: () => void) => () => void;
}

export async function startDockerGunicorn(spec: TargetSpec, deps: DockerGunicornDeps): Promise<StartedTarget> {
  mkdirSync(join(spec.stateDir, 'workers'), { recursive: true });
  const port = await freePort();
  // The state folder is <run dir>/.state-XXXXXX: its suffix keeps two runs' names apart.
  const name = containerName(basename(dirname(spec.stateDir)), deps.variant, basename(spec.stateDir).slice(-6));
  const appEnv: Record<string, string> = {
    ...forwardedHostEnv(deps.baseEnv),
    ...spec.env,
    ...hookEnv(spec.stateDir, spec.gunicorn),
  };
  const configDir = spec.gunicorn.configFile ? [{ path: dirname(spec.gunicorn.configFile), readOnly: true }] : [];
  const args = dockerRunArgs({
    name,
    image: deps.image.tag,
    user: currentUser(),
    workdir: spec.appDir,
    mounts: [{ path: spec.appDir }, { path: spec.stateDir }, { path: HOOKS_FILE, readOnly: true }, ...configDir],
    envNames: Object.keys(appEnv),
    memoryMiB: deps.container.memoryMiB,
    hostPid: true,
    command: [IMAGE_PYTHON.python, ...gunicornModuleArgs(HOOKS_FILE, spec.gunicorn, `${HOST}:${port}`, spec.stateDir, spec.wsgi)],
  });
  const cliEnv = { ...deps.baseEnv, ...appEnv };
  // Its own process group: Ctrl-C in the terminal reaches the harness only. Stopping it is
  // docker's business (docker stop, then rm -f); the group SIGKILL only ends the attached CLI.
  const group = spawnGroup(
    'docker',
    args,
    { env: cliEnv, logFile: spec.logFile },
    {
      terminate: async () => {
        await docker(['stop', '-t', String(STOP_GRACE_S), name], deps.baseEnv, (STOP_GRACE_S + 30) * 1000);
      },
      graceMs: STOP_EXIT_WAIT_MS,
      // --rm removes it; this catches a container the CLI lost track of.
      cleanup: async () => {
        await docker(['rm', '-f', name], deps.baseEnv);
      },
      emergencyKill: () => {
        spawnSync('docker', ['rm', '-f', name], { env: deps.baseEnv, stdio: 'ignore', timeout: 30_000 });
      },
      ...(deps.onEmergencyKill ? { onEmergencyKill: deps.onEmergencyKill } : {}),
      // A harness that is SIGKILLed leaves a container nothing else would stop.
      watchdog: () => startOrphanWatchdog('docker rm -f "$1"', [name], deps.baseEnv),
    },
  );

  let masterPid = 0;
  let oomKills: number | null = null;
  let oomRead = false;
  const stop = () => {
    // Read before the container (and its cgroup) goes away.
    if (!oomRead && masterPid) oomKills = readOomKills(masterPid);
    oomRead = true;
    return group.stop();
  };

  const facts = (): ContainerFacts => ({
    image: deps.image.tag,
    imageId: deps.image.id,
    name,
    ...(deps.container.memoryMiB === undefined ? {} : { memoryLimitMiB: deps.container.memoryMiB }),
    oomKills,
    sigkilledWorkers: sigkilledWorkers(readText(spec.logFile)).length,
  });
  const target: StartedTarget = {
    host: HOST,
    port,
    get masterPid() {
      return masterPid;
    },
    stopRequestedAt: group.stopRequestedAt,
    stop,
    // As the local target's: the pipeline ends the variant (failed, exit 3) when this settles mid-storm.
    masterEnded: watchContainerMaster(group, { masterPid: () => masterPid, alive: (pid) => pidAlive(pid) }),
    report() {
      const container = facts();
      return { warnings: containerWarnings(container), container };
    },
  };
  try {
    await waitReady({
      spec,
      target,
      exitCode: group.exitCode,
      exitedText: (code) => `the container exited (docker run exit ${code})`,
      appText: 'the app in the container',
      signal: deps.signal,
    });
    const inspect = await docker(['inspect', '--format', '{{.State.Pid}}', name], deps.baseEnv);
    masterPid = Number(inspect.stdout) || 0;
  } catch (err) {
    await stop();
    throw err;
  }
  return target;
}
