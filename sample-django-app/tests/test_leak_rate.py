from django.test import RequestFactory, SimpleTestCase

from leaks.patterns import leak_rate


class LeakRateTests(SimpleTestCase):
    def setUp(self):
        leak_rate.reset()
        self.addCleanup(leak_rate.reset)

    def kept_bytes(self):
        return sum(len(buf) for buf in leak_rate.KEPT)

    def test_each_request_keeps_exactly_n_bytes(self):
        for i, n in enumerate((1, 1000, 4096), start=1):
            before = self.kept_bytes()
            response = self.client.get('/leaks/leak-rate/', {'bytes': n})
            self.assertEqual(response.status_code, 200)
            self.assertEqual(self.kept_bytes() - before, n)
            self.assertEqual(len(leak_rate.KEPT), i)
            self.assertEqual(response.json()['kept_bytes'], self.kept_bytes())

    def test_zero_keeps_nothing(self):
        response = self.client.get('/leaks/leak-rate/', {'bytes': 0})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()['kept_objects'], 0)
        self.assertEqual(leak_rate.KEPT, [])

    def test_the_cap_is_accepted(self):
        request = RequestFactory().get('/leaks/leak-rate/', {'bytes': leak_rate.MAX_BYTES})
        self.assertEqual(leak_rate.leaky(request).status_code, 200)
        self.assertEqual(self.kept_bytes(), 16 * 1024 * 1024)

    def test_payload_buffer_is_written_not_lazily_zero_mapped(self):
        # bytearray, whose constructor writes every byte (see make_payload).
        self.assertIsInstance(leak_rate.make_payload(10), bytearray)

    def test_bad_input_is_rejected_with_400_and_keeps_nothing(self):
        for raw in (None, '', '-1', 'abc', '1.5', '1e3', ' 5', str(leak_rate.MAX_BYTES + 1), '9' * 40):
            with self.subTest(raw=raw):
                params = {} if raw is None else {'bytes': raw}
                response = self.client.get('/leaks/leak-rate/', params)
                self.assertEqual(response.status_code, 400)
                self.assertIn('error', response.json())
        self.assertEqual(leak_rate.KEPT, [])

    def test_append_grows_one_buffer_by_exactly_n_bytes(self):
        for n in (64, 64, 1000):
            before = len(leak_rate.GROWING)
            response = self.client.get('/leaks/leak-rate/append/', {'bytes': n})
            self.assertEqual(response.status_code, 200)
            self.assertEqual(len(leak_rate.GROWING) - before, n)
        self.assertEqual(response.json()['kept_bytes'], 1128)
        self.assertEqual(leak_rate.KEPT, [])
