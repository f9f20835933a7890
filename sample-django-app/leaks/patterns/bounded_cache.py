"""Seed fix "使用 LRU 快取(有大小限制)": caches that must plateau at 1000 entries."""
import collections
import functools
import hashlib

from django.http import JsonResponse

from ..params import json_400, str_param

MAXSIZE = 1000
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
