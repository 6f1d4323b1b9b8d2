"""Run the benchmarks and write docs/benchmarks.md.

python -m tests.bench                      # full run, under 10 minutes on 2 cores
python -m tests.bench --quick              # seconds: checks the harness works
python -m tests.bench --only sanitiser,pages
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.bench.report import machine_facts, utcnow

SECTIONS = {
    "sanitiser": "tests.bench.sanitiser",
    "permissions": "tests.bench.permissions",
    "pages": "tests.bench.pages",
    "fanout": "tests.bench.fanout",
    "idle": "tests.bench.idle",
    "outbox": "tests.bench.outbox",
    "weight": "tests.bench.weight",
}

DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"


@dataclass
class Context:
    """What every section gets: the run's options, a scratch directory, the env for the
    server processes it starts."""

    quick: bool
    tmpdir: Path
    env: dict[str, str]
    servers: list[str]
    redis_url: str
    run_id: str = field(default_factory=lambda: os.urandom(4).hex())


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check the harness")
    parser.add_argument("--only", default="", help=f"comma-separated: {', '.join(SECTIONS)}")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--servers", default="uvicorn,daphne,granian", help="ASGI servers to compare"
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()] or list(SECTIONS)
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    return args


class _PostgresDatabase:
    """A dedicated database on the server of BENCH_DATABASE_URL, dropped afterwards."""

    def __init__(self, url: str, run_id: str) -> None:
        self.admin_url = url
        self.name = f"bench_{run_id}"
        parts = urlsplit(url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)

    def create(self) -> None:
        self._execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@contextlib.contextmanager
def bench_environment(tmpdir: Path, run_id: str) -> Iterator[tuple[dict[str, str], str]]:
    """Point this process (and the servers it starts) at a database of its own.

    SQLite in ``tmpdir`` by default, or a dedicated database on the PostgreSQL server of
    ``BENCH_DATABASE_URL``, dropped afterwards. Yields the environment for subprocesses
    and a description of the database; Django is set up and migrated on entry.
    """
    postgres = None
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "PYTHONUNBUFFERED": "1",
        "BENCH_STATIC_ROOT": str(tmpdir / "static"),
        "BENCH_MEDIA_ROOT": str(tmpdir / "media"),
    }
    if os.environ.get("BENCH_DATABASE_URL"):
        postgres = _PostgresDatabase(os.environ["BENCH_DATABASE_URL"], run_id)
        postgres.create()
        env["BENCH_DATABASE_URL"] = postgres.url
        database = f"PostgreSQL (dedicated database {postgres.name}, dropped afterwards)"
    else:
        env["BENCH_SQLITE_PATH"] = str(tmpdir / "bench.sqlite3")
        database = "SQLite file in a temporary directory"
    for name in ("DATABASE_URL", "REDIS_URL", "BENCH_REDIS_URL"):
        os.environ.pop(name, None)
    os.environ.update(env)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        # As production serves them (minified, hashed, Brotli): the servers read this folder.
        call_command("collectstatic", verbosity=0, interactive=False)
        yield {**os.environ}, database
    finally:
        if postgres is not None:
            from django.db import connections

            connections.close_all()
            postgres.drop()


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        ctx = Context(
            quick=args.quick,
            tmpdir=Path(tmp),
            env={},
            servers=[s.strip() for s in args.servers.split(",") if s.strip()],
            redis_url=args.redis_url,
        )
        started, machine = utcnow(), machine_facts()
        with bench_environment(ctx.tmpdir, ctx.run_id) as (env, database):
            ctx.env = env
            return _run(args, ctx, database, started, machine)


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _run(
    args: argparse.Namespace, ctx: Context, database: str, started, machine: dict[str, str]
) -> int:
    from tests.bench.report import Section, render

    sections: list[Section] = []
    failed = False
    for key in args.sections:
        _say(f"[bench] {key} …")
        began = time.monotonic()
        try:
            section = import_module(SECTIONS[key]).run(ctx)
        except Exception:  # noqa: BLE001 - one broken section must not hide the others
            failed = True
            section = Section(
                key=key,
                title=f"{key} (failed)",
                method="This section raised an error:",
                notes=["```\n" + traceback.format_exc() + "```"],
            )
        section.seconds = time.monotonic() - began
        _say(f"[bench] {key} done in {section.seconds:.0f} s")
        sections.append(section)
    options = " ".join(sys.argv[1:])
    text = render(
        sections,
        machine=machine,
        started=started,
        finished=utcnow(),
        options=options,
        database=database,
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    _say(f"[bench] wrote {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
