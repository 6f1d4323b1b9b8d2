"""`make test`: the suite on the embedded default (SQLite, in-memory layers),
then again on PostgreSQL + Redis.

The second run happens when both services answer. Under CI=true they must
answer, and a browser must be present: nothing that CI is meant to check may
quietly skip.

Both runs are parallel (pytest-xdist): one worker per CPU core, each with its
own test database, cache keys and channel prefix (config/settings/test.py).
`make test ARGS="-n 0"` runs serially (or ARGS="-p no:xdist").

Tests go to the workers one by one in collection order (--dist load), never
file by file: pytest-django puts the transactional tests last, because each
leaves the database empty (its serialized rollback restores the data only as
the next transactional test starts). Sent file by file, a worker would run
another file's ordinary tests after a transactional one, on an empty database.
"""

import os
import socket
import subprocess
import sys
from urllib.parse import urlparse

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
PARALLEL = ["--numprocesses", "auto", "--dist", "load"]


def answers(url: str, default_port: int) -> bool:
    """True if something accepts TCP connections at the URL's host and port."""
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def pytest_args(extra_args: list[str]) -> list[str]:
    """Parallel unless the arguments turn pytest-xdist off; a later `-n 0` wins."""
    if any("no:xdist" in arg for arg in extra_args):
        return extra_args
    return [*PARALLEL, *extra_args]


def run_pytest(label: str, env: dict, extra_args: list[str]) -> int:
    say(f"\n=== {label} ===")
    return subprocess.call([sys.executable, "-m", "pytest", *pytest_args(extra_args)], env=env)


def main(argv: list[str]) -> int:
    in_ci = os.environ.get("CI", "").lower() == "true"
    base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    base_env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if in_ci:
        base_env["REQUIRE_BROWSER"] = "1"

    status = run_pytest("SQLite + in-memory channel layer + local cache", base_env, argv)

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    missing = [
        name
        for name, url, port in (
            ("PostgreSQL", database_url, 5432),
            ("Redis", redis_url, 6379),
        )
        if not answers(url, port)
    ]
    if missing:
        message = f"{' and '.join(missing)} did not answer"
        if in_ci:
            say(f"\nFAILED: {message}; CI must test against both.")
            return 1
        say(f"\nSkipped the PostgreSQL + Redis run: {message}.")
        return status

    service_env = {
        **base_env,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "REQUIRE_SERVICES": "1",
    }
    service_status = run_pytest("PostgreSQL + Redis", service_env, argv)
    return status or service_status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
