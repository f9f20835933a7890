"""A tunable leak: each request keeps exactly N bytes, to find the smallest leak leaklab sees.

Not in the seed; it calibrates the analyser against the seed's patterns.
"""
from django.http import JsonResponse

from ..params import int_param, json_400

MAX_BYTES = 16 * 1024 * 1024

KEPT = []  # never cleared: the leak
_kept_total = 0
# One buffer that grows by N bytes per request: no per-object header, no list slot, so the
# memory kept per request is N itself (objects of N bytes cost N + ~100 B each).
GROWING = bytearray()


def make_payload(n):
    # bytearray(n) memsets its buffer, so every page is written and counts in RSS.
    # bytes(n) would not: it is calloc'ed, and a large calloc maps fresh zero pages
    # that stay out of RSS until touched, hiding the leak from the measurement.
    return bytearray(n)


@json_400
def leaky(request):
    global _kept_total
    n = int_param(request, 'bytes', lo=0, hi=MAX_BYTES)
    if n:
        KEPT.append(make_payload(n))
        _kept_total += n
    return JsonResponse({'status': 'ok', 'bytes': n, 'kept_objects': len(KEPT), 'kept_bytes': _kept_total})


@json_400
def append(request):
    n = int_param(request, 'bytes', lo=0, hi=MAX_BYTES)
    GROWING.extend(make_payload(n))
    return JsonResponse({'status': 'ok', 'bytes': n, 'kept_bytes': len(GROWING)})


def reset():
    """Tests only."""
    global _kept_total
    KEPT.clear()
    GROWING.clear()
    _kept_total = 0
