import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  converterExample,
  type DjangoRoute,
  exampleForRegex,
  type RoutePiece,
  routeKind,
  routePath,
} from '../../../src/setup/route-paths.ts';

const route = (text: string, converters: RoutePiece['converters'] = {}): RoutePiece => ({ type: 'route', text, converters });
const regex = (text: string): RoutePiece => ({ type: 'regex', text, converters: {} });
const django = (pieces: RoutePiece[], extra: Partial<DjangoRoute> = {}): DjangoRoute => ({
  pieces,
  name: null,
  namespace: '',
  view: 'app.views.index',
  ...extra,
});
const PREFIXES = { staticUrl: '/static/', mediaUrl: null };

test('a parameterless path() route is its literal path, with a leading slash', () => {
  assert.deepEqual(routePath(django([route('about/')])), { path: '/about/', parametrised: false });
  assert.deepEqual(routePath(django([route('')])), { path: '/', parametrised: false });
});

test('include() prefixes are joined to the final route', () => {
  assert.deepEqual(routePath(django([route('api/'), route('v1/'), route('books/')])), {
    path: '/api/v1/books/',
    parametrised: false,
  });
});

test('each converter gets an example value of its kind: /books/<int:id>/ -> /books/1/', () => {
  const int = { cls: 'IntConverter', regex: '[0-9]+' };
  assert.deepEqual(routePath(django([route('books/<int:id>/', { id: int })])), { path: '/books/1/', parametrised: true });
  const slug = { cls: 'SlugConverter', regex: '[-a-zA-Z0-9_]+' };
  assert.equal(routePath(django([route('post/<slug:s>/', { s: slug })])).path, '/post/example/');
  const uuid = { cls: 'UUIDConverter', regex: '...' };
  assert.equal(routePath(django([route('u/<uuid:u>/', { u: uuid })])).path, '/u/123e4567-e89b-12d3-a456-426614174000/');
  assert.equal(routePath(django([route('f/<path:p>', { p: { cls: 'PathConverter', regex: '.+' } })])).path, '/f/example');
});

test('a parameter without a converter (<name>) is a string', () => {
  assert.deepEqual(routePath(django([route('tag/<name>/')])), { path: '/tag/example/', parametrised: true });
});

test('a custom converter gets a value from its regex', () => {
  assert.equal(converterExample({ cls: 'YearConverter', regex: '[0-9]{4}' }), '0001');
  assert.equal(converterExample({ cls: 'CodeConverter', regex: '[A-Z]{3}' }), 'example');
  assert.equal(converterExample(undefined), 'example');
});

test('exampleForRegex gives digits only when the fragment asks for digits alone', () => {
  assert.equal(exampleForRegex('\\d+'), '1');
  assert.equal(exampleForRegex('[0-9]+'), '1');
  assert.equal(exampleForRegex('[0-9]{2}'), '01');
  assert.equal(exampleForRegex('\\d{4,}'), '0001');
  assert.equal(exampleForRegex('[\\w-]+'), 'example');
  assert.equal(exampleForRegex('[a-z0-9]+'), 'example');
});

test('a re_path() regex without groups is a literal path once anchors and escapes are gone', () => {
  assert.deepEqual(routePath(django([regex('^about/$')])), { path: '/about/', parametrised: false });
  assert.deepEqual(routePath(django([regex('^feed\\.xml$')])), { path: '/feed.xml', parametrised: false });
  assert.deepEqual(routePath(django([regex('^$')])), { path: '/', parametrised: false });
  assert.deepEqual(routePath(django([regex('\\Ahealth/\\Z')])), { path: '/health/', parametrised: false });
});

test('regex groups, named or not, become example values', () => {
  assert.deepEqual(routePath(django([regex('^archive/(?P<year>[0-9]{4})/$')])), { path: '/archive/0001/', parametrised: true });
  assert.deepEqual(routePath(django([regex('^tag/([\\w-]+)/$')])), { path: '/tag/example/', parametrised: true });
  assert.deepEqual(routePath(django([route('api/'), regex('^item/(?P<pk>\\d+)/$')])), {
    path: '/api/item/1/',
    parametrised: true,
  });
});

test('a regex leaklab cannot turn into a path is marked unreadable and shown as written', () => {
  const r = routePath(django([route('blog/'), regex('^(?:en|fr)/posts?/$')]));
  assert.equal(r.unreadable, 'a regex');
  assert.equal(r.parametrised, true);
  assert.equal(r.path, '/blog/(?:en|fr)/posts?/$');
});

test('doubled slashes from joined pieces are collapsed', () => {
  assert.equal(routePath(django([route('api/'), route('/x/')])).path, '/api/x/');
});

test('routeKind: the admin namespace or /admin/ prefix is admin', () => {
  assert.equal(routeKind(django([route('manage/')], { namespace: 'admin' }), '/manage/', PREFIXES), 'admin');
  assert.equal(routeKind(django([route('admin/')]), '/admin/', PREFIXES), 'admin');
  assert.equal(routeKind(django([route('x/')], { namespace: 'shop:admin' }), '/x/', PREFIXES), 'admin');
  assert.equal(routeKind(django([route('administration/')]), '/administration/', PREFIXES), 'app');
});

test('routeKind: static views and STATIC_URL/MEDIA_URL prefixes are static', () => {
  assert.equal(routeKind(django([route('s/')], { view: 'django.views.static.serve' }), '/s/x', PREFIXES), 'static');
  assert.equal(routeKind(django([route('s/')], { view: 'django.contrib.staticfiles.views.serve' }), '/s/x', PREFIXES), 'static');
  assert.equal(routeKind(django([route('static/')]), '/static/app.css', PREFIXES), 'static');
  assert.equal(routeKind(django([route('media/')]), '/media/a.png', { staticUrl: null, mediaUrl: '/media/' }), 'static');
  // A relative or root STATIC_URL cannot mark app routes as static.
  assert.equal(routeKind(django([route('')]), '/', { staticUrl: '/', mediaUrl: 'media/' }), 'app');
});
