"""Fixtures of the submission tests: the office window over the test database (as in tests/ui)."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, store):
    from desktop.app import main_window

    win = main_window(store.db.data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for w in list(win.wizards):
        w.editor.dirty = False
        w.close()
