from django.test import SimpleTestCase


class OkTests(SimpleTestCase):
    def test_ok_answers_status_ok(self):
        response = self.client.get('/ok/')
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {'status': 'ok'})

    def test_allowed_hosts_cover_loopback_names(self):
        for host in ('127.0.0.1', 'localhost', '[::1]', '127.0.0.1:8000'):
            with self.subTest(host=host):
                self.assertEqual(self.client.get('/ok/', HTTP_HOST=host).status_code, 200)

    def test_other_hosts_are_refused(self):
        self.assertEqual(self.client.get('/ok/', HTTP_HOST='example.com').status_code, 400)

    def test_unknown_path_is_a_json_404(self):
        response = self.client.get('/no-such-path/')
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()['error'], 'not found')
