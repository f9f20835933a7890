"""Test settings: in-memory SQLite and locmem cache whatever the environment says."""
import copy

from .base import *  # noqa: F401,F403
from .base import LOGGING as _BASE_LOGGING

DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
        'LOCATION': 'leaklab-test',
    }
}
PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']

# Keep test output clean: the tests capture these records with assertLogs.
LOGGING = copy.deepcopy(_BASE_LOGGING)
LOGGING['loggers']['leaks']['handlers'] = []
LOGGING['handlers'] = {}
