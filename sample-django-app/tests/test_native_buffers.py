from django.test import SimpleTestCase

from leaks.patterns import native_buffers


class NativeBuffersTests(SimpleTestCase):
    def setUp(self):
        native_buffers.reset()
        self.addCleanup(native_buffers.reset)

    def test_leaky_view_keeps_one_native_buffer_per_request(self):
        for expected in range(1, 4):
            response = self.client.get('/leaks/native-buffers/')
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json(), {'status': 'ok', 'kept': expected})
        self.assertEqual(len(native_buffers.ADDRESSES), 3)
        self.assertTrue(all(isinstance(a, int) and a > 0 for a in native_buffers.ADDRESSES))

    def test_fixed_view_frees_its_buffer(self):
        response = self.client.get('/leaks/native-buffers/fixed/')
        self.assertEqual(response.json(), {'status': 'ok', 'kept': 0})
        self.assertEqual(native_buffers.ADDRESSES, [])

    def test_what_python_keeps_is_a_small_fraction_of_the_buffer(self):
        import tracemalloc

        tracemalloc.start()
        try:
            before = tracemalloc.take_snapshot()
            for _ in range(200):
                self.client.get('/leaks/native-buffers/')
            after = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
        kept = [s for s in after.compare_to(before, 'filename') if s.traceback[0].filename == native_buffers.__file__]
        per_request = sum(s.size_diff for s in kept) / 200
        self.assertLess(per_request, native_buffers.BUFFER_BYTES * 0.1)
