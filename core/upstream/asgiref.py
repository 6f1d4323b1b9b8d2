"""asgiref internals the project relies on. Checked against asgiref 3.13.0.

`SyncToAsync.single_thread_executor` is the one thread on which asgiref runs
thread-sensitive work that no request's ThreadSensitiveContext claims: every
socket's database work (core.socket_database), with the database connection
Django keeps for that thread. It is a class attribute without a leading
underscore, but undocumented; core/tests/test_upstream_asgiref.py pins it.
"""

from __future__ import annotations

from asgiref.sync import SyncToAsync

__all__ = ["run_on_shared_sync_thread"]


def run_on_shared_sync_thread(func, timeout: float = 10):
    """Run `func()` on asgiref's shared thread for thread-sensitive work and
    return its result (tests use it to close that thread's connections)."""
    return SyncToAsync.single_thread_executor.submit(func).result(timeout=timeout)
