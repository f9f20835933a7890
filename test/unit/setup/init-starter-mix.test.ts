import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DjangoRoute } from '../../../src/setup/route-paths.ts';
import { type MixFacts, pathsToProbe, planMix, probeWarnings } from '../../../src/setup/starter-mix.ts';

const INT = { id: { cls: 'IntConverter', regex: '[0-9]+' } };
const r = (text: string, extra: Partial<DjangoRoute> = {}, converters = {}): DjangoRoute => ({
  pieces: [{ type: 'route', text, converters }],
  name: null,
  namespace: '',
  view: 'shop.views.v',
  ...extra,
});
const ADMIN = ['admin/', 'admin/login/', 'admin/logout/', 'admin/auth/user/'].map((t) => r(t, { namespace: 'admin' }));
const ROUTES: DjangoRoute[] = [
  ...ADMIN,
  r(''),
  r('about/'),
  r('books/<int:id>/', { name: 'book', namespace: 'shop' }, INT),
  r('broken/'),
  r('static/<path:p>', { view: 'django.views.static.serve' }, { p: { cls: 'PathConverter', regex: '.+' } }),
];
const facts = (probes: MixFacts['probes']): MixFacts => ({ routes: ROUTES, staticUrl: '/static/', mediaUrl: null, probes });

test('pathsToProbe asks about /, every parameterless app route and the admin login page, nothing else', () => {
  assert.deepEqual(pathsToProbe(facts({})), ['/', '/about/', '/broken/', '/admin/login/']);
});

test('pathsToProbe without admin routes does not ask about the admin login page', () => {
  assert.deepEqual(pathsToProbe({ routes: [r('x/')], staticUrl: null, mediaUrl: null }), ['/', '/x/']);
});

test('parameterless routes that answered go in the mix; one that failed is written out with its status', () => {
  const mix = planMix(facts({ '/': 200, '/about/': 302, '/broken/': 500, '/admin/login/': 200 }));
  assert.deepEqual(
    mix.lines.filter((l) => l.active).map((l) => l.path),
    ['/', '/about/'],
  );
  const broken = mix.lines.find((l) => l.path === '/broken/');
  assert.deepEqual(broken, { path: '/broken/', active: false, group: 'failing', note: 'answered 500 when init tried it' });
  assert.equal(mix.readyPath, '/');
});

test('a parametrised route is commented with its example value, the route as written and its name', () => {
  const line = planMix(facts({})).lines.find((l) => l.group === 'parametrised');
  assert.deepEqual(line, { path: '/books/1/', active: false, group: 'parametrised', note: 'books/<int:id>/ (shop:book)' });
});

test('the admin site is one commented line for all its routes; static is commented too', () => {
  const lines = planMix(facts({})).lines;
  const admin = lines.filter((l) => l.group === 'admin');
  assert.deepEqual(admin, [{ path: '/admin/', active: false, group: 'admin', note: 'and 3 more admin routes' }]);
  assert.deepEqual(
    lines.filter((l) => l.group === 'static').map((l) => [l.path, l.active]),
    [['/static/example', false]],
  );
});

test('a path not probed is taken as answering (nothing to say against it)', () => {
  const mix = planMix(facts({}));
  assert.deepEqual(
    mix.lines.filter((l) => l.active).map((l) => l.path),
    ['/', '/about/', '/broken/'],
  );
  assert.equal(mix.readyPath, null, 'no path is known to answer 200');
});

test('readyPath: / when it answers 200, else the first app route that does, else the admin login page', () => {
  assert.equal(planMix(facts({ '/': 404, '/about/': 302, '/broken/': 200 })).readyPath, '/broken/');
  assert.equal(planMix(facts({ '/': 404, '/about/': 200 })).readyPath, '/about/');
  assert.equal(planMix(facts({ '/': 404, '/about/': 302, '/broken/': 500, '/admin/login/': 200 })).readyPath, '/admin/login/');
  // A 3xx is fine in the mix but not as the ready path: readiness needs a 200.
  assert.equal(planMix(facts({ '/': 301, '/about/': 301, '/broken/': 301, '/admin/login/': 500 })).readyPath, null);
});

test('a stock project (only the admin) storms the admin login page, so the mix is never empty', () => {
  const mix = planMix({ routes: ADMIN, staticUrl: '/static/', mediaUrl: null, probes: { '/': 404, '/admin/login/': 200 } });
  assert.equal(mix.readyPath, '/admin/login/');
  assert.deepEqual(mix.lines[0], {
    path: '/admin/login/',
    active: true,
    group: 'app',
    note: 'no app route answered: replace it with your own',
  });
});

test('a route reached twice (two includes to one view) is listed once', () => {
  const mix = planMix({ routes: [r('a/'), r('a/')], staticUrl: null, mediaUrl: null, probes: {} });
  assert.equal(mix.lines.length, 1);
});

test('an error the test client raised is shown as the reason', () => {
  const line = planMix(facts({ '/broken/': 'OperationalError: no such table' })).lines.find((l) => l.path === '/broken/');
  assert.equal(line?.note, 'failed when init tried it (OperationalError: no such table)');
});

test('probeWarnings names ALLOWED_HOSTS when every path answered 400, and nothing otherwise', () => {
  assert.match(probeWarnings({ '/': 400, '/a/': 400 }).join(''), /ALLOWED_HOSTS must accept 127\.0\.0\.1/);
  assert.deepEqual(probeWarnings({ '/': 400, '/a/': 200 }), []);
  assert.deepEqual(probeWarnings({}), []);
});
