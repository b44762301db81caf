"""Shared fixtures: each store/API test runs on SQLite and on PostgreSQL.

The schema is built by `alembic upgrade head` only. PostgreSQL tests use a database of
their own, created here and dropped at the end; under CI=true a missing server fails.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from timeline.store.db import make_engine
from timeline.store.migrate import upgrade
from timeline.store.models import Base

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "samples" / "fortruss-2017-11-14-russian-mod-us-isis.txt"
PG_ADMIN_URL = os.environ.get(
    "TIMELINE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _admin_engine() -> Engine:
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _postgres_or_skip() -> Engine:
    admin = _admin_engine()
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.orig}"
        if IN_CI:
            pytest.fail(f"{message} (required under CI=true)", pytrace=False)
        pytest.skip(message)
    return admin


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test run."""
    admin = _postgres_or_skip()
    name = f"timeline_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'timeline.db'}"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue(f"{request.param}_url")
    upgrade(url)
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a migrated database, emptied after each test."""
    engine = make_engine(database_url)
    yield engine
    empty_database(engine)
    engine.dispose()


def empty_database(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def sample_text() -> str:
    if not SAMPLE.exists():
        if IN_CI:
            pytest.fail(f"{SAMPLE} is missing (../shared must sit beside the checkout)")
        pytest.skip(f"{SAMPLE} is not here")
    return SAMPLE.read_text(encoding="utf-8")
