"""A leak tracemalloc cannot see: 4 KiB from the C library's malloc per request, never freed.

The leaky view keeps only the address, a Python int of ~32 bytes: tracemalloc, which sees only
allocations made through Python's allocators, accounts for about 1 % of what each request keeps.
The fixed view frees the buffer. Only a native profiler (memray --native) names the malloc.
"""
import ctypes

from django.http import JsonResponse

BUFFER_BYTES = 4096
_libc = ctypes.CDLL(None)
_libc.malloc.restype = ctypes.c_void_p
_libc.malloc.argtypes = [ctypes.c_size_t]
_libc.free.argtypes = [ctypes.c_void_p]
_libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]

ADDRESSES = []  # never freed: the leak


def _filled_buffer():
    # Written to, so the pages are really resident and RSS shows them.
    address = _libc.malloc(BUFFER_BYTES)
    _libc.memset(address, 1, BUFFER_BYTES)
    return address


def leaky(request):
    ADDRESSES.append(_filled_buffer())
    return JsonResponse({'status': 'ok', 'kept': len(ADDRESSES)})


def fixed(request):
    _libc.free(_filled_buffer())
    return JsonResponse({'status': 'ok', 'kept': 0})


def reset():
    """Tests only."""
    while ADDRESSES:
        _libc.free(ADDRESSES.pop())
