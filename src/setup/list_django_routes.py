"""Lists a Django project's routes for `leaklab init`, run with the project's own interpreter.

Run in the project folder (where manage.py is) with DJANGO_SETTINGS_MODULE set. Prints one JSON
object: the WSGI callable, the database engine, the static and media prefixes and every route as
its pieces (the resolver keeps include() prefixes apart; leaklab joins them and writes example
values for parameters). With --probe PATH... it also GETs those paths with Django's test client
and reports each status, so init only puts answering routes in the mix (on SQLite, against a
fresh migrated in-memory test database).
"""
import json
import os
import sys


def pattern_piece(pattern):
    kind = type(pattern).__name__
    if kind == 'RoutePattern':
        converters = {
            name: {'cls': type(conv).__name__, 'regex': getattr(conv, 'regex', '')}
            for name, conv in getattr(pattern, 'converters', {}).items()
        }
        return {'type': 'route', 'text': str(pattern._route), 'converters': converters}
    if kind == 'LocalePrefixPattern':
        # i18n_patterns: the active language's prefix, e.g. "en/".
        return {'type': 'route', 'text': pattern.language_prefix, 'converters': {}}
    return {'type': 'regex', 'text': str(getattr(pattern, '_regex', pattern)), 'converters': {}}


def walk(patterns, prefix, namespaces, out):
    from django.urls import URLPattern, URLResolver

    for p in patterns:
        pieces = prefix + [pattern_piece(p.pattern)]
        if isinstance(p, URLResolver):
            ns = namespaces + ([p.namespace] if p.namespace else [])
            walk(p.url_patterns, pieces, ns, out)
        elif isinstance(p, URLPattern):
            callback = p.callback
            module = getattr(callback, '__module__', '') or ''
            out.append({
                'pieces': pieces,
                'name': p.name,
                'namespace': ':'.join(namespaces),
                'view': '%s.%s' % (module, getattr(callback, '__name__', type(callback).__name__)),
            })


def probe(paths, sqlite):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    # As Django's test runner does: outgoing mail goes to memory, not to anyone. It also adds
    # 'testserver' to ALLOWED_HOSTS, which turns off DEBUG's localhost default: put it back.
    allowed_hosts = settings.ALLOWED_HOSTS
    setup_test_environment()
    settings.ALLOWED_HOSTS = allowed_hosts
    if sqlite:
        # A migrated in-memory database, as `run` will have after its migrate setup line; the
        # project's own database file is never opened, so init cannot change its data.
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    client = Client(raise_request_exception=False)
    statuses = {}
    for path in paths:
        try:
            # The Host Gunicorn will see, so an ALLOWED_HOSTS that refuses it shows here (400).
            statuses[path] = client.get(path, HTTP_HOST='127.0.0.1').status_code
        except Exception as exc:  # a view that fails outside the request cycle
            statuses[path] = '%s: %s' % (type(exc).__name__, exc)
    return statuses


def main(argv):
    sys.path.insert(0, os.getcwd())
    import django
    from django.conf import settings
    from django.urls import get_resolver

    django.setup()
    routes = []
    walk(get_resolver().url_patterns, [], [], routes)
    databases = getattr(settings, 'DATABASES', {}) or {}
    result = {
        'djangoVersion': django.get_version(),
        'wsgiApplication': getattr(settings, 'WSGI_APPLICATION', None),
        'databaseEngine': databases.get('default', {}).get('ENGINE'),
        'staticUrl': getattr(settings, 'STATIC_URL', None),
        'mediaUrl': getattr(settings, 'MEDIA_URL', None) or None,
        'routes': routes,
        'probes': {},
    }
    if argv[:1] == ['--probe']:
        result['probes'] = probe(argv[1:], (result['databaseEngine'] or '').endswith('sqlite3'))
    print(json.dumps(result))


if __name__ == '__main__':
    main(sys.argv[1:])
