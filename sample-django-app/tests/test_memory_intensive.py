from django.test import SimpleTestCase

from leaks.patterns import memory_intensive


class MemoryIntensiveTests(SimpleTestCase):
    def test_seed_view_counts_its_dicts_and_they_share_one_string(self):
        response = self.client.get('/leaks/memory-intensive/', {'n': 1000})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual((body['count'], body['kind']), (1000, 'seed'))
        # 'x' * 1000 is folded into one constant: every dict holds the same string object.
        self.assertTrue(body['shared_value'])

    def test_unique_view_builds_a_new_string_per_dict(self):
        body = self.client.get('/leaks/memory-intensive/unique/', {'n': 1000}).json()
        self.assertEqual((body['count'], body['kind']), (1000, 'unique'))
        self.assertFalse(body['shared_value'])
        data = memory_intensive.build_unique(3)
        self.assertEqual([len(d['value']) for d in data], [1000, 1000, 1000])

    def test_default_is_the_seeds_100000(self):
        self.assertEqual(self.client.get('/leaks/memory-intensive/').json()['count'], 100_000)

    def test_profiled_view_prints_memory_profilers_line_table(self):
        import io
        from contextlib import redirect_stdout

        out = io.StringIO()
        with redirect_stdout(out):
            body = self.client.get('/leaks/memory-intensive/profiled/', {'n': 200}).json()
        self.assertEqual((body['count'], body['kind']), (200, 'profiled'))
        self.assertIn('Line #    Mem usage    Increment  Occurrences   Line Contents', out.getvalue())
        self.assertIn("'value': 'x' * 1000,", out.getvalue())

    def test_bad_n_is_a_400(self):
        self.assertEqual(self.client.get('/leaks/memory-intensive/', {'n': 0}).status_code, 400)
        self.assertEqual(self.client.get('/leaks/memory-intensive/', {'n': 'x'}).status_code, 400)
