"""The database thread's connection for sockets: kept open, checked, aged."""

import pytest
from django.db import connections
from django.db.backends.signals import connection_created

from core.socket_database import on_database_thread
from people.models import User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def connects():
    """How many connections the code under test opens."""
    opened = []

    def count(sender, connection, **kwargs):
        opened.append(connection)

    connection_created.connect(count)
    yield opened
    connection_created.disconnect(count)


def _query():
    return User.objects.count()


async def test_calls_share_one_connection_until_it_is_max_age_old(settings, connects):
    settings.SOCKET_DB_CONNECTION_MAX_AGE = 60
    await on_database_thread(connections.close_all)()
    for _ in range(5):
        await on_database_thread(_query)()
    assert len(connects) == 1
    # 0: as the test suite runs, closed after every call.
    settings.SOCKET_DB_CONNECTION_MAX_AGE = 0
    for _ in range(3):
        await on_database_thread(_query)()
    assert len(connects) == 4
    await on_database_thread(connections.close_all)()


async def test_a_connection_left_outside_autocommit_is_closed(settings, connects):
    settings.SOCKET_DB_CONNECTION_MAX_AGE = 60
    await on_database_thread(connections.close_all)()

    def leave_a_transaction_open():
        connections["default"].set_autocommit(False)
        User.objects.count()

    await on_database_thread(leave_a_transaction_open)()
    assert await on_database_thread(lambda: connections["default"].connection is None)()
    await on_database_thread(_query)()
    assert len(connects) == 2
    await on_database_thread(connections.close_all)()
