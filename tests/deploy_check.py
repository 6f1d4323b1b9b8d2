"""`python -m tests.deploy_check`: run `check --deploy` with production settings
and example values for the required variables (no service is contacted)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXAMPLE_PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "ALLOWED_HOSTS": "platform.example.org",
    "DATABASE_URL": "postgres://platform:secret@127.0.0.1:5432/platform",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def production_env(**overrides: str) -> dict[str, str]:
    # Nothing of the test process may leak in (e.g. the browser tests' async flag).
    leaking = ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")
    env = {k: v for k, v in os.environ.items() if k not in leaking}
    env.update(EXAMPLE_PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(50))
    env.update(overrides)
    return env


def run_manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


if __name__ == "__main__":
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], production_env())
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    sys.exit(result.returncode)
