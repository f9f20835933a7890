"""Seed cause 5 (ORM 查詢集未清理) and fixes: 方案 3 (.iterator()) and
Q4 (.values_list() instead of model instances).

Nothing is kept after the response: the difference is the peak inside a request
(a cached list of N model instances vs chunks of 1000), and whether the allocator
gives that peak back to the OS. `?rows=N` bounds the rows read (default: all).
"""
from django.http import JsonResponse

from ..models import Row
from ..params import int_param, json_400

MAX_ROWS = 10**7
CHUNK_SIZE = 1000


def process_row(payload):
    return len(payload)


def _rows(request):
    if request.GET.get('rows') in (None, ''):
        return Row.objects.order_by('id')
    return Row.objects.order_by('id')[:int_param(request, 'rows', lo=0, hi=MAX_ROWS)]


@json_400
def leaky(request):
    rows = _rows(request)  # evaluated once, cached whole in rows._result_cache
    total = 0
    for row in rows:
        total += process_row(row.payload)
    return JsonResponse({'status': 'ok', 'count': len(rows), 'payload_bytes': total})


@json_400
def iterator(request):
    count = total = 0
    for row in _rows(request).iterator(chunk_size=CHUNK_SIZE):
        count += 1
        total += process_row(row.payload)
    return JsonResponse({'status': 'ok', 'count': count, 'payload_bytes': total})


@json_400
def values_list(request):
    # Still one cached list, but of plain str instead of model instances (seed Q4).
    payloads = _rows(request).values_list('payload', flat=True)
    total = 0
    for payload in payloads:
        total += process_row(payload)
    return JsonResponse({'status': 'ok', 'count': len(payloads), 'payload_bytes': total})


def reset():
    """Tests only: nothing is kept at module level."""
