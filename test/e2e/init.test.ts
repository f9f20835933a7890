// `leaklab init` on a stock Django project (django-admin startproject, two views added), then
// `leaklab run` on the file it wrote: the promise is that the starter scenario runs as written.
// The sample app's venv stands in for the project's own (app.python), so nothing is installed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns, ROOT } from './cli.ts';

const VENV = join(ROOT, 'sample-django-app', '.venv');

const VIEWS = `from django.http import HttpResponse, JsonResponse


def index(request):
    return HttpResponse('books')


def detail(request, id):
    return JsonResponse({'id': id})
`;

const URLS = `from django.contrib import admin
from django.urls import include, path
from books import views

books = [
    path('', views.index, name='index'),
    path('<int:id>/', views.detail, name='detail'),
]

urlpatterns = [
    path('admin/', admin.site.urls),
    path('books/', include((books, 'books'))),
]
`;

/** A stock project in <root>/mysite (one level down, as startproject makes it), with a books app. */
function stockProject(root: string): string {
  execFileSync(join(VENV, 'bin', 'django-admin'), ['startproject', 'mysite'], { cwd: root });
  const dir = join(root, 'mysite');
  mkdirSync(join(dir, 'books'));
  writeFileSync(join(dir, 'books', '__init__.py'), '');
  writeFileSync(join(dir, 'books', 'views.py'), VIEWS);
  writeFileSync(join(dir, 'mysite', 'urls.py'), URLS);
  return dir;
}

test('init writes a starter scenario for a stock project, and `leaklab run` runs it as written', async () => {
  const root = scratchDir('init-e2e');
  stockProject(root);
  const init = await leaklab(['init', '--python', VENV], { cwd: root });
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /Wrote leaklab\.yaml: 1 route\(s\) in the mix/);
  assert.match(init.stdout, /Next: leaklab run \.\/leaklab\.yaml/);
  assert.match(init.stderr, /Listing the routes with .*\.venv\/bin\/python/);

  const yaml = readFileSync(join(root, 'leaklab.yaml'), 'utf8');
  assert.match(yaml, /^ {2}dir: mysite /m);
  assert.match(yaml, /^ {2}wsgi: mysite\.wsgi:application /m);
  assert.match(yaml, /^ {2}readyPath: \/books\/ /m);
  assert.match(yaml, /^ {4}DJANGO_SETTINGS_MODULE: mysite\.settings$/m);
  assert.match(yaml, /^ {4}- path: \/books\/$/m);
  assert.match(yaml, /^ {4}# - path: \/books\/1\/ {2}# books\/<int:id>\/ \(books:detail\)$/m);
  assert.match(yaml, /^ {4}# - path: \/admin\/ /m);
  assert.doesNotMatch(yaml, /^ {4}expect:/m);

  const out = join(root, 'results');
  const run = await leaklab(['run', 'leaklab.yaml', '--duration', '5s', '--out', out], { cwd: root });
  assert.equal(run.code, 0, run.stderr);
  const record = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  assert.equal(record.status, 'complete');
  assert.equal(record.variants[0]?.status, 'complete');
  assert.ok(
    ['leak', 'bounded', 'sawtooth', 'flat', 'inconclusive'].includes(record.variants[0]?.verdict ?? ''),
    JSON.stringify(record.variants[0]),
  );
  assert.equal(record.variants[0]?.errors, 0);
  assert.ok((record.variants[0]?.requests ?? 0) > 0);
  // The SQLite database came from the setup line init wrote (migrate), in the project folder.
  assert.ok(existsSync(join(root, 'mysite', 'db.sqlite3')));
  assert.deepEqual(leftoverGunicorns(root), []);

  // A second init keeps the file unless --force says otherwise.
  writeFileSync(join(root, 'leaklab.yaml'), '# edited\n');
  const again = await leaklab(['init', '--python', VENV], { cwd: root });
  assert.equal(again.code, 2, again.stderr);
  assert.match(again.stderr, /leaklab\.yaml exists already/);
  assert.match(again.stderr, /hint: pass --force/);
  assert.equal(readFileSync(join(root, 'leaklab.yaml'), 'utf8'), '# edited\n');
  const forced = await leaklab(['init', root, '--python', VENV, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(join(root, 'leaklab.yaml'), 'utf8'), /readyPath: \/books\//);
});

test('init finds a project venv in .venv/ by itself and writes it as app.python', async () => {
  const root = scratchDir('init-venv');
  const dir = stockProject(root);
  // The user's own .venv, borrowed from the sample venv's packages (no install). Not a symlink
  // to that venv: it carries leaklab's stamp, which marks a venv leaklab built and manages.
  mkdirSync(join(dir, '.venv', 'bin'), { recursive: true });
  symlinkSync(join(VENV, 'bin', 'python'), join(dir, '.venv', 'bin', 'python'));
  symlinkSync(join(VENV, 'lib'), join(dir, '.venv', 'lib'));
  copyFileSync(join(VENV, 'pyvenv.cfg'), join(dir, '.venv', 'pyvenv.cfg'));
  const init = await leaklab(['init', dir]);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stderr, /Listing the routes with .*mysite\/\.venv\/bin\/python/);
  assert.match(readFileSync(join(dir, 'leaklab.yaml'), 'utf8'), /^ {2}python: \.venv\/bin\/python /m);
});

test('init outside a Django project exits 2', async () => {
  const r = await leaklab(['init', scratchDir('init-empty')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /no manage\.py in/);
});

test('init on a uv project without a venv exits 3 and says to point at its venv', async () => {
  const root = scratchDir('init-uv');
  writeFileSync(join(root, 'manage.py'), "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n");
  writeFileSync(join(root, 'uv.lock'), '');
  writeFileSync(join(root, 'pyproject.toml'), '[project]\nname = "site"\n');
  const r = await leaklab(['init', root]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /managed by uv/);
  assert.match(r.stderr, /uv: \.venv\/bin\/python; poetry:/);
});

function scenario(dir: string, app: string): string {
  const file = join(dir, 'leaklab.yaml');
  writeFileSync(
    file,
    `name: t\ntitle: t\nclaim: c\napp:\n${app}\nload:\n  duration: 3s\n  mix: [{ path: / }]\nvariants:\n  - name: only\n`,
  );
  return file;
}

test('run with app.python lacking gunicorn exits 3 with the line that installs it, before any Gunicorn', async () => {
  const dir = scratchDir('init-nogunicorn');
  // A bare venv: made in a second without pip, and without gunicorn.
  execFileSync('python3', ['-m', 'venv', '--without-pip', join(dir, 'bare')]);
  const file = scenario(dir, '  dir: .\n  python: bare');
  const r = await leaklab(['run', file, '--out', join(dir, 'results')]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /Gunicorn is not installed in .*bare\/bin\/python/);
  assert.match(r.stderr, /hint: install it into that environment: .*bare\/bin\/python -m pip install gunicorn/);
});

test('run on a poetry project without requirements.txt is refused (exit 3) with where its venv is', async () => {
  const dir = scratchDir('init-poetry');
  writeFileSync(join(dir, 'poetry.lock'), '');
  writeFileSync(join(dir, 'pyproject.toml'), '[tool.poetry]\nname = "x"\n');
  const r = await leaklab(['run', scenario(dir, '  dir: .'), '--out', join(dir, 'results')]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /managed by poetry \(poetry\.lock\) and has no requirements\.txt/);
  assert.match(r.stderr, /poetry env info -p/);
  assert.equal(existsSync(join(dir, '.venv')), false);
});
