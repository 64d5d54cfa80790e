"""Test set-up: Qt offscreen, a fresh data folder (and database) per test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")
# The CLI refuses to create a new database without a passphrase unless told --no-encryption (issue 19); the
# suite's commands (in this process and in the children, which inherit it) say so explicitly with the
# scripted form of that option. The tests of the refusal remove it (tests/security/test_encryption_choice.py).
os.environ["NIBRS_DESK_NO_ENCRYPTION"] = "1"

import pytest  # noqa: E402

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from qtleaks import top_level_widgets, windows_left_behind  # noqa: E402
from testpaths import DATA, PG_URL_ENV, REPO, SHARED, pg_database, shared_path  # noqa: E402,F401


@pytest.fixture(autouse=True)
def _quick_password_hashing(monkeypatch):
    """Argon2id with small parameters inside the test process (the CLI children use the real ones)."""
    from argon2 import PasswordHasher

    from desktop.store import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(autouse=True)
def _no_window_left_behind():
    """A test that leaves a top-level widget behind fails (as napari's suite checks): every window a test opens
    is closed and deleted by it, or handed to ``qtbot.addWidget`` (which closes and deletes it afterwards), so
    one test's windows never answer another test's events or keys."""
    before = top_level_widgets()
    yield  # pytest-qt closes the widgets given to qtbot before this goes on (in its teardown hook)
    left = windows_left_behind(before)
    names = [f"{type(w).__name__} {w.objectName()!r}{' (visible)' if w.isVisible() else ''}" for w in left]
    for w in left:  # the next test starts clean either way
        w.close()
        w.deleteLater()
    top_level_widgets()
    assert not left, "top-level widgets left behind: " + ", ".join(names)


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """An empty data folder; also set as NIBRS_DESK_DATA_DIR so nothing touches the real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("NIBRS_DESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def store(data_dir):
    from desktop.store.service import AgencySettings, Store

    st = Store.open(data_dir)
    st.save_agency(AgencySettings(ori="WVNDX0100", name="Test County Sheriff's Office"))
    yield st
    st.close()




@pytest.fixture(params=["sqlite", "postgresql"])
def backend_store(request, data_dir):
    """A store on SQLite, and the same on a fresh PostgreSQL database when NIBRS_DESK_TEST_PG_URL is set."""
    from desktop.store.db import open_database
    from desktop.store.service import AgencySettings, Store

    if request.param == "sqlite":
        st = Store(open_database(data_dir))
        st.save_agency(AgencySettings(ori="WVNDX0100", name="Test County Sheriff's Office"))
        yield st
        st.close()
        return
    with pg_database() as url:
        st = Store(open_database(url=url))
        st.save_agency(AgencySettings(ori="WVNDX0100", name="Test County Sheriff's Office"))
        try:
            yield st
        finally:
            st.close()
