"""Checks that the private guide keeps nothing: row counts of every table,
the cache's contents, and every log line of every logger. Shared by the view
tests and the browser tests."""

import contextlib
import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches

from core.upstream.django import local_memory_cache_entries

__all__ = ["EveryLogLine", "cache_snapshot", "every_log_line", "row_counts"]


def row_counts() -> dict[str, int]:
    """The number of rows of every table Django knows."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def cache_snapshot() -> dict:
    """Every key in the cache, with its stored value (as stored: pickled)."""
    entries = local_memory_cache_entries(caches[DEFAULT_CACHE_ALIAS])
    if entries is not None:
        return entries
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        pattern = f"{settings.CACHES['default']['KEY_PREFIX']}:*"
        return {key: client.dump(key) for key in client.scan_iter(match=pattern)}
    finally:
        client.close()


class EveryLogLine(logging.Handler):
    """Collects every record of every logger, whatever its level or propagation."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name}: {text}")


@contextlib.contextmanager
def every_log_line():
    """All loggers at DEBUG, each handing its records to one collector (the
    ones that do not propagate, like django.request, too)."""
    handler = EveryLogLine()
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    levels = {logger: logger.level for logger in loggers}
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
            logger.setLevel(levels[logger])
