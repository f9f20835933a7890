"""A leak tracemalloc cannot see: 4 KiB from the C library's malloc per request, never freed.

The leaky view keeps only the address, a Python int of ~32 bytes: tracemalloc, which sees only
allocations made through Python's allocators, accounts for about 1 % of what each request keeps.
The fixed view frees the buffer. Only a native profiler (memray --native) names the call.

The buffer comes from the C library's strdup (which mallocs and fills it) rather than from a
malloc looked up through ctypes: ctypes finds malloc with dlsym, and a pointer got that way
bypasses the symbol table that memray hooks, so memray would not see it either; a C library's
own call to malloc goes through that table, as a C extension's does.
"""
import ctypes

from django.http import JsonResponse

BUFFER_BYTES = 4096
_libc = ctypes.CDLL(None)
_libc.strdup.restype = ctypes.c_void_p
_libc.strdup.argtypes = [ctypes.c_char_p]
_libc.free.argtypes = [ctypes.c_void_p]
# strdup copies up to the NUL: BUFFER_BYTES in all, every byte written, so the pages are resident.
_FILL = b'\x01' * (BUFFER_BYTES - 1)

ADDRESSES = []  # never freed: the leak


def _filled_buffer():
    return _libc.strdup(_FILL)


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
