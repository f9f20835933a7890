import tracemalloc

from django.test import SimpleTestCase, modify_settings, override_settings

from leaks import diagnose
from leaks.patterns import global_list


class SnapshotTests(SimpleTestCase):
    def setUp(self):
        global_list.reset()
        self.addCleanup(global_list.reset)

    def test_not_tracing_is_a_409_with_a_hint(self):
        self.assertFalse(tracemalloc.is_tracing())
        response = self.client.get('/leaks/diagnose/snapshot/')
        self.assertEqual(response.status_code, 409)
        body = response.json()
        self.assertFalse(body['tracing'])
        self.assertIn('PYTHONTRACEMALLOC=1', body['hint'])
        self.assertIsInstance(body['pid'], int)

    def test_snapshot_names_the_leaking_line_first_among_the_app_files(self):
        tracemalloc.start()
        self.addCleanup(tracemalloc.stop)
        for _ in range(300):
            self.client.get('/leaks/global-list/')
        response = self.client.get('/leaks/diagnose/snapshot/', {'limit': 5})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertTrue(body['tracing'])
        self.assertEqual(len(body['top_memory_usage']), 5)
        top = body['top_in_app'][0]
        self.assertTrue(top['file'].endswith('leaks/patterns/global_list.py'), top)
        self.assertEqual(top['code'], 'REQUEST_LOG.append({')
        # Not all 300: a dict reused from CPython's free list is not a new allocation.
        self.assertGreaterEqual(top['count'], 250)
        self.assertEqual(set(top), {'file', 'line', 'size_mb', 'size_bytes', 'count', 'code'})

    def test_limit_is_checked(self):
        response = self.client.get('/leaks/diagnose/snapshot/', {'limit': 0})
        self.assertEqual(response.status_code, 400)


class GrowthTests(SimpleTestCase):
    def setUp(self):
        diagnose.reset()
        global_list.reset()
        self.addCleanup(diagnose.reset)
        self.addCleanup(global_list.reset)

    def test_first_call_is_the_baseline_then_growth_names_what_was_kept(self):
        first = self.client.get('/leaks/diagnose/growth/').json()
        self.assertTrue(first['baseline'])
        self.assertEqual(first['growth'], [])
        self.assertGreater(first['objects'], 1000)
        for _ in range(200):
            self.client.get('/leaks/global-list/')
        second = self.client.get('/leaks/diagnose/growth/', {'limit': 50}).json()
        self.assertFalse(second['baseline'])
        grown = {row['type']: row['delta'] for row in second['growth']}
        # Each kept entry is a dict holding a lazy user that keeps its request alive.
        self.assertGreaterEqual(grown.get('dict', 0), 200)
        self.assertGreaterEqual(grown.get('SimpleLazyObject', 0), 200)
        self.assertGreaterEqual(grown.get('WSGIRequest', 0), 200)

    def test_set_baseline_makes_the_first_call_report_growth(self):
        diagnose.set_baseline()
        for _ in range(50):
            self.client.get('/leaks/global-list/')
        body = self.client.get('/leaks/diagnose/growth/', {'limit': 50}).json()
        self.assertFalse(body['baseline'])
        self.assertIn('WSGIRequest', {row['type'] for row in body['growth']})


class TraceMiddlewareTests(SimpleTestCase):
    TRACE = 'leaks.diagnose_middleware.MemoryTraceMiddleware'

    def setUp(self):
        from leaks import diagnose_middleware
        diagnose_middleware.reset()
        self.addCleanup(diagnose_middleware.reset)

    def test_off_unless_the_environment_asks(self):
        from django.conf import settings
        self.assertNotIn(self.TRACE, settings.MIDDLEWARE)

    @modify_settings(MIDDLEWARE={'prepend': TRACE})
    @override_settings(LEAKLAB_TRACE_PEAK_MB=100)
    def test_a_small_leak_never_passes_the_seed_threshold(self):
        with self.assertNoLogs('leaks.diagnose', level='WARNING'):
            for _ in range(20):
                self.client.get('/leaks/global-list/')
        stats = self.client.get('/leaks/diagnose/trace-stats/').json()
        self.assertEqual(stats['traced_requests'], 20)  # the stats request is counted after it answers
        self.assertEqual(stats['warnings'], 0)
        self.assertGreater(stats['max_peak_bytes'], 0)
        self.assertLess(stats['max_peak_bytes'], 100 * 1024 * 1024)
        self.assertFalse(tracemalloc.is_tracing(), 'the middleware stops tracing after each request')

    @modify_settings(MIDDLEWARE={'prepend': TRACE})
    @override_settings(LEAKLAB_TRACE_PEAK_MB=0.01)
    def test_a_request_past_the_threshold_logs_a_warning_and_is_counted(self):
        with self.assertLogs('leaks.diagnose', level='WARNING') as logs:
            self.client.get('/leaks/memory-intensive/', {'n': 1000})
        self.assertEqual(len(logs.records), 1)
        self.assertRegex(logs.records[0].getMessage(), r'^High memory usage: /leaks/memory-intensive/ current=[\d.]+MB peak=[\d.]+MB$')
        stats = self.client.get('/leaks/diagnose/trace-stats/').json()
        self.assertEqual(stats['warnings'], 1)


class TraceSwitchTests(SimpleTestCase):
    def test_environment_variable_puts_the_middleware_first(self):
        import os
        import subprocess
        import sys

        code = 'import config.settings.base as s; print(s.MIDDLEWARE[0]); print(s.LEAKLAB_TRACE_PEAK_MB)'
        env = {**os.environ, 'LEAKLAB_TRACE_REQUESTS': '1', 'LEAKLAB_TRACE_PEAK_MB': '5'}
        out = subprocess.run([sys.executable, '-c', code], env=env, capture_output=True, text=True, check=True,
                             cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        self.assertEqual(out.stdout.split(), ['leaks.diagnose_middleware.MemoryTraceMiddleware', '5.0'])
