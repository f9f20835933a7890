"""Seed fix "使用 LRU 快取(有大小限制)": caches that must plateau at MAXSIZE entries.

MAXSIZE is the seed's 1000 unless LEAKLAB_CACHE_MAXSIZE says otherwise: 1000 entries of 1 KB
fill within a worker's warm-up, so a scenario that wants to *see* the plateau uses a larger
cache that fills over tens of thousands of requests.
"""
import collections
import functools
import hashlib
import os

from django.http import JsonResponse

from ..params import json_400, str_param

MAXSIZE = int(os.environ.get('LEAKLAB_CACHE_MAXSIZE', '1000'))
VALUE_LENGTH = 1024


def compute_value(key):
    """A deterministic ~1 KB str for `key` (1024 ASCII characters)."""
    digest = hashlib.sha256(key.encode('utf-8')).hexdigest()  # 64 characters
    return digest * (VALUE_LENGTH // len(digest))


cached_value = functools.lru_cache(maxsize=MAXSIZE)(compute_value)

RECORDS = collections.deque(maxlen=MAXSIZE)


@json_400
def lru(request):
    key = str_param(request, 'key')
    value = cached_value(key)
    info = cached_value.cache_info()
    return JsonResponse({
        'status': 'ok', 'key': key, 'value_length': len(value),
        'cache_size': info.currsize, 'cache_maxsize': info.maxsize,
    })


@json_400
def deque(request):
    key = str_param(request, 'key')
    RECORDS.append({'key': key, 'value': compute_value(key)})
    return JsonResponse({
        'status': 'ok', 'key': key, 'value_length': VALUE_LENGTH,
        'cache_size': len(RECORDS), 'cache_maxsize': RECORDS.maxlen,
    })


def reset():
    """Tests only."""
    cached_value.cache_clear()
    RECORDS.clear()
