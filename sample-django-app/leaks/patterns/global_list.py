"""Seed cause 1 (全局變量累積) and fix 1 (使用 logging 模組).

The leaky view appends to a module-level list that is never cleared. It stores
request.user exactly as the seed does: a SimpleLazyObject whose closure holds
the whole request (environ, headers, ...), so each entry keeps far more than
its three visible fields.
"""
import logging
from datetime import datetime

from django.http import JsonResponse

logger = logging.getLogger('leaks.global_list')

REQUEST_LOG = []  # never cleared: the leak


def leaky(request):
    REQUEST_LOG.append({
        'path': request.path,
        'user': request.user,
        'time': datetime.now(),
    })
    return JsonResponse({'status': 'ok', 'length': len(REQUEST_LOG)})


def fixed(request):
    # Same information, handed to logging and not kept.
    logger.info('Request: %s user=%s time=%s', request.path, request.user, datetime.now().isoformat())
    return JsonResponse({'status': 'ok', 'length': 0})


def reset():
    """Tests only."""
    REQUEST_LOG.clear()
