"""Paths tests share: the repository, its test data and ../shared (import this, not conftest)."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
DATA = TESTS / "data"
PG_URL_ENV = "NIBRS_DESK_TEST_PG_URL"


def shared_path(*parts: str) -> Path:
    """A file in ../shared; tests that need one skip, saying so, when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (the ../shared reference folder is not beside this checkout)")
    return path


@contextmanager
def pg_database():
    """A fresh PostgreSQL database on the server NIBRS_DESK_TEST_PG_URL names (.ci/run starts one), dropped
    afterwards; yields its URL. Tests that need one skip, saying so, without the variable."""
    base = os.environ.get(PG_URL_ENV)
    if not base:
        pytest.skip(f"PostgreSQL storage tests need {PG_URL_ENV} (.ci/run starts a server and sets it)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"nibrs_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
