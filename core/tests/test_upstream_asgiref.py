"""Fails loudly when asgiref's internals that core.upstream.asgiref uses
disappear or change shape (checked against asgiref 3.13.0)."""

import threading
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import SyncToAsync, sync_to_async

from core.upstream.asgiref import run_on_shared_sync_thread


def test_the_shared_thread_executor_is_still_there_and_has_one_thread():
    executor = SyncToAsync.single_thread_executor
    assert isinstance(executor, ThreadPoolExecutor)
    assert executor._max_workers == 1


async def test_thread_sensitive_work_outside_a_request_runs_on_that_thread():
    """What sockets run there (sync_to_async, thread-sensitive, without a
    ThreadSensitiveContext) is what run_on_shared_sync_thread reaches."""
    socket_thread = await sync_to_async(threading.get_ident, thread_sensitive=True)()
    assert run_on_shared_sync_thread(threading.get_ident) == socket_thread
    assert socket_thread != threading.get_ident()
