// Is there a docker CLI, and does it reach an engine? Asked once per run, before anything is
// built or started, so that a missing Docker is one clear error (exit 3), not a failed variant.
import { userInfo } from 'node:os';
import { execa } from 'execa';
import { EnvironmentError } from '../core/errors.ts';

export type DockerEnv = Record<string, string | undefined>;

const START_HINT =
  'start the engine (systemctl start docker, or as root: dockerd --bridge=none --iptables=false &), check DOCKER_HOST, or use --target local';

export async function checkDockerEngine(env: DockerEnv): Promise<{ serverVersion: string }> {
  const r = await execa('docker', ['version', '--format', '{{.Server.Version}}'], {
    env,
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 30_000,
  });
  if ((r as { code?: string }).code === 'ENOENT') {
    throw new EnvironmentError('--target docker needs the docker command, which was not found on PATH', {
      hint: 'install Docker (Debian/Ubuntu: apt-get install docker.io), or use --target local',
    });
  }
  if (r.exitCode !== 0 || r.timedOut) {
    const said = String(r.all ?? '')
      .trim()
      .split('\n')
      .filter(Boolean);
    throw new EnvironmentError('the Docker engine is not reachable', { details: said.slice(-4), hint: START_HINT });
  }
  return { serverVersion: String(r.stdout).trim() };
}

/** `docker <args>` whose failure is the harness's business (inspect, stop, rm): never throws. */
export async function docker(args: string[], env: DockerEnv, timeoutMs = 60_000) {
  const r = await execa('docker', args, { env, extendEnv: false, reject: false, all: true, timeout: timeoutMs });
  return { ok: r.exitCode === 0, stdout: String(r.stdout ?? '').trim(), all: String(r.all ?? '').trim() };
}

/** "uid:gid" of the harness, for `docker run --user`: files the app writes into bind mounts stay the user's. */
export function currentUser(): string | undefined {
  try {
    const u = userInfo();
    return u.uid >= 0 ? `${u.uid}:${u.gid}` : undefined;
  } catch {
    return undefined;
  }
}
