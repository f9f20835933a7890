from django.test import RequestFactory, SimpleTestCase

from leaks.patterns import bounded_cache


class BoundedCacheTests(SimpleTestCase):
    def setUp(self):
        bounded_cache.reset()
        self.addCleanup(bounded_cache.reset)
        self.factory = RequestFactory()

    def test_lru_answers_with_a_1kb_value(self):
        response = self.client.get('/leaks/bounded-cache/', {'key': 'a'})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body['key'], 'a')
        self.assertEqual(body['value_length'], 1024)
        self.assertEqual(body['cache_size'], 1)
        self.assertEqual(body['cache_maxsize'], 1000)

    def test_deque_answers_with_a_1kb_record(self):
        response = self.client.get('/leaks/bounded-cache/deque/', {'key': 'a'})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()['cache_size'], 1)
        self.assertEqual(len(bounded_cache.RECORDS[0]['value']), 1024)

    def test_value_is_deterministic_per_key(self):
        self.assertEqual(bounded_cache.compute_value('k'), bounded_cache.compute_value('k'))
        self.assertNotEqual(bounded_cache.compute_value('k'), bounded_cache.compute_value('j'))

    def test_lru_never_exceeds_1000_after_1500_distinct_keys(self):
        sizes = []
        for i in range(1500):
            response = bounded_cache.lru(self.factory.get('/', {'key': f'k{i}'}))
            self.assertEqual(response.status_code, 200)
            sizes.append(bounded_cache.cached_value.cache_info().currsize)
        self.assertEqual(max(sizes), 1000)
        self.assertEqual(sizes[999], 1000)
        self.assertEqual(bounded_cache.cached_value.cache_info().currsize, 1000)

    def test_deque_never_exceeds_1000_after_1500_distinct_keys(self):
        sizes = []
        for i in range(1500):
            response = bounded_cache.deque(self.factory.get('/', {'key': f'k{i}'}))
            self.assertEqual(response.status_code, 200)
            sizes.append(len(bounded_cache.RECORDS))
        self.assertEqual(max(sizes), 1000)
        self.assertEqual(bounded_cache.RECORDS[0]['key'], 'k500')  # oldest ones dropped

    def test_routing_through_the_client_for_the_last_request(self):
        for i in range(1500):
            bounded_cache.lru(self.factory.get('/', {'key': f'k{i}'}))
        response = self.client.get('/leaks/bounded-cache/', {'key': 'new'})
        self.assertEqual(response.json()['cache_size'], 1000)

    def test_missing_or_too_long_key_is_400(self):
        for url in ('/leaks/bounded-cache/', '/leaks/bounded-cache/deque/'):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 400)
                self.assertEqual(self.client.get(url, {'key': 'x' * 201}).status_code, 400)
