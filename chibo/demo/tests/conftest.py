"""Seed a profile once per test module (seeding takes seconds), inside a transaction rolled back afterwards.

Rolling back rather than flushing keeps the rows that data migrations put in the test database,
which other apps' tests rely on. Each test's own transaction nests inside this one (a savepoint).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def seeded(django_db_blocker, *args: str) -> Iterator[str]:
    """Run seed_demo for the module's tests; yield what it printed; undo it all at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            out = StringIO()
            # The tests' fast hasher (see the root conftest), so that the demo passwords check in the tests.
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                call_command("seed_demo", *args, "--no-progress", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            ContentType.objects.clear_cache()
