"""The serving loop reaches the worker threads that serve the application,
through asgiref's copying of the caller's context (a public promise of
sync_to_async), and nothing else."""

import asyncio
import os
import threading

from asgiref.sync import sync_to_async

from core import event_loop
from core.event_loop import remember_serving_loop, serving_from_this_loop, serving_loop


async def test_a_worker_thread_serving_the_application_sees_its_loop():
    seen = []

    async def application(scope, receive, send):
        seen.append(await sync_to_async(serving_loop)())
        seen.append(await sync_to_async(serving_loop, thread_sensitive=False)())

    await remember_serving_loop(application)({"type": "http"}, None, None)
    assert seen == [asyncio.get_running_loop()] * 2


async def test_outside_the_application_there_is_no_serving_loop():
    assert await sync_to_async(serving_loop)() is None
    with serving_from_this_loop():
        assert await sync_to_async(serving_loop)() is asyncio.get_running_loop()
    assert await sync_to_async(serving_loop)() is None


def test_a_thread_of_its_own_does_not_inherit_it():
    """A plain thread (a command's, the SQLite checkpointer's) starts with an
    empty context."""
    seen = []

    async def main():
        with serving_from_this_loop():
            thread = threading.Thread(target=lambda: seen.append(serving_loop()))
            thread.start()
            thread.join()

    asyncio.run(main())
    assert seen == [None]


def test_a_loop_that_stopped_or_belongs_to_another_process_is_not_used():
    loop = asyncio.new_event_loop()
    try:
        token = event_loop._serving.set((loop, os.getpid()))
        assert serving_loop() is None  # Not running.
        event_loop._serving.reset(token)

        async def parent_loop():
            token = event_loop._serving.set((asyncio.get_running_loop(), os.getpid() + 1))
            try:
                return serving_loop()
            finally:
                event_loop._serving.reset(token)

        assert loop.run_until_complete(parent_loop()) is None
    finally:
        loop.close()
