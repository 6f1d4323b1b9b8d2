"""Production settings: refuse to start without secrets; `check --deploy` is clean."""

import pytest

from tests.deploy_check import production_env, run_manage


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without(name):
    env = production_env()
    env.pop(name)
    result = run_manage(["check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"The environment variable {name} is required" in result.stderr


def test_production_refuses_an_empty_value():
    result = run_manage(["check"], production_env(SECRET_KEY="  "))
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_check_deploy_is_clean():
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_production_uses_postgres_and_redis():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.CHANNEL_LAYERS['default']['BACKEND']);"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = run_manage(["shell", "--no-imports", "-c", code], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "django.db.backends.postgresql",
        "django_redis.cache.RedisCache",
        "channels_redis.core.RedisChannelLayer",
        "False True True True",
    ]


def test_embedded_default_needs_no_services():
    env = production_env(DJANGO_SETTINGS_MODULE="config.settings.dev")
    env.pop("DATABASE_URL")
    env.pop("REDIS_URL")
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.CHANNEL_LAYERS['default']['BACKEND'])"
    )
    result = run_manage(["shell", "--no-imports", "-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "core.channel_layers.InMemoryChannelLayer",
    ]


def test_production_requests_do_not_keep_database_connections():
    """Under ASGI each request runs on a thread of its own: a connection kept
    for reuse is never reused and stays open until garbage collection (60
    requests with CONN_MAX_AGE=60 left 12 open). Sockets keep theirs."""
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['CONN_MAX_AGE'], s.SOCKET_DB_CONNECTION_MAX_AGE)"
    )
    result = run_manage(["shell", "--no-imports", "-c", code], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "300"]


def test_the_asgi_worker_freezes_what_it_loaded_out_of_garbage_collection():
    """A full collection stops the event loop and every socket with it; what
    startup loaded lives as long as the process, so it is not walked again."""
    code = "import gc, config.asgi; print(gc.get_freeze_count() > 50_000, gc.get_threshold())"
    result = run_manage(["shell", "--no-imports", "-c", code], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "True (20000, 10, 10)"
    tuned = production_env(GC_YOUNG_THRESHOLD="5000")
    result = run_manage(["shell", "--no-imports", "-c", code], tuned)
    assert result.stdout.split("\n")[0] == "True (5000, 10, 10)"
