// The app image for --target docker: sample-django-app/Dockerfile built with the scenario's app
// folder as context, tagged by a hash of the Dockerfile, the requirements and the base image so
// that it is built once and reused until one of them changes. The app folder itself is
// bind-mounted at run time, so editing the app needs no rebuild.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { EnvironmentError } from '../core/errors.ts';
import { dockerBuildArgs, imageTag, LOCAL_BASE_IMAGE } from './docker-args.ts';
import { type DockerEnv, docker } from './docker-engine.ts';

export const DOCKERFILE = fileURLToPath(new URL('../../sample-django-app/Dockerfile', import.meta.url));
const BASE_IMAGE_SCRIPT = 'scripts/docker-base-image.sh';

export interface AppImage {
  tag: string;
  id: string;
  /** The base it was built on ('' = the Dockerfile's default, python:3.11-slim). */
  baseImage: string;
  /** Milliseconds the build took, when this run built it. */
  buildMs?: number;
}

/** The Dockerfile's base image when none is named (see sample-django-app/Dockerfile). */
export const DEFAULT_BASE_IMAGE = 'python:3.11-slim';

/** The image as run.json records it: the base always named, the default spelled out. */
export interface RecordedImage {
  tag: string;
  id: string;
  baseImage: string;
}

export function recordedImage(image: AppImage): RecordedImage {
  return { tag: image.tag, id: image.id, baseImage: image.baseImage || DEFAULT_BASE_IMAGE };
}

export interface EnsureImageOptions {
  appDir: string;
  requirements: string;
  env: DockerEnv;
  log: (line: string) => void;
  signal: AbortSignal;
}

export async function ensureAppImage(o: EnsureImageOptions): Promise<AppImage> {
  const reqFile = join(o.appDir, o.requirements);
  if (!existsSync(reqFile)) throw new EnvironmentError(`requirements file not found: ${reqFile}`);
  const baseImage = await chooseBaseImage(o.env);
  const tag = imageTag({ dockerfile: readFileSync(DOCKERFILE, 'utf8'), requirements: readFileSync(reqFile, 'utf8'), baseImage });
  const existing = await imageId(tag, o.env);
  if (existing) return { tag, id: existing, baseImage };

  o.log(`Building the app image ${tag}${baseImage ? ` on ${baseImage}` : ''} (first run or new requirements; about a minute)...`);
  const started = Date.now();
  const r = await execa(
    'docker',
    dockerBuildArgs({ tag, dockerfile: DOCKERFILE, context: o.appDir, requirements: o.requirements, baseImage }),
    {
      env: o.env,
      extendEnv: false,
      reject: false,
      all: true,
      cancelSignal: o.signal,
      timeout: 20 * 60_000,
    },
  );
  const id = r.exitCode === 0 ? await imageId(tag, o.env) : null;
  if (!id) {
    if (o.signal.aborted) throw new EnvironmentError('the image build was interrupted');
    const output = String(r.all ?? '').trim();
    throw new EnvironmentError(`the app image could not be built (docker build exit ${r.exitCode ?? r.signal})`, {
      details: output.split('\n').slice(-12),
      hint: buildHint(output, baseImage),
    });
  }
  const buildMs = Date.now() - started;
  o.log(`App image ${tag} built in ${(buildMs / 1000).toFixed(0)} s.`);
  return { tag, id, baseImage, buildMs };
}

/** LEAKLAB_DOCKER_BASE_IMAGE when set; else the debootstrap image when it exists; else the default. */
async function chooseBaseImage(env: DockerEnv): Promise<string> {
  const named = env.LEAKLAB_DOCKER_BASE_IMAGE?.trim();
  if (named) return named;
  return (await imageId(LOCAL_BASE_IMAGE, env)) ? LOCAL_BASE_IMAGE : '';
}

async function imageId(ref: string, env: DockerEnv): Promise<string | null> {
  const r = await docker(['image', 'inspect', '--format', '{{.Id}}', ref], env);
  return r.ok && r.stdout ? r.stdout : null;
}

/** Pure: what to tell the user, from what docker build said. */
export function buildHint(output: string, baseImage: string): string {
  const couldNotPull =
    /pull access denied|manifest unknown|not found: manifest|no such host|dial tcp|i\/o timeout|TLS handshake|connection refused|failed to resolve|Get "https?:/i.test(
      output,
    );
  if (couldNotPull && !baseImage.includes('leaklab-base')) {
    return `the base image could not be pulled: without a registry, make one from the Debian mirror with ${BASE_IMAGE_SCRIPT} (as root; it imports ${LOCAL_BASE_IMAGE}, which leaklab then uses), or name a local image with LEAKLAB_DOCKER_BASE_IMAGE`;
  }
  if (/pip|Could not find a version|No matching distribution|CERTIFICATE_VERIFY_FAILED/.test(output)) {
    return 'pip inside the build failed: the build uses the host network, so check the package index is reachable from this machine (and that the base image trusts its certificate)';
  }
  return `see the build output above; try it by hand: docker build --network host --build-arg BASE_IMAGE=${baseImage || DEFAULT_BASE_IMAGE} -f ${DOCKERFILE} <app dir>`;
}
