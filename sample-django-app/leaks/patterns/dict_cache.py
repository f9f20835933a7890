"""Seed cause 2 (快取未設置過期時間) and fixes: 方案 2 (Django cache + TTL) and LRU.

The leaky USER_CACHE grows by one entry per distinct customer id, up to the number
of seeded customers (`seed_data --customers N`): seed enough of them for a long run.
"""
import functools

from django.core.cache import cache
from django.http import JsonResponse

from ..models import Customer
from ..params import int_param, json_400

MAX_ID = 10**9
TTL_SECONDS = 300
LRU_MAXSIZE = 1000

USER_CACHE = {}  # never evicted: the leak


class _Missing(Exception):
    pass


def load_info(customer_id):
    try:
        customer = Customer.objects.get(id=customer_id)
    except Customer.DoesNotExist:
        raise _Missing(customer_id) from None
    return {'name': customer.name, 'email': customer.email}


def _respond(customer_id, load):
    try:
        info = load(customer_id)
    except _Missing:
        return JsonResponse({'error': f'no customer {customer_id}'}, status=404)
    return JsonResponse(info)


def _from_dict(customer_id):
    if customer_id not in USER_CACHE:
        USER_CACHE[customer_id] = load_info(customer_id)
    return USER_CACHE[customer_id]


def _from_django_cache(customer_id):
    key = f'user_info_{customer_id}'
    info = cache.get(key)
    if info is None:
        info = load_info(customer_id)
        cache.set(key, info, timeout=TTL_SECONDS)
    return info


# lru_cache does not cache raised exceptions, so unknown ids are not remembered.
_from_lru = functools.lru_cache(maxsize=LRU_MAXSIZE)(load_info)


@json_400
def leaky(request):
    return _respond(int_param(request, 'id', lo=1, hi=MAX_ID), _from_dict)


@json_400
def ttl(request):
    return _respond(int_param(request, 'id', lo=1, hi=MAX_ID), _from_django_cache)


@json_400
def lru(request):
    # A copy, so that no caller can mutate the cached dict.
    return _respond(int_param(request, 'id', lo=1, hi=MAX_ID), lambda cid: dict(_from_lru(cid)))


def reset():
    """Tests only."""
    USER_CACHE.clear()
    _from_lru.cache_clear()
    cache.clear()
