// list_django_routes.py under a real Django (the sample app's venv), on a tiny project written
// here: what the resolver gives for include(), namespaces, converters and regexes, and probes.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../../../src/core/errors.ts';
import { inspectDjango } from '../../../src/setup/inspect-django.ts';
import { routePath } from '../../../src/setup/route-paths.ts';
import { pathsToProbe, planMix } from '../../../src/setup/starter-mix.ts';
import { scratchDir } from '../../scratch.ts';

const PYTHON = fileURLToPath(new URL('../../../sample-django-app/.venv/bin/python', import.meta.url));
const skip = !existsSync(PYTHON) && 'no sample venv';

const SETTINGS = `SECRET_KEY = 'x'
DEBUG = True
ROOT_URLCONF = 'urls'
INSTALLED_APPS = []
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}
STATIC_URL = '/static/'
WSGI_APPLICATION = 'wsgi.application'
`;

const URLS = `from django.http import HttpResponse
from django.urls import include, path, re_path, register_converter


class YearConverter:
    regex = '[0-9]{4}'

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(YearConverter, 'year')


def ok(request, **kwargs):
    return HttpResponse('ok')


def boom(request):
    raise RuntimeError('boom')


api = ([
    path('items/', ok, name='items'),
    path('items/<int:pk>/', ok, name='item'),
    re_path(r'^tags/(?P<tag>[-\\w]+)/$', ok, name='tag'),
], 'api')

urlpatterns = [
    path('', ok, name='home'),
    path('archive/<year:y>/', ok),
    path('boom/', boom),
    path('api/v1/', include(api)),
    re_path(r'^legacy/feed\\.xml$', ok),
]
`;

function tinyProject(): string {
  const dir = scratchDir('init-inspect');
  writeFileSync(join(dir, 'settings.py'), SETTINGS);
  writeFileSync(join(dir, 'urls.py'), URLS);
  return dir;
}

test('the route listing walks include() and namespaces, and keeps converters and regexes', { skip }, async () => {
  const appDir = tinyProject();
  const facts = await inspectDjango({ python: PYTHON, appDir, settingsModule: 'settings', env: { PATH: process.env.PATH } });
  assert.equal(facts.wsgiApplication, 'wsgi.application');
  assert.equal(facts.databaseEngine, 'django.db.backends.sqlite3');
  assert.equal(facts.staticUrl, '/static/');
  assert.deepEqual(facts.probes, {});
  const byPath = Object.fromEntries(facts.routes.map((r) => [routePath(r).path, r]));
  assert.deepEqual(Object.keys(byPath), [
    '/',
    '/archive/0001/',
    '/boom/',
    '/api/v1/items/',
    '/api/v1/items/1/',
    '/api/v1/tags/example/',
    '/legacy/feed.xml',
  ]);
  assert.equal(byPath['/api/v1/items/1/']?.namespace, 'api');
  assert.equal(byPath['/api/v1/items/1/']?.name, 'item');
  assert.deepEqual(byPath['/archive/0001/']?.pieces[0]?.converters, { y: { cls: 'YearConverter', regex: '[0-9]{4}' } });
  assert.equal(byPath['/api/v1/tags/example/']?.pieces[1]?.type, 'regex');
  assert.equal(byPath['/']?.view, 'urls.ok');
});

test('probes GET each path with the test client; a SQLite project is probed without touching its database file', {
  skip,
}, async () => {
  const appDir = tinyProject();
  const base = { python: PYTHON, appDir, settingsModule: 'settings', env: { PATH: process.env.PATH } };
  const listed = await inspectDjango(base);
  const facts = await inspectDjango({ ...base, probe: [...pathsToProbe(listed), '/missing/'] });
  assert.deepEqual(facts.probes, { '/': 200, '/boom/': 500, '/api/v1/items/': 200, '/legacy/feed.xml': 200, '/missing/': 404 });
  assert.equal(existsSync(join(appDir, 'db.sqlite3')), false);
  const mix = planMix(facts);
  assert.equal(mix.readyPath, '/');
  assert.deepEqual(
    mix.lines.filter((l) => l.active).map((l) => l.path),
    ['/', '/api/v1/items/', '/legacy/feed.xml'],
  );
});

test('a project whose settings do not import is exit 3 with the end of the traceback', { skip }, async () => {
  const appDir = tinyProject();
  writeFileSync(join(appDir, 'settings.py'), 'import no_such_package\n');
  await assert.rejects(inspectDjango({ python: PYTHON, appDir, settingsModule: 'settings', env: {} }), (e: unknown) => {
    assert.ok(e instanceof EnvironmentError);
    assert.match(e.message, /could not list its routes \(settings\)/);
    assert.ok(
      e.details.some((d) => /No module named 'no_such_package'/.test(d)),
      e.details.join('\n'),
    );
    assert.match(e.hint ?? '', /manage\.py check/);
    return true;
  });
});

test('an interpreter without Django says so and points at --python', async () => {
  const dir = scratchDir('init-nodjango');
  const python = join(dir, 'python');
  writeFileSync(python, '#!/bin/sh\necho "ModuleNotFoundError: No module named \'django\'" >&2\nexit 1\n', { mode: 0o755 });
  await assert.rejects(
    inspectDjango({ python, appDir: dir, settingsModule: 's', env: {} }),
    (e: unknown) =>
      e instanceof EnvironmentError && /Django is not installed in/.test(e.message) && /--python/.test(e.hint ?? ''),
  );
});
