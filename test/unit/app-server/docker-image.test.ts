import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildHint, DEFAULT_BASE_IMAGE, recordedImage } from '../../../src/app-server/docker-image.ts';

test('the recorded image names the Dockerfile default base when none was chosen', () => {
  assert.deepEqual(recordedImage({ tag: 'leaklab-app:abc', id: 'sha256:1', baseImage: '', buildMs: 61_000 }), {
    tag: 'leaklab-app:abc',
    id: 'sha256:1',
    baseImage: 'python:3.11-slim',
  });
  assert.equal(DEFAULT_BASE_IMAGE, 'python:3.11-slim');
});

test('a chosen base image is recorded as it is, and the build time stays out of run.json', () => {
  const r = recordedImage({ tag: 't', id: 'i', baseImage: 'leaklab-base:bookworm', buildMs: 5 });
  assert.equal(r.baseImage, 'leaklab-base:bookworm');
  assert.deepEqual(Object.keys(r), ['tag', 'id', 'baseImage']);
});

test('the fallback build hint spells out the default base image', () => {
  assert.match(buildHint('something else went wrong', ''), /--build-arg BASE_IMAGE=python:3\.11-slim /);
  assert.match(buildHint('something else went wrong', 'mine:1'), /--build-arg BASE_IMAGE=mine:1 /);
});
