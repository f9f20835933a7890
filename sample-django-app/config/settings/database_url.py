"""Tiny DATABASE_URL parser (postgres:// and sqlite:// only), so no dj-database-url is needed."""
from urllib.parse import parse_qsl, unquote, urlsplit

_POSTGRES_SCHEMES = {'postgres', 'postgresql', 'pgsql'}


def parse_database_url(url):
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in _POSTGRES_SCHEMES:
        return {
            'ENGINE': 'django.db.backends.postgresql',
            'NAME': unquote(parts.path.lstrip('/')),
            'USER': unquote(parts.username or ''),
            'PASSWORD': unquote(parts.password or ''),
            'HOST': parts.hostname or '',
            'PORT': str(parts.port or ''),
            # e.g. ?sslmode=disable is handed to libpq as is.
            'OPTIONS': dict(parse_qsl(parts.query)),
        }
    if scheme == 'sqlite':
        # sqlite:////abs/path.db -> /abs/path.db ; sqlite:///rel.db -> rel.db
        path = unquote(parts.path)
        name = path[1:] if path.startswith('//') else path.lstrip('/')
        return {'ENGINE': 'django.db.backends.sqlite3', 'NAME': name or ':memory:'}
    raise ValueError(f'DATABASE_URL scheme {scheme!r} is not supported (postgres:// or sqlite://)')
