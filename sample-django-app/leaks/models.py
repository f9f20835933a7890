from django.db import models


class Customer(models.Model):
    """The seed's `User` (name/email) for the dict-cache pattern."""

    name = models.CharField(max_length=100)
    email = models.EmailField(unique=True)

    def __str__(self):
        return self.email


class Row(models.Model):
    """The seed's `large_table`, read by the unclosed-cursor and queryset patterns."""

    label = models.CharField(max_length=64)
    number = models.IntegerField()
    payload = models.TextField()

    def __str__(self):
        return self.label
