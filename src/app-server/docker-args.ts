// Pure: the docker command lines leaklab runs, and the names and tags it uses. Kept apart from
// the code that runs them so that every flag that matters (host network, host PID namespace,
// same-path mounts, memory limit) is unit-tested.
import { createHash } from 'node:crypto';

/** Label on every container leaklab starts, so `docker ps --filter label=leaklab` finds them. */
export const CONTAINER_LABEL = 'leaklab';
export const IMAGE_REPOSITORY = 'leaklab-app';
/** What scripts/docker-base-image.sh imports: used when present and no base image is named. */
export const LOCAL_BASE_IMAGE = 'leaklab-base:bookworm';

/** A bind mount at the same path inside as outside: the hooks, sampler and logs agree on paths. */
export interface SamePathMount {
  path: string;
  readOnly?: boolean;
}

export interface ContainerRunSpec {
  name: string;
  image: string;
  /** "uid:gid": files the app writes into bind mounts stay the user's. */
  user?: string;
  workdir: string;
  mounts: SamePathMount[];
  /** Variables passed by name only (`-e NAME`): the docker CLI takes each value from its own
   * environment, so values (a DATABASE_URL with a password) never show in `ps`. */
  envNames: string[];
  memoryMiB?: number;
  /** Run in the host PID namespace (Gunicorn: the sampler reads /proc/<worker pid>). */
  hostPid: boolean;
  /** Keep the container after it exits (never for leaklab's own runs). */
  keep?: boolean;
  command: string[];
}

/** `docker run` arguments (attached: the CLI streams the container's output and exits with it). */
export function dockerRunArgs(s: ContainerRunSpec): string[] {
  const args = ['run', ...(s.keep ? [] : ['--rm']), '--name', s.name, '--label', CONTAINER_LABEL];
  // Host networking: traffic stays on the host's loopback (no bridge, no NAT in the way of the
  // storm), and 127.0.0.1 inside is 127.0.0.1 outside.
  args.push('--network', 'host');
  if (s.hostPid) args.push('--pid', 'host');
  // Ctrl-C reaches the harness only; it stops the container in order.
  args.push('--sig-proxy=false');
  if (s.user) args.push('--user', s.user);
  args.push('--workdir', s.workdir);
  for (const m of s.mounts) args.push('--mount', mountValue(m));
  for (const name of s.envNames) args.push('--env', name);
  if (s.memoryMiB !== undefined) {
    // Swap equal to memory: the limit is a hard one, as systemd's MemoryMax is.
    args.push('--memory', `${s.memoryMiB}m`, '--memory-swap', `${s.memoryMiB}m`);
  }
  args.push(s.image, ...s.command);
  return args;
}

/** --mount takes comma-separated key=value pairs, read as CSV: quote a path holding , or ". */
export function mountValue(m: SamePathMount): string {
  const field = (kv: string) => (/[",]/.test(kv) ? `"${kv.replaceAll('"', '""')}"` : kv);
  return ['type=bind', field(`source=${m.path}`), field(`target=${m.path}`), ...(m.readOnly ? ['readonly'] : [])].join(',');
}

/** A container name from the run and variant: unique per variant, and readable in `docker ps`. */
export function containerName(runId: string, variant: string, suffix: string): string {
  const clean = (s: string) => s.replace(/[^a-zA-Z0-9_.-]/g, '-');
  return `leaklab-${clean(runId)}-${clean(variant)}-${clean(suffix)}`.replace(/-+/g, '-');
}

export interface ImageInputs {
  dockerfile: string;
  requirements: string;
  /** The base image name, or '' for the Dockerfile's own default. */
  baseImage: string;
}

/** leaklab-app:<hash>: the image is rebuilt only when the Dockerfile, requirements or base change. */
export function imageTag(i: ImageInputs): string {
  const hash = createHash('sha256')
    .update(i.dockerfile)
    .update('\0')
    .update(i.requirements)
    .update('\0')
    .update(i.baseImage)
    .digest('hex');
  return `${IMAGE_REPOSITORY}:${hash.slice(0, 16)}`;
}

export interface BuildSpec {
  tag: string;
  dockerfile: string;
  context: string;
  requirements: string;
  baseImage: string;
}

export function dockerBuildArgs(b: BuildSpec): string[] {
  return [
    'build',
    // pip inside the build reaches the package index through the host's network (no bridge).
    '--network',
    'host',
    '--file',
    b.dockerfile,
    '--build-arg',
    `REQUIREMENTS=${b.requirements}`,
    ...(b.baseImage ? ['--build-arg', `BASE_IMAGE=${b.baseImage}`] : []),
    '--label',
    CONTAINER_LABEL,
    '--tag',
    b.tag,
    b.context,
  ];
}

// Variables that describe the host rather than the app: inside the image they would point at
// paths that do not exist there (PATH, HOME, a venv) or configure the harness, not the app.
const HOST_ONLY =
  /^(PATH|HOME|USER|LOGNAME|SHELL|PWD|OLDPWD|SHLVL|HOSTNAME|TERM|COLORTERM|TMPDIR|TMP|TEMP|VIRTUAL_ENV|PYTHONHOME|PYTHONPATH|PYTHONSTARTUP|PYTHONUSERBASE|PIP_.*|LD_.*|NODE_.*|npm_.*|NVM_.*|DOCKER_.*|SSH_.*|XDG_.*|DISPLAY|MAIL|_|LS_COLORS|INIT_CWD|EDITOR|PAGER|LEAKLAB_PYTHON|LEAKLAB_DOCKER_.*)$/;

/** The host environment minus what only makes sense on the host, for the app in the container. */
export function forwardedHostEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !HOST_ONLY.test(k)) out[k] = v;
  }
  return out;
}
