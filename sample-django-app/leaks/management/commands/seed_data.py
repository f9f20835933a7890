"""Create the rows the DB-backed patterns read. Idempotent: run it as often as you like.

Rows get fixed primary keys 1..N, so `?id=K` means the same row on every machine.
"""
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction

from leaks.models import Customer, Row

BATCH = 1000
PAYLOAD_LENGTH = 200


def customer(i):
    return Customer(id=i, name=f'Customer {i}', email=f'customer-{i}@example.test')


def row(i):
    return Row(id=i, label=f'row-{i}', number=i, payload=(f'payload-{i}-' * 40)[:PAYLOAD_LENGTH])


def create_missing(model, make, count):
    existing = set(model.objects.filter(id__lte=count).values_list('id', flat=True))
    missing = [i for i in range(1, count + 1) if i not in existing]
    for start in range(0, len(missing), BATCH):
        model.objects.bulk_create([make(i) for i in missing[start:start + BATCH]])
    return len(missing)


class Command(BaseCommand):
    help = 'Seed leaks.Customer (dict-cache) and leaks.Row (unclosed-cursor, queryset); idempotent.'

    def add_arguments(self, parser):
        parser.add_argument('--customers', type=int, default=2000, help='customers with ids 1..N (default 2000)')
        parser.add_argument('--rows', type=int, default=5000, help='rows with ids 1..N (default 5000)')

    def handle(self, *args, customers, rows, **options):
        if customers < 0 or rows < 0:
            self.stderr.write('counts must be >= 0')
            raise SystemExit(2)
        with transaction.atomic():
            made_customers = create_missing(Customer, customer, customers)
            made_rows = create_missing(Row, row, rows)
            # Explicit ids do not move PostgreSQL's sequences; later plain inserts would collide.
            for sql in connection.ops.sequence_reset_sql(no_style(), [Customer, Row]):
                with connection.cursor() as cursor:
                    cursor.execute(sql)
        self.stdout.write(
            f'customers: {made_customers} created, {Customer.objects.count()} in total; '
            f'rows: {made_rows} created, {Row.objects.count()} in total'
        )
