from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory, TestCase

from leaks.patterns import dict_cache


class DictCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command('seed_data', customers=1100, rows=0, stdout=StringIO())

    def setUp(self):
        dict_cache.reset()
        self.addCleanup(dict_cache.reset)
        self.factory = RequestFactory()

    def test_every_variant_answers_with_the_customer(self):
        for url in ('/leaks/dict-cache/', '/leaks/dict-cache/ttl/', '/leaks/dict-cache/lru/'):
            with self.subTest(url=url):
                response = self.client.get(url, {'id': 5})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json(), {'name': 'Customer 5', 'email': 'customer-5@example.test'})

    def test_leaky_dict_keeps_one_entry_per_distinct_id_forever(self):
        for i in range(1, 1101):
            self.assertEqual(dict_cache.leaky(self.factory.get('/', {'id': i})).status_code, 200)
        self.client.get('/leaks/dict-cache/', {'id': 1})
        self.assertEqual(len(dict_cache.USER_CACHE), 1100)

    def test_leaky_dict_serves_repeat_ids_without_a_query(self):
        self.client.get('/leaks/dict-cache/', {'id': 9})
        with self.assertNumQueries(0):
            self.assertEqual(self.client.get('/leaks/dict-cache/', {'id': 9}).status_code, 200)

    def test_ttl_variant_uses_the_django_cache_with_a_timeout(self):
        self.client.get('/leaks/dict-cache/ttl/', {'id': 3})
        self.assertEqual(dict_cache.USER_CACHE, {})
        self.assertEqual(cache.get('user_info_3')['name'], 'Customer 3')
        with self.assertNumQueries(0):
            self.client.get('/leaks/dict-cache/ttl/', {'id': 3})
        self.assertEqual(dict_cache.TTL_SECONDS, 300)

    def test_lru_variant_is_bounded_at_1000(self):
        for i in range(1, 1101):
            self.assertEqual(dict_cache.lru(self.factory.get('/', {'id': i})).status_code, 200)
        self.assertEqual(dict_cache._from_lru.cache_info().currsize, 1000)

    def test_unknown_id_is_404_and_not_cached(self):
        for url in ('/leaks/dict-cache/', '/leaks/dict-cache/ttl/', '/leaks/dict-cache/lru/'):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url, {'id': 999999}).status_code, 404)
        self.assertEqual(dict_cache.USER_CACHE, {})
        self.assertEqual(dict_cache._from_lru.cache_info().currsize, 0)

    def test_bad_id_is_400(self):
        for raw in (None, '0', 'x', '-3'):
            with self.subTest(raw=raw):
                params = {} if raw is None else {'id': raw}
                self.assertEqual(self.client.get('/leaks/dict-cache/', params).status_code, 400)
