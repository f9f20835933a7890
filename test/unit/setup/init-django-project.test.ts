import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExitCode, InputError } from '../../../src/core/errors.ts';
import { findManagePy, readDjangoProject, settingsModuleFrom, wsgiFromSetting } from '../../../src/setup/django-project.ts';
import { scratchDir } from '../../scratch.ts';

// What `django-admin startproject mysite` writes (Django 5).
const STOCK_MANAGE_PY = `#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError("Couldn't import Django.") from exc
    execute_from_command_line(sys.argv)
`;

test("settingsModuleFrom reads the module from manage.py's setdefault line", () => {
  assert.equal(settingsModuleFrom(STOCK_MANAGE_PY), 'mysite.settings');
});

test('settingsModuleFrom accepts double quotes, spaces and a dotted split-settings module', () => {
  assert.equal(
    settingsModuleFrom('os.environ.setdefault( "DJANGO_SETTINGS_MODULE" , "config.settings.local" )'),
    'config.settings.local',
  );
  // Black splits a long call over lines and adds a trailing comma.
  assert.equal(settingsModuleFrom('os.environ.setdefault(\n    "DJANGO_SETTINGS_MODULE",\n    "a.b",\n)'), 'a.b');
});

test('settingsModuleFrom is null when manage.py does not name the module that way', () => {
  assert.equal(settingsModuleFrom('os.environ["DJANGO_SETTINGS_MODULE"] = "x.settings"'), null);
  assert.equal(settingsModuleFrom('os.environ.setdefault("OTHER", "x.settings")'), null);
  assert.equal(settingsModuleFrom(''), null);
});

test("wsgiFromSetting turns WSGI_APPLICATION into Gunicorn's module:callable", () => {
  assert.equal(wsgiFromSetting('mysite.wsgi.application'), 'mysite.wsgi:application');
  assert.equal(wsgiFromSetting('config.wsgi.app'), 'config.wsgi:app');
  assert.equal(wsgiFromSetting('application'), null);
  assert.equal(wsgiFromSetting('bad name.wsgi.application'), null);
});

function project(root: string, sub = ''): string {
  const dir = join(root, sub);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manage.py'), STOCK_MANAGE_PY);
  return dir;
}

test('findManagePy finds manage.py in the folder itself', () => {
  const dir = project(scratchDir('init-here'));
  assert.equal(findManagePy(dir), dir);
});

test('findManagePy finds manage.py one level down, skipping venvs and hidden folders', () => {
  const root = scratchDir('init-below');
  const sub = project(root, 'mysite');
  project(root, '.venv'); // a venv never holds the project
  project(root, 'node_modules');
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'README.md'), '# x');
  assert.equal(findManagePy(root), sub);
});

test('findManagePy refuses two projects below, naming both (exit 2)', () => {
  const root = scratchDir('init-two');
  project(root, 'a');
  project(root, 'b');
  assert.throws(
    () => findManagePy(root),
    (e: unknown) => e instanceof InputError && /several Django projects/.test(e.message) && e.exitCode === ExitCode.badInput,
  );
});

test('findManagePy refuses a folder without a project, and a missing folder (exit 2)', () => {
  const root = scratchDir('init-none');
  mkdirSync(join(root, 'deep', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'deep', 'deeper', 'manage.py'), STOCK_MANAGE_PY); // two levels down: not looked at
  assert.throws(() => findManagePy(root), /no manage.py in/);
  assert.throws(() => findManagePy(join(root, 'missing')), /no such folder/);
});

test('readDjangoProject gives the folder and the settings module', () => {
  const root = scratchDir('init-read');
  const sub = project(root, 'shop');
  assert.deepEqual(readDjangoProject(root), { appDir: sub, settingsModule: 'mysite.settings' });
});

test('readDjangoProject refuses a manage.py that names no settings module', () => {
  const root = scratchDir('init-nosettings');
  writeFileSync(join(root, 'manage.py'), 'print("hi")\n');
  assert.throws(
    () => readDjangoProject(root),
    (e: unknown) => e instanceof InputError && /does not set DJANGO_SETTINGS_MODULE/.test(e.message),
  );
});
