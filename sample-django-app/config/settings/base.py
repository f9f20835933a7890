"""Settings for the leaklab sample app, as served by Gunicorn (DEBUG off).

Environment:
  DJANGO_SECRET_KEY     secret key (an insecure dev default otherwise)
  DATABASE_URL          postgres://user:pass@host:port/name ; SQLite when unset
  LEAKLAB_SQLITE_PATH   SQLite file (default <app dir>/db.sqlite3)
  LEAKLAB_CONN_MAX_AGE  persistent DB connections, seconds (default 0: closed per request)
  REDIS_URL             redis://host:port/db -> Django's RedisCache; locmem when unset
  LEAKLAB_CACHE_KEY_PREFIX  the Redis cache's key prefix (default leaklab)
  LEAKLAB_IMAGE_DIR     where image-cache source images are generated (default: a temp dir)
  LEAKLAB_IMAGE_POOL    how many distinct source images image-cache draws from (default 32)
  LEAKLAB_THUMBNAIL_DIR where the Celery task writes thumbnails (default: LEAKLAB_SCRATCH_DIR/thumbnails,
                        leaklab's per-variant scratch folder, else a temp dir)
  CELERY_BROKER_URL     the Celery app's broker (default REDIS_URL); see config/celery_app.py
  LEAKLAB_TRACE_REQUESTS  1: the seed's per-request tracemalloc middleware (diagnosis scenario)
  LEAKLAB_TRACE_PEAK_MB   its warning threshold, MB (default 100, the seed's)
  PYTHONTRACEMALLOC       1: Python traces from startup, for /leaks/diagnose/snapshot/
"""
import os
from pathlib import Path

from .database_url import parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'django-insecure-leaklab-dev-only-do-not-deploy')
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost', '[::1]']

INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'leaks',
]

# Sessions + auth so that request.user exists (the seed's global list stores it).
# Signed-cookie sessions need no table, so an anonymous GET never touches the DB.
MIDDLEWARE = [
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
]
SESSION_ENGINE = 'django.contrib.sessions.backends.signed_cookies'

# Seed 3. step 3: tracemalloc started and stopped around every request. Opt-in (it costs
# throughput); first, so it wraps the whole request as the seed's would. The diagnosis scenario
# switches it on.
if os.environ.get('LEAKLAB_TRACE_REQUESTS') == '1':
    MIDDLEWARE.insert(0, 'leaks.diagnose_middleware.MemoryTraceMiddleware')
LEAKLAB_TRACE_PEAK_MB = float(os.environ.get('LEAKLAB_TRACE_PEAK_MB', '100'))

ROOT_URLCONF = 'config.urls'
WSGI_APPLICATION = 'config.wsgi.application'
TEMPLATES = []

_conn_max_age = int(os.environ.get('LEAKLAB_CONN_MAX_AGE', '0'))
if os.environ.get('DATABASE_URL'):
    DATABASES = {'default': parse_database_url(os.environ['DATABASE_URL'])}
else:
    DATABASES = {
        'default': {
            'ENGINE': 'django.db.backends.sqlite3',
            'NAME': os.environ.get('LEAKLAB_SQLITE_PATH', str(BASE_DIR / 'db.sqlite3')),
        }
    }
DATABASES['default']['CONN_MAX_AGE'] = _conn_max_age

if os.environ.get('REDIS_URL'):
    CACHES = {
        'default': {
            'BACKEND': 'django.core.cache.backends.redis.RedisCache',
            'LOCATION': os.environ['REDIS_URL'],
            # leaklab gives each variant its own prefix, so no variant (or earlier run on the
            # same Redis) finds another's entries.
            'KEY_PREFIX': os.environ.get('LEAKLAB_CACHE_KEY_PREFIX', 'leaklab'),
        }
    }
else:
    # locmem culls past MAX_ENTRIES (300 by default): it is bounded by itself.
    CACHES = {
        'default': {
            'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
            'LOCATION': 'leaklab',
        }
    }

DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
USE_TZ = True
TIME_ZONE = 'UTC'
LANGUAGE_CODE = 'en-us'
USE_I18N = False

LEAKLAB_IMAGE_DIR = os.environ.get('LEAKLAB_IMAGE_DIR') or None
LEAKLAB_IMAGE_POOL = int(os.environ.get('LEAKLAB_IMAGE_POOL', '32'))
# Where the Celery task writes thumbnails (image-cache's celery variant): leaklab's per-variant
# scratch folder (LEAKLAB_SCRATCH_DIR, removed after the variant), else a temp dir.
LEAKLAB_THUMBNAIL_DIR = os.environ.get('LEAKLAB_THUMBNAIL_DIR') or (
    os.path.join(os.environ['LEAKLAB_SCRATCH_DIR'], 'thumbnails') if os.environ.get('LEAKLAB_SCRATCH_DIR') else None
)

# Gunicorn sends stderr to a file: the fixed global-list view writes there.
LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'formatters': {
        'short': {'format': '%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s'},
    },
    'handlers': {
        'stderr': {'class': 'logging.StreamHandler', 'formatter': 'short'},
    },
    'loggers': {
        'leaks': {'handlers': ['stderr'], 'level': 'INFO', 'propagate': False},
    },
}
