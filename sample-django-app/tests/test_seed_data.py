from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from leaks.models import Customer, Row


class SeedDataTests(TestCase):
    def seed(self, **counts):
        call_command('seed_data', stdout=StringIO(), **counts)

    def test_creates_the_requested_rows_with_ids_from_one(self):
        self.seed(customers=30, rows=40)
        self.assertEqual(Customer.objects.count(), 30)
        self.assertEqual(Row.objects.count(), 40)
        self.assertEqual(sorted(Customer.objects.values_list('id', flat=True)), list(range(1, 31)))
        self.assertEqual(Customer.objects.get(id=7).email, 'customer-7@example.test')
        self.assertEqual(len(Row.objects.get(id=3).payload), 200)

    def test_is_idempotent_and_grows_to_a_larger_count(self):
        self.seed(customers=20, rows=20)
        self.seed(customers=20, rows=20)
        self.assertEqual(Customer.objects.count(), 20)
        self.seed(customers=25, rows=10)
        self.assertEqual(Customer.objects.count(), 25)
        self.assertEqual(Row.objects.count(), 20)  # a smaller count deletes nothing

    def test_defaults(self):
        self.seed()
        self.assertEqual(Customer.objects.count(), 2000)
        self.assertEqual(Row.objects.count(), 5000)

    def test_plain_inserts_still_work_after_seeding(self):
        self.seed(customers=5, rows=0)
        self.assertEqual(Customer.objects.create(name='n', email='n@example.test').id, 6)
