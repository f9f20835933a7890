import sqlite3
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from leaks.patterns import unclosed_cursor


class UnclosedCursorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command('seed_data', customers=0, rows=300, stdout=StringIO())

    def test_both_variants_read_every_row(self):
        for url in ('/leaks/unclosed-cursor/', '/leaks/unclosed-cursor/fixed/'):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json(), {'count': 300})

    def test_limit(self):
        self.assertEqual(self.client.get('/leaks/unclosed-cursor/', {'limit': 7}).json(), {'count': 7})
        self.assertEqual(self.client.get('/leaks/unclosed-cursor/fixed/', {'limit': 7}).json(), {'count': 7})
        self.assertEqual(self.client.get('/leaks/unclosed-cursor/', {'limit': 'x'}).status_code, 400)

    def cursor_left_by(self, url):
        """The DB-API cursor the view made, after the response."""
        real_cursor = connection.cursor
        made = []

        def spy():
            made.append(real_cursor())
            return made[-1]

        with mock.patch.object(connection, 'cursor', spy):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(len(made), 1)
        return made[0].cursor

    def test_leaky_view_never_closes_its_cursor(self):
        cursor = self.cursor_left_by('/leaks/unclosed-cursor/')
        self.assertIsNone(cursor.fetchone())  # still open, just exhausted

    def test_fixed_view_closes_its_cursor(self):
        cursor = self.cursor_left_by('/leaks/unclosed-cursor/fixed/')
        with self.assertRaises(sqlite3.ProgrammingError):  # "Cannot operate on a closed cursor"
            cursor.fetchone()

    def test_nothing_kept_at_module_level(self):
        self.assertFalse([name for name, value in vars(unclosed_cursor).items()
                          if not name.startswith('__') and isinstance(value, (list, dict))])
