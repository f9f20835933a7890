from django.test import RequestFactory, SimpleTestCase

from leaks.patterns import global_list


class GlobalListTests(SimpleTestCase):
    def setUp(self):
        global_list.reset()
        self.addCleanup(global_list.reset)

    def test_leaky_list_grows_by_one_per_request(self):
        for expected in range(1, 4):
            response = self.client.get('/leaks/global-list/')
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json(), {'status': 'ok', 'length': expected})
            self.assertEqual(len(global_list.REQUEST_LOG), expected)

    def test_leaky_entry_keeps_the_seed_fields_including_request_user(self):
        self.client.get('/leaks/global-list/')
        entry = global_list.REQUEST_LOG[0]
        self.assertEqual(set(entry), {'path', 'user', 'time'})
        self.assertEqual(entry['path'], '/leaks/global-list/')
        # The lazy user object, not a copy: it is what drags the request along.
        self.assertEqual(type(entry['user']).__name__, 'SimpleLazyObject')
        self.assertTrue(entry['user'].is_anonymous)

    def test_fixed_view_keeps_nothing_and_logs_the_request(self):
        with self.assertLogs('leaks.global_list', level='INFO') as logs:
            response = self.client.get('/leaks/global-list/fixed/')
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {'status': 'ok', 'length': 0})
        self.assertEqual(global_list.REQUEST_LOG, [])
        self.assertEqual(len(logs.records), 1)
        self.assertIn('/leaks/global-list/fixed/', logs.records[0].getMessage())
        self.assertIn('AnonymousUser', logs.records[0].getMessage())

    def test_fixed_view_alone_via_request_factory(self):
        request = RequestFactory().get('/leaks/global-list/fixed/')
        request.user = 'someone'
        with self.assertLogs('leaks.global_list', level='INFO'):
            response = global_list.fixed(request)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(global_list.REQUEST_LOG, [])
