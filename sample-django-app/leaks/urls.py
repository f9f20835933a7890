from django.urls import path

from . import diagnose
from .patterns import (
    bounded_cache, circular_refs, dict_cache, global_list, image_cache, image_celery, leak_rate,
    memory_intensive, native_buffers, numpy_buffers, queryset, unclosed_cursor,
)

app_name = 'leaks'

urlpatterns = [
    # seed cause 1 / fix 1
    path('global-list/', global_list.leaky, name='global-list'),
    path('global-list/fixed/', global_list.fixed, name='global-list-fixed'),
    # calibration
    path('leak-rate/', leak_rate.leaky, name='leak-rate'),
    path('leak-rate/append/', leak_rate.append, name='leak-rate-append'),
    # seed fix: LRU cache with a size limit
    path('bounded-cache/', bounded_cache.lru, name='bounded-cache'),
    path('bounded-cache/deque/', bounded_cache.deque, name='bounded-cache-deque'),
    # seed cause 2 / fix 2
    path('dict-cache/', dict_cache.leaky, name='dict-cache'),
    path('dict-cache/ttl/', dict_cache.ttl, name='dict-cache-ttl'),
    path('dict-cache/lru/', dict_cache.lru, name='dict-cache-lru'),
    # seed cause 3 / 原則 3 weakref, 方案 5 gc.collect()
    path('circular-refs/', circular_refs.leaky, name='circular-refs'),
    path('circular-refs/weakref/', circular_refs.weakref_fix, name='circular-refs-weakref'),
    path('circular-refs/gc-collect/', circular_refs.gc_collect, name='circular-refs-gc-collect'),
    # seed cause 4 / fix 6
    path('unclosed-cursor/', unclosed_cursor.leaky, name='unclosed-cursor'),
    path('unclosed-cursor/fixed/', unclosed_cursor.fixed, name='unclosed-cursor-fixed'),
    # seed cause 5 / fix 3, Q4
    path('queryset/', queryset.leaky, name='queryset'),
    path('queryset/iterator/', queryset.iterator, name='queryset-iterator'),
    path('queryset/values-list/', queryset.values_list, name='queryset-values-list'),
    # seed cause 6
    path('numpy-buffers/', numpy_buffers.leaky, name='numpy-buffers'),
    path('numpy-buffers/kept/', numpy_buffers.kept, name='numpy-buffers-kept'),
    # --trace: native memory tracemalloc cannot see
    path('native-buffers/', native_buffers.leaky, name='native-buffers'),
    path('native-buffers/fixed/', native_buffers.fixed, name='native-buffers-fixed'),
    # seed section 6 case study
    path('image-cache/', image_cache.leaky, name='image-cache'),
    path('image-cache/fixed/', image_cache.fixed, name='image-cache-fixed'),
    # seed section 6, 方案 2: a Celery task makes the thumbnail, the view answers 202 until it exists
    path('image-cache/celery/', image_celery.view, name='image-cache-celery'),
    # seed 3. step 2 (memory_profiler's example view)
    path('memory-intensive/', memory_intensive.seed, name='memory-intensive'),
    path('memory-intensive/unique/', memory_intensive.unique, name='memory-intensive-unique'),
    path('memory-intensive/profiled/', memory_intensive.profiled, name='memory-intensive-profiled'),
    # seed 3. steps 3-5: diagnosis probes (tracemalloc snapshot, object growth, middleware stats)
    path('diagnose/snapshot/', diagnose.snapshot, name='diagnose-snapshot'),
    path('diagnose/growth/', diagnose.growth, name='diagnose-growth'),
    path('diagnose/trace-stats/', diagnose.trace_stats, name='diagnose-trace-stats'),
]
