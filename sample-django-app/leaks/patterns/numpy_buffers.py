"""Seed cause 6 (第三方庫洩漏: NumPy), at a size that fits in RAM and stays fast.

The seed claims `np.random.rand` + `np.dot` leak by themselves; `leaky` reproduces
that code and keeps nothing, so leaklab measures the claim. `kept` is a genuine
leak (each result array is kept) as the positive control. numpy is imported on
first use so that Gunicorn workers start light.
"""
from django.http import JsonResponse

from ..params import int_param, json_400

DEFAULT_N = 200
MAX_N = 2000
MAX_REPEAT = 100

KEPT = []  # the genuine leak of `kept`
_kept_bytes = 0


def _params(request):
    n = int_param(request, 'n', default=DEFAULT_N, lo=1, hi=MAX_N)
    repeat = int_param(request, 'repeat', default=1, lo=1, hi=MAX_REPEAT)
    return n, repeat


def multiply(n, seed):
    import numpy as np

    # Seeded, so a request's numbers are the same every time.
    arr = np.random.default_rng(seed).random((n, n))
    return np.dot(arr, arr)


@json_400
def leaky(request):
    n, repeat = _params(request)
    for i in range(repeat):
        result = multiply(n, i)
    return JsonResponse({'status': 'ok', 'n': n, 'repeat': repeat, 'result_bytes': int(result.nbytes), 'kept': 0})


@json_400
def kept(request):
    global _kept_bytes
    n, repeat = _params(request)
    for i in range(repeat):
        KEPT.append(multiply(n, i))
        _kept_bytes += int(KEPT[-1].nbytes)
    return JsonResponse({
        'status': 'ok', 'n': n, 'repeat': repeat,
        'result_bytes': int(KEPT[-1].nbytes), 'kept': len(KEPT),
        'kept_bytes': _kept_bytes,
    })


def reset():
    """Tests only."""
    global _kept_bytes
    KEPT.clear()
    _kept_bytes = 0
