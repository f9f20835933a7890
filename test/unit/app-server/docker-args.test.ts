import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ContainerRunSpec,
  containerName,
  dockerBuildArgs,
  dockerRunArgs,
  forwardedHostEnv,
  imageTag,
  mountValue,
} from '../../../src/app-server/docker-args.ts';

const spec: ContainerRunSpec = {
  name: 'leaklab-run-leaky-abc123',
  image: 'leaklab-app:0123456789abcdef',
  user: '1000:1000',
  workdir: '/srv/app',
  mounts: [{ path: '/srv/app' }, { path: '/runs/r1/.state-abc123' }, { path: '/x/hooks.py', readOnly: true }],
  envNames: ['LEAKLAB_STATE_DIR', 'DATABASE_URL'],
  hostPid: true,
  command: ['/venv/bin/python', '-m', 'gunicorn', 'config.wsgi:application'],
};
const flag = (args: string[], name: string) => args[args.indexOf(name) + 1];

test('gunicorn runs on the host network and in the host PID namespace, removed on exit', () => {
  const args = dockerRunArgs(spec);
  assert.equal(args[0], 'run');
  assert.ok(args.includes('--rm'));
  assert.equal(flag(args, '--network'), 'host');
  assert.equal(flag(args, '--pid'), 'host');
  assert.ok(args.includes('--sig-proxy=false'));
  assert.equal(flag(args, '--name'), spec.name);
  assert.equal(flag(args, '--user'), '1000:1000');
  assert.equal(flag(args, '--workdir'), '/srv/app');
  assert.ok(!args.includes('--memory'), 'no limit unless asked');
  // The image comes right before the command, which is passed through untouched.
  const at = args.indexOf(spec.image);
  assert.deepEqual(args.slice(at + 1), spec.command);
});

test('every mount is at the same path inside, the hooks read-only', () => {
  const mounts = dockerRunArgs(spec).flatMap((a, i, all) => (a === '--mount' ? [all[i + 1]] : []));
  assert.deepEqual(mounts, [
    'type=bind,source=/srv/app,target=/srv/app',
    'type=bind,source=/runs/r1/.state-abc123,target=/runs/r1/.state-abc123',
    'type=bind,source=/x/hooks.py,target=/x/hooks.py,readonly',
  ]);
});

test('variables go by name only, so their values never show in ps', () => {
  const args = dockerRunArgs(spec);
  const envs = args.flatMap((a, i, all) => (a === '--env' ? [all[i + 1]] : []));
  assert.deepEqual(envs, ['LEAKLAB_STATE_DIR', 'DATABASE_URL']);
  assert.ok(!args.some((a) => a.includes('=') && a.startsWith('DATABASE_URL')));
});

test('a memory limit is a hard one: swap equal to memory', () => {
  const args = dockerRunArgs({ ...spec, memoryMiB: 192 });
  assert.equal(flag(args, '--memory'), '192m');
  assert.equal(flag(args, '--memory-swap'), '192m');
  assert.ok(args.indexOf('--memory') < args.indexOf(spec.image), 'options before the image');
});

test('setup containers stay out of the host PID namespace', () => {
  assert.ok(!dockerRunArgs({ ...spec, hostPid: false }).includes('--pid'));
});

test('a path with a comma or quote is quoted as --mount reads it (CSV)', () => {
  assert.equal(mountValue({ path: '/a,b' }), 'type=bind,"source=/a,b","target=/a,b"');
  assert.equal(mountValue({ path: '/a"b', readOnly: true }), 'type=bind,"source=/a""b","target=/a""b",readonly');
});

test('container names are docker-safe and carry the run and variant', () => {
  assert.equal(
    containerName('20261126-093923-global-list', 'leaky', 'Ab12cd'),
    'leaklab-20261126-093923-global-list-leaky-Ab12cd',
  );
  assert.match(containerName('run id/x', 'v:1', 's'), /^leaklab-[a-zA-Z0-9_.-]+$/);
});

test('the image tag changes with the Dockerfile, the requirements and the base, and only with them', () => {
  const base = { dockerfile: 'FROM x', requirements: 'gunicorn==23.0.0\n', baseImage: '' };
  const tag = imageTag(base);
  assert.match(tag, /^leaklab-app:[0-9a-f]{16}$/);
  assert.equal(imageTag({ ...base }), tag);
  assert.notEqual(imageTag({ ...base, requirements: 'gunicorn==22.0.0\n' }), tag);
  assert.notEqual(imageTag({ ...base, dockerfile: 'FROM y' }), tag);
  assert.notEqual(imageTag({ ...base, baseImage: 'leaklab-base:bookworm' }), tag);
});

test('the build uses the host network, and passes the base image only when one is chosen', () => {
  const b = { tag: 't', dockerfile: '/r/Dockerfile', context: '/srv/app', requirements: 'requirements.txt', baseImage: '' };
  const args = dockerBuildArgs(b);
  assert.equal(flag(args, '--network'), 'host');
  assert.equal(flag(args, '--file'), '/r/Dockerfile');
  assert.equal(args.at(-1), '/srv/app');
  assert.ok(!args.some((a) => a.startsWith('BASE_IMAGE=')));
  assert.ok(dockerBuildArgs({ ...b, baseImage: 'leaklab-base:bookworm' }).includes('BASE_IMAGE=leaklab-base:bookworm'));
});

test("the host's own variables stay on the host; the app's go in", () => {
  const out = forwardedHostEnv({
    PATH: '/usr/bin',
    HOME: '/root',
    VIRTUAL_ENV: '/x/.venv',
    PYTHONPATH: '/x',
    DOCKER_HOST: 'unix:///s',
    LEAKLAB_PYTHON: 'python3',
    DJANGO_SECRET_KEY: 'k',
    LEAKLAB_CONN_MAX_AGE: '600',
    PYTHONTRACEMALLOC: '1',
    'BAD-NAME': 'x',
    UNSET: undefined,
  });
  assert.deepEqual(out, { DJANGO_SECRET_KEY: 'k', LEAKLAB_CONN_MAX_AGE: '600', PYTHONTRACEMALLOC: '1' });
});
