"""Seed section 3, step 2 (memory_profiler): the seed's memory_intensive_view.

It builds 100,000 dicts {'id': i, 'value': 'x' * 1000}, answers their count and drops them: a
large per-request peak, not a leak. The seed's memory_profiler output claims +100.3 MiB for the
loop. But 'x' * 1000 is a constant: CPython folds it at compile time, so all 100,000 dicts share
one string and the loop allocates ~20 MiB of dicts and ints, not 100 MiB. ``unique`` builds a
new string per dict (what the seed's figure assumes). ``profiled`` is the seed's code under
memory_profiler's @profile, which prints its line-by-line table to stdout (Gunicorn's log)
after every call; memory_profiler is imported on first use so other scenarios never load it.
"""
import os

from django.http import JsonResponse

from ..params import int_param, json_400

DEFAULT_N = 100_000
MAX_N = 1_000_000


def build(n):
    # The seed's loop, as written.
    data = []
    for i in range(n):
        data.append({
            'id': i,
            'value': 'x' * 1000,
        })
    return data


def build_unique(n, width=1000):
    # width is a variable, so 'x' * width is a new 1 KB string on every iteration.
    data = []
    for i in range(n):
        data.append({
            'id': i,
            'value': 'x' * width,
        })
    return data


_profiled_build = None


def _profiled(n):
    global _profiled_build
    if _profiled_build is None:
        from memory_profiler import profile  # pinned in requirements.txt

        _profiled_build = profile(build)
    return _profiled_build(n)


def _answer(data, kind):
    return JsonResponse({'count': len(data), 'kind': kind, 'pid': os.getpid(), 'shared_value': data[0]['value'] is data[-1]['value'] if data else None})


@json_400
def seed(request):
    return _answer(build(int_param(request, 'n', default=DEFAULT_N, lo=1, hi=MAX_N)), 'seed')


@json_400
def unique(request):
    return _answer(build_unique(int_param(request, 'n', default=DEFAULT_N, lo=1, hi=MAX_N)), 'unique')


@json_400
def profiled(request):
    return _answer(_profiled(int_param(request, 'n', default=DEFAULT_N, lo=1, hi=MAX_N)), 'profiled')
