"""Seed cause 4 (資料庫連接未關閉) and fix 方案 6 (with connection.cursor()).

The leaky view drops its cursor without close(); whether that leaks depends on the
driver and on CONN_MAX_AGE (with 0, Django closes the connection after each request).
"""
from django.db import connection
from django.http import JsonResponse

from ..models import Row
from ..params import int_param, json_400

MAX_LIMIT = 10**7


def _sql(limit):
    table = connection.ops.quote_name(Row._meta.db_table)
    if limit is None:
        return f'SELECT * FROM {table}', []
    return f'SELECT * FROM {table} ORDER BY id LIMIT %s', [limit]


def _limit(request):
    # Absent: every row, like the seed's SELECT * FROM large_table.
    if request.GET.get('limit') in (None, ''):
        return None
    return int_param(request, 'limit', lo=0, hi=MAX_LIMIT)


@json_400
def leaky(request):
    sql, params = _sql(_limit(request))
    cursor = connection.cursor()
    cursor.execute(sql, params)
    results = cursor.fetchall()
    # cursor.close() forgotten, as in the seed.
    return JsonResponse({'count': len(results)})


@json_400
def fixed(request):
    sql, params = _sql(_limit(request))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        results = cursor.fetchall()
    return JsonResponse({'count': len(results)})


def reset():
    """Tests only: nothing is kept at module level."""
