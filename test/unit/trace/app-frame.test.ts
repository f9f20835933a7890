import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppFile } from '../../../src/trace/app-frame.ts';

test('isAppFile: a file under the app folder is the app', () => {
  assert.equal(isAppFile('/srv/app/leaks/patterns/global_list.py', '/srv/app'), true);
  assert.equal(isAppFile('/srv/app/leaks/patterns/global_list.py', '/srv/app/'), true);
});

test('isAppFile: installed packages under the app folder are not the app', () => {
  for (const dir of ['.venv', 'venv', 'site-packages', 'dist-packages', '.tox'])
    assert.equal(isAppFile(`/srv/app/${dir}/lib/django/core/handlers/base.py`, '/srv/app'), false, dir);
  assert.equal(isAppFile('/srv/app/.venv/lib/python3.11/site-packages/gunicorn/http/wsgi.py', '/srv/app'), false);
});

test('isAppFile: a sibling folder with the same prefix, the stdlib and frozen modules are not the app', () => {
  assert.equal(isAppFile('/srv/app2/views.py', '/srv/app'), false);
  assert.equal(isAppFile('/usr/lib/python3.11/json/encoder.py', '/srv/app'), false);
  assert.equal(isAppFile('<frozen importlib._bootstrap>', '/srv/app'), false);
});

test('isAppFile: an app folder that is itself named venv-something still counts by its inside only', () => {
  assert.equal(isAppFile('/home/me/venvs-demo/app/views.py', '/home/me/venvs-demo/app'), true);
  assert.equal(isAppFile('/opt/venv/app/views.py', '/opt/venv/app'), true);
});
