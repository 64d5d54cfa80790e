"""Paths tests share: the repository, its test data and ../shared (import this, not conftest)."""

from __future__ import annotations

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
