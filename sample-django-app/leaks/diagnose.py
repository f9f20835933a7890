"""Seed section 3, steps 4 and 5: diagnosis endpoints that leaklab calls as probes.

* ``snapshot`` is the seed's take_memory_snapshot (step 5): tracemalloc's top 10 by line. It can
  only report what tracemalloc traced, so the worker must trace from its start: set
  PYTHONTRACEMALLOC=1 in the environment (Python starts tracing before any import; Gunicorn's
  forked workers inherit it). Besides the seed's list (``top``, every file) it gives ``top_in_app``:
  the same statistics limited to this app's own files, because tracemalloc names the line that
  *allocated* memory, and most of what a leak keeps is often allocated by the framework.
* ``growth`` is objgraph.show_growth() (step 4) without objgraph: objgraph's growth() is
  gc.collect(), then a count of gc.get_objects() by type name, then the difference from the last
  call; those few lines are done here so the app needs no extra package (objgraph's other use,
  drawing reference graphs, needs graphviz and is not a probe).
* ``trace_stats`` is what the seed's per-request tracemalloc middleware (step 3) saw in this
  worker: requests traced, warnings logged, the largest per-request peak.

Every answer names the worker's pid: with several workers a probe lands on one of them.
"""
import gc
import linecache
import os
import tracemalloc
from collections import Counter
from pathlib import Path

from django.http import JsonResponse

from . import diagnose_middleware
from .params import int_param, json_400

APP_DIR = str(Path(__file__).resolve().parent.parent)
_VENV_DIR = os.path.join(APP_DIR, '.venv')
MAX_TOP = 100

_last_counts = None  # growth(): counts at this worker's previous call


def _stat_rows(stats, limit):
    rows = []
    for stat in stats[:limit]:
        frame = stat.traceback[0]
        rows.append({
            'file': frame.filename,
            'line': frame.lineno,
            'size_mb': stat.size / 1024 / 1024,
            'size_bytes': stat.size,
            'count': stat.count,
            'code': linecache.getline(frame.filename, frame.lineno).strip(),
        })
    return rows


def _in_app(snapshot):
    return snapshot.filter_traces((
        tracemalloc.Filter(True, os.path.join(APP_DIR, '*')),
        tracemalloc.Filter(False, os.path.join(_VENV_DIR, '*')),
        tracemalloc.Filter(False, __file__),
    ))


@json_400
def snapshot(request):
    limit = int_param(request, 'limit', default=10, lo=1, hi=MAX_TOP)
    if not tracemalloc.is_tracing():
        return JsonResponse({
            'pid': os.getpid(),
            'tracing': False,
            'error': 'tracemalloc is not tracing in this worker',
            'hint': 'start the app with PYTHONTRACEMALLOC=1 so tracing covers every request',
        }, status=409)
    snap = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    return JsonResponse({
        'pid': os.getpid(),
        'tracing': True,
        'traced_current_bytes': current,
        'traced_peak_bytes': peak,
        'tracemalloc_overhead_bytes': tracemalloc.get_tracemalloc_memory(),
        # The seed's view: top lines over every file.
        'top_memory_usage': _stat_rows(snap.statistics('lineno'), limit),
        'top_in_app': _stat_rows(_in_app(snap).statistics('lineno'), limit),
    })


def count_by_type():
    gc.collect()
    return Counter(type(o).__name__ for o in gc.get_objects())


@json_400
def growth(request):
    """Types whose live count grew since this worker's last call (the first call sets the base)."""
    global _last_counts
    limit = int_param(request, 'limit', default=10, lo=1, hi=MAX_TOP)
    counts = count_by_type()
    first = _last_counts is None
    grown = [] if first else sorted(
        ((name, n, n - _last_counts.get(name, 0)) for name, n in counts.items() if n > _last_counts.get(name, 0)),
        key=lambda row: (-row[2], row[0]),
    )
    _last_counts = counts
    return JsonResponse({
        'pid': os.getpid(),
        'baseline': first,
        'objects': sum(counts.values()),
        'growth': [{'type': name, 'count': n, 'delta': delta} for name, n, delta in grown[:limit]],
        'most_common': [{'type': name, 'count': n} for name, n in counts.most_common(limit)],
    })


def set_baseline():
    """Count objects now, so the first growth() call reports growth since then. A Gunicorn
    post_worker_init hook calls it (scenarios/gunicorn/growth-baseline.conf.py): with several
    workers a probe cannot choose its worker, so each worker takes its baseline at start."""
    global _last_counts
    _last_counts = count_by_type()


def trace_stats(request):
    return JsonResponse({'pid': os.getpid(), **diagnose_middleware.stats()})


def reset():
    """Tests only."""
    global _last_counts
    _last_counts = None
