"""Fixtures shared by every app's tests."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores what migrations created (the Wagtail
    root page, default site, role groups, workflows).

    A transactional test ends by emptying the database. Without a serialized
    rollback the tests after it would run without that data, or fail to load
    it back because content types were re-created with new ids: failures that
    depend on test order. So `transaction=True` always implies
    `serialized_rollback=True` here.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if marker.kwargs.get("serialized_rollback"):
            continue
        kwargs = {**marker.kwargs, "serialized_rollback": True}
        item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
    _deselect_repeats_on_another_database(config, items)


def _deselect_repeats_on_another_database(config, items) -> None:
    """`make test` runs the suite on SQLite, then on PostgreSQL + Redis. Tests
    marked `one_database` check what no database changes (the translation
    catalogues; the benchmark harness's quick runs, which make a database of
    their own), so the second run leaves them out instead of repeating
    identical work. Pages rendered from the database are not such tests: every
    page in every language runs on both."""
    if not os.environ.get("DATABASE_URL"):
        return
    repeats = [item for item in items if item.get_closest_marker("one_database")]
    if repeats:
        config.hook.pytest_deselected(items=repeats)
        items[:] = [item for item in items if not item.get_closest_marker("one_database")]


class _RunsLast:
    """Tests marked `runs_last` go to the end of the run, and so to the end of
    their xdist worker's queue: they leave the test database in a state that
    the tests after them could not start from. Sorted after every other
    reordering (pytest-django's included); the sort is stable."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        items.sort(key=lambda item: item.get_closest_marker("runs_last") is not None)


def pytest_configure(config):
    config.pluginmanager.register(_DemoTestsLast(), "demo-tests-last")
    config.pluginmanager.register(_RunsLast(), "runs-last")


def pytest_sessionfinish(session, exitstatus):
    """Remove this process's uploads folder (config/settings/test.py)."""
    import shutil

    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _clear_cache() -> None:
    """Empty this test process's cache.

    On Redis, `cache.clear()` empties the whole Redis database (FLUSHDB): the
    other pytest-xdist workers' cache and channel layer keys too, and those of
    any other run on the same database. So there only the keys under this
    run's prefix go (config/settings/test.py gives each worker its own).
    """
    if not settings.REDIS_URL:
        cache.clear()
        return
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        pattern = f"{settings.CACHES['default']['KEY_PREFIX']}:*"
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached settings must not leak between tests."""
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. Django's LocaleMiddleware
    activates a request's language in the thread and never deactivates it, so a
    test that opened a /th/ page would otherwise build the next test's page
    addresses (and render its pages) in Thai."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _mail_through_the_outbox(django_test_environment):
    """Django's test set-up swaps EMAIL_BACKEND for its in-memory mailbox; put
    the outbox back, so that every email of every test goes through the outbox
    and reaches the mailbox (`mail.outbox`) only from a background task
    (tests/mail.py: anything else fails the test)."""
    settings.EMAIL_BACKEND = "notifications.outbox.OutboxBackend"
    yield


@pytest.fixture(autouse=True, scope="session")
def _channel_layers_per_event_loop():
    """Each event loop of the test process gets its own Redis channel layer
    (tests/layers_per_loop.py explains why)."""
    from tests.layers_per_loop import installed

    with installed():
        yield


@pytest.fixture(autouse=True, scope="session")
def _quick_database_reset(django_db_setup):
    """Transactional tests empty and refill the database faster
    (tests/database_snapshots.py explains how)."""
    from tests.database_snapshots import installed

    with installed():
        yield


@pytest.fixture(autouse=True, scope="session")
def _services_are_real(django_db_setup, django_db_blocker):
    """Under REQUIRE_SERVICES (make test's second run), prove the suite really
    talks to PostgreSQL and Redis instead of silently falling back."""
    if os.environ.get("REQUIRE_SERVICES") != "1":
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    assert engine == "django.db.backends.postgresql", engine
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"].startswith("channels_redis")
    with django_db_blocker.unblock():
        cache.set("services-check", "ok", 5)
        assert cache.get("services-check") == "ok"


def _load_demo_data() -> None:
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("load_demo_data", "--force", stdout=quiet)


@pytest.fixture(scope="module")
def _demo_site_for_module(django_db_setup, django_db_blocker):
    """The demo site, loaded once for the tests of a module that ask for it
    (loading it is the slowest set-up of the suite), in a transaction that is
    rolled back when they are done. Each test runs inside it in a savepoint,
    as pytest-django's `db` does, so what one test changes is undone before
    the next. `_DemoTestsLast` runs a module's other tests first, so none of
    them sees the demo."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            _load_demo_data()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture
def demo_site(request, _demo_site_for_module, db):
    """The demo pages, settings and accounts, as `make run` shows them
    (shared by the module's tests, each of which runs in a savepoint)."""
    if _is_transactional(request.node):
        pytest.fail(
            "demo_site is for ordinary tests; a transactional test loads the demo "
            "itself, committed (tests/browser/conftest.py, live_site).",
            pytrace=False,
        )
    from content.translations import in_source_language
    from home.models import HomePage

    return in_source_language(HomePage.objects).get()


class _DemoTestsLast:
    """Within each run of consecutive tests from one module, the tests that
    use the demo site go last (stable otherwise), so that the module's shared
    demo (`_demo_site_for_module`) is loaded after its other tests ran.
    Runs after pytest-django's ordering, and only reorders inside a run, so
    transactional tests stay where pytest-django put them."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        ordered, run = [], []

        def flush():
            ordered.extend(item for item in run if not _uses_shared_demo(item))
            ordered.extend(item for item in run if _uses_shared_demo(item))
            run.clear()

        for item in items:
            if run and getattr(item, "module", None) is not getattr(run[-1], "module", None):
                flush()
            run.append(item)
        flush()
        items[:] = ordered


def _uses_shared_demo(item) -> bool:
    return "demo_site" in getattr(item, "fixturenames", ()) and not _is_transactional(item)


@pytest.fixture
def page_cache_off(settings):
    """For tests that measure what making a page costs: every request makes
    the page (core/page_cache.py keeps visitors' pages otherwise)."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def user_factory(db):
    from people.factories import UserFactory

    return UserFactory


@pytest.fixture
def home(db):
    """A home page as the default site's root, without the demo content."""
    from wagtail.models import Page, Site

    from home.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="Home", slug="home-test")
    root.add_child(instance=home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def leader_a(user_factory):
    from people import roles

    return user_factory(email="leader-a@example.org", roles=[roles.SURVIVOR_LEADERS])


@pytest.fixture
def leader_b(user_factory):
    from people import roles

    return user_factory(email="leader-b@example.org", roles=[roles.SURVIVOR_LEADERS])
