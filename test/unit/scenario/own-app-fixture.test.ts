// The scenario next to the bookshelf fixture app (test/fixtures/apps/bookshelf): an app leaklab
// has never seen, pointed at with app.dir: '.', a mix of nine requests and a variant without
// the recently-viewed strip.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';

const FILE = fileURLToPath(new URL('../../fixtures/apps/bookshelf/leaklab.yaml', import.meta.url));
const RECENT = '/books/recent/?id={rand:1:200}';

test('the app is its own folder, served as bookshelf.serving:application, set up by its own commands', () => {
  const { scenario, appDir } = loadScenarioFile(FILE);
  assert.equal(appDir, fileURLToPath(new URL('../../fixtures/apps/bookshelf', import.meta.url)));
  assert.equal(scenario.app.wsgi, 'bookshelf.serving:application');
  assert.equal(scenario.app.readyPath, '/');
  assert.deepEqual(scenario.app.setup, ['python manage.py migrate --noinput', 'python manage.py seed_books --books 200']);
});

test('the leaky entry gets 1/8 of the traffic, and the mix has at least five endpoints', () => {
  const mix = loadScenarioFile(FILE).scenario.load.mix;
  const total = mix.reduce((sum, m) => sum + m.weight, 0);
  assert.equal(mix.find((m) => m.path === RECENT)?.weight, total / 8);
  assert.ok(new Set(mix.map((m) => m.path.split('?')[0])).size >= 5);
});

test('the 404, the login redirect and the POST declare the status they should get', () => {
  const mix = loadScenarioFile(FILE).scenario.load.mix;
  const byPath = Object.fromEntries(mix.map((m) => [m.path, m]));
  assert.equal(byPath['/books/99999/']?.status, 404);
  assert.equal(byPath['/account/']?.status, 302);
  const post = byPath['/api/notes/'];
  assert.equal(post?.method, 'POST');
  assert.equal(post?.status, 201);
  assert.deepEqual(JSON.parse(post?.body ?? ''), { book: 7, text: 'read it twice' });
  assert.equal(post?.headers?.['Content-Type'], 'application/json');
});

test('without-recent is the same mix minus the recently-viewed strip, expected flat; with-recent leak', () => {
  const { scenario } = loadScenarioFile(FILE);
  const plans = Object.fromEntries(planVariants(scenario).map((p) => [p.name, p]));
  assert.equal(plans['with-recent']?.expect, 'leak');
  assert.equal(plans['without-recent']?.expect, 'flat');
  const full = plans['with-recent']?.mix ?? [];
  assert.deepEqual(
    plans['without-recent']?.mix,
    full.filter((m) => m.path !== RECENT),
  );
  assert.equal(full.length, 9);
});

const FIVE = fileURLToPath(new URL('../../fixtures/apps/bookshelf/five-pages.yaml', import.meta.url));

test('five-pages: five endpoints, the strip at 1/8, /account/ behind a login, the variant without the strip', () => {
  const { scenario } = loadScenarioFile(FIVE);
  const mix = scenario.load.mix;
  const total = mix.reduce((sum, m) => sum + m.weight, 0);
  assert.equal(new Set(mix.map((m) => m.path.split('?')[0])).size, 5);
  assert.equal(mix.find((m) => m.path === RECENT)?.weight, total / 8);
  assert.ok(!mix.some((m) => m.path.startsWith('/report/')), 'no heavy view');
  assert.equal(mix.find((m) => m.path === '/account/')?.status, undefined, 'signed in: 200, not the 302 redirect');
  assert.deepEqual(scenario.load.login, {
    path: '/login/',
    form: { username: 'reader', password: 'shelf-reader' },
    status: [302],
  });
  assert.ok(scenario.app.setup.includes('python manage.py seed_reader reader shelf-reader'));
  assert.equal(scenario.load.until, 'verdict');
  const plans = Object.fromEntries(planVariants(scenario).map((p) => [p.name, p]));
  assert.deepEqual(
    plans['without-recent']?.mix,
    mix.filter((m) => m.path !== RECENT),
  );
  assert.deepEqual(plans['without-recent']?.login, scenario.load.login);
});
