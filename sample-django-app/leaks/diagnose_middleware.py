"""Seed section 3, step 3: MemoryTraceMiddleware, as the seed writes it, switched on with
LEAKLAB_TRACE_REQUESTS=1 (settings put it first in MIDDLEWARE).

Per request it starts tracemalloc, serves the request, reads (current, peak) and stops
tracemalloc, which throws every trace away; it logs a warning when the request's peak passed
LEAKLAB_TRACE_PEAK_MB (the seed's 100 MB). So it can only see memory allocated *during* one
request: a leak of a few KB per request never comes near the threshold. What it saw is also
counted per worker, for the /leaks/diagnose/trace-stats/ probe.
"""
import logging
import tracemalloc

from django.conf import settings

logger = logging.getLogger('leaks.diagnose')

_stats = {'traced_requests': 0, 'warnings': 0, 'max_peak_bytes': 0, 'max_current_bytes': 0}


def stats():
    return dict(_stats)


def reset():
    """Tests only."""
    for key in _stats:
        _stats[key] = 0


class MemoryTraceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.threshold = int(settings.LEAKLAB_TRACE_PEAK_MB * 1024 * 1024)

    def __call__(self, request):
        tracemalloc.start()
        response = self.get_response(request)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        _stats['traced_requests'] += 1
        _stats['max_peak_bytes'] = max(_stats['max_peak_bytes'], peak)
        _stats['max_current_bytes'] = max(_stats['max_current_bytes'], current)
        if peak > self.threshold:
            _stats['warnings'] += 1
            logger.warning(
                f"High memory usage: {request.path} "
                f"current={current/1024/1024:.1f}MB "
                f"peak={peak/1024/1024:.1f}MB"
            )
        return response
