import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildHint } from '../../../src/app-server/docker-image.ts';
import { containerWarnings, resolveContainer } from '../../../src/app-server/docker-settings.ts';
import { parseScenarioText } from '../../../src/scenario/load.ts';

const scenario = (extra: string) =>
  parseScenarioText(
    `name: s\ntitle: t\nclaim: c\nload:\n  duration: 3s\n  mix: [{ path: /ok/ }]\n${extra}variants:\n  - name: plain\n  - name: limited\n    container: { memoryMiB: 192 }\n`,
    's.yaml',
  );

test('docker: the variant limit wins over the scenario one', () => {
  const s = scenario('container: { memoryMiB: 512 }\n');
  assert.deepEqual(resolveContainer(s, 'limited', 'docker'), { settings: { memoryMiB: 192 } });
  assert.deepEqual(resolveContainer(s, 'plain', 'docker'), { settings: { memoryMiB: 512 } });
});

test('local: a variant that sets a limit is skipped; a scenario-wide one is ignored with a warning', () => {
  const s = scenario('container: { memoryMiB: 512 }\n');
  const limited = resolveContainer(s, 'limited', 'local');
  assert.match(limited.skipReason ?? '', /container\.memoryMiB 192.*--target docker/);
  const plain = resolveContainer(s, 'plain', 'local');
  assert.equal(plain.skipReason, undefined);
  assert.match(plain.warning ?? '', /512 MiB.*only with --target docker/);
  assert.deepEqual(plain.settings, {});
  assert.deepEqual(resolveContainer(scenario(''), 'plain', 'local'), { settings: {} });
});

test('a limit below 16 MiB is bad input', () => {
  assert.throws(
    () => scenario('container: { memoryMiB: 8 }\n'),
    (err: Error & { details?: string[] }) => /container\.memoryMiB/.test((err.details ?? []).join('\n')),
  );
});

test('OOM kills become one plain warning; none, none', () => {
  const facts = { image: 'i', imageId: 'sha', name: 'n', memoryLimitMiB: 192, oomKills: 2, sigkilledWorkers: 2 };
  const [w] = containerWarnings(facts);
  assert.match(w ?? '', /192 MiB memory limit: the kernel's OOM killer killed 2 processes.*2 workers die of SIGKILL/);
  assert.deepEqual(containerWarnings({ ...facts, oomKills: 0, sigkilledWorkers: 0 }), []);
});

test('a base image that cannot be pulled points at the debootstrap script', () => {
  const out = 'Step 1/9 : FROM python:3.11-slim\nGet "https://registry/v2/": dial tcp: lookup registry: no such host';
  assert.match(buildHint(out, ''), /scripts\/docker-base-image\.sh/);
  assert.match(buildHint('ERROR: No matching distribution found for Django==5.2.19', 'leaklab-base:bookworm'), /package index/);
});

test('one OOM kill and one SIGKILLed worker read in the singular; an unknown limit is named as such', () => {
  const [w] = containerWarnings({ image: 'i', imageId: 'sha', name: 'n', oomKills: 1, sigkilledWorkers: 1 });
  assert.match(w ?? '', /^the container hit its memory limit: the kernel's OOM killer killed 1 process \(cgroup oom_kill\)/);
  assert.match(w ?? '', /saw 1 worker die of SIGKILL and replaced it \(exit cause "crash"\)$/);
});

test('an unreadable OOM count still warns when Gunicorn saw SIGKILLed workers', () => {
  const [w] = containerWarnings({
    image: 'i',
    imageId: 'sha',
    name: 'n',
    memoryLimitMiB: 64,
    oomKills: null,
    sigkilledWorkers: 3,
  });
  assert.match(
    w ?? '',
    /64 MiB memory limit: the kernel's OOM killer killed 0 processes.*3 workers die of SIGKILL and replaced them/,
  );
});

test('docker never skips a variant; a variant not in the scenario gets the scenario settings', () => {
  const s = scenario('container: { memoryMiB: 256 }\n');
  assert.equal(resolveContainer(s, 'limited', 'docker').skipReason, undefined);
  assert.deepEqual(resolveContainer(s, 'no-such-variant', 'docker'), { settings: { memoryMiB: 256 } });
});
