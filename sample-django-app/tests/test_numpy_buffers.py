from django.test import RequestFactory, SimpleTestCase

from leaks.patterns import numpy_buffers


class NumpyBuffersTests(SimpleTestCase):
    def setUp(self):
        numpy_buffers.reset()
        self.addCleanup(numpy_buffers.reset)

    def test_leaky_variant_defaults_to_n_200_and_keeps_nothing(self):
        response = self.client.get('/leaks/numpy-buffers/')
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {'status': 'ok', 'n': 200, 'repeat': 1, 'result_bytes': 200 * 200 * 8, 'kept': 0})
        self.assertEqual(numpy_buffers.KEPT, [])

    def test_kept_variant_keeps_every_result(self):
        for i in range(1, 4):
            response = self.client.get('/leaks/numpy-buffers/kept/', {'n': 50, 'repeat': 2})
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json()['kept'], 2 * i)
            self.assertEqual(response.json()['kept_bytes'], 2 * i * 50 * 50 * 8)
        self.assertEqual(len(numpy_buffers.KEPT), 6)
        self.assertEqual(numpy_buffers.KEPT[0].shape, (50, 50))

    def test_results_are_deterministic(self):
        first = numpy_buffers.multiply(20, 0)
        self.assertTrue((first == numpy_buffers.multiply(20, 0)).all())

    def test_bad_parameters_are_400(self):
        for params in ({'n': 0}, {'n': numpy_buffers.MAX_N + 1}, {'n': 'x'}, {'repeat': 0}, {'repeat': 101}):
            with self.subTest(params=params):
                request = RequestFactory().get('/', params)
                self.assertEqual(numpy_buffers.leaky(request).status_code, 400)
                self.assertEqual(numpy_buffers.kept(request).status_code, 400)
        self.assertEqual(numpy_buffers.KEPT, [])
