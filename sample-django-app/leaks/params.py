"""Strict query-parameter parsing: bad input is a 400, never a 500 or a silent default."""
import functools
import re

from django.http import JsonResponse

_DIGITS = re.compile(r'[0-9]{1,12}')


class BadParam(ValueError):
    pass


def int_param(request, name, *, default=None, lo=0, hi):
    """A non-negative decimal integer in [lo, hi]; `default` when absent (required if None)."""
    raw = request.GET.get(name)
    if raw is None or raw == '':
        if default is None:
            raise BadParam(f'missing query parameter {name!r}')
        return default
    if not _DIGITS.fullmatch(raw):
        raise BadParam(f'{name!r} must be a decimal integer, got {raw!r}')
    value = int(raw)
    if not lo <= value <= hi:
        raise BadParam(f'{name!r} must be between {lo} and {hi}, got {value}')
    return value


def str_param(request, name, *, max_length=200):
    raw = request.GET.get(name)
    if raw is None or raw == '':
        raise BadParam(f'missing query parameter {name!r}')
    if len(raw) > max_length:
        raise BadParam(f'{name!r} is longer than {max_length} characters')
    return raw


def json_400(view):
    """Turn a BadParam raised by the view into a JSON 400."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadParam as exc:
            return JsonResponse({'error': str(exc)}, status=400)

    return wrapper
