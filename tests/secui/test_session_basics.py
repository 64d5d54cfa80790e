"""Session plumbing: the window still shows before the storage layer loads; action permissions are real ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_window_is_built_without_loading_the_storage_layer():
    code = ("import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from desktop.ui.office.main_window import MainWindow\n"
            "window = MainWindow()\n"
            "loaded = [m for m in ('sqlalchemy', 'argon2', 'desktop.store.service') if m in sys.modules]\n"
            "print(','.join(loaded))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""  # the start-up benchmark's promise: window first, database next


def test_every_action_names_a_permission_the_store_knows():
    from desktop.store import users
    from desktop.ui.qt import ACTIONS

    known = set(users.PERMISSIONS[users.ADMINISTRATOR])
    named = {a.permission for a in ACTIONS if a.permission}
    assert named and named <= known, named - known


def test_every_action_runs_something_the_window_has(qtbot):
    from desktop.ui.office.main_window import MainWindow
    from desktop.ui.qt import ACTIONS

    window = MainWindow()
    qtbot.addWidget(window)
    for spec in ACTIONS:
        assert callable(window.action_handler(spec)), spec.name
    names = [spec.name for spec in ACTIONS]
    assert len(names) == len(set(names))
