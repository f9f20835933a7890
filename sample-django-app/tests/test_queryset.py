from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db.models.query import QuerySet
from django.test import TestCase

from leaks.patterns import queryset


class QuerysetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command('seed_data', customers=0, rows=2500, stdout=StringIO())

    URLS = ('/leaks/queryset/', '/leaks/queryset/iterator/', '/leaks/queryset/values-list/')

    def test_every_variant_reads_every_row_by_default(self):
        for url in self.URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json(), {'status': 'ok', 'count': 2500, 'payload_bytes': 2500 * 200})

    def test_rows_parameter_bounds_the_read(self):
        for url in self.URLS:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url, {'rows': 10}).json()['count'], 10)
                self.assertEqual(self.client.get(url, {'rows': 'ten'}).status_code, 400)

    def test_iterator_variant_reads_in_chunks_of_1000(self):
        with mock.patch.object(QuerySet, 'iterator', autospec=True, side_effect=QuerySet.iterator) as spy:
            self.client.get('/leaks/queryset/iterator/')
        self.assertEqual(spy.call_args.kwargs, {'chunk_size': 1000})

    def test_leaky_variant_caches_the_whole_result(self):
        seen = []
        real = QuerySet._fetch_all

        def spy(qs):
            real(qs)
            seen.append(len(qs._result_cache))

        with mock.patch.object(QuerySet, '_fetch_all', spy):
            self.client.get('/leaks/queryset/')
        self.assertEqual(seen[-1], 2500)

    def test_nothing_kept_at_module_level(self):
        self.assertFalse([name for name, value in vars(queryset).items()
                          if not name.startswith('__') and isinstance(value, (list, dict))])
