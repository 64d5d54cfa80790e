"""Windows on a real screen size: a child process run on one of the screens of tests/ui (Qt's offscreen platform
told its size, and a scaling), and the check that a window fits the screen it is on.

The scaling and the screen are fixed when a QApplication starts, so each size is a process of its own: the test
runs ``run_on_screen`` and the child script prints one JSON object as its last line; the child checks each
window with ``too_large``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCREENS = Path(__file__).resolve().parent / "ui"  # screen-768p.json, screen-1080p.json, ...


def run_on_screen(script: Path, *args: object, screen: str, scale: str | None = None,
                  timeout: int = 120) -> dict:
    """Run ``script`` with ``args`` on ``screen`` (a file of tests/ui) at ``scale`` (QT_SCALE_FACTOR); the JSON
    object it printed last. Fails the test with the child's error output when it did not end well."""
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={SCREENS / screen}"}
    if scale is not None:
        env["QT_SCALE_FACTOR"] = scale
    out = subprocess.run([sys.executable, str(script), *map(str, args)], capture_output=True, text=True, env=env,
                         timeout=timeout)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def too_large(window, name: str) -> list[str]:
    """The window, or the smallest its layout lets it be, wider or taller than its screen leaves it (the screen's
    room less a title bar, ``desktop.ui.qt.TITLE_BAR``): in words, one problem each."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.qt import TITLE_BAR, screen_room

    QApplication.processEvents()
    room = screen_room(window)
    width, height = room.width(), room.height() - TITLE_BAR
    problems = []
    frame = window.frameGeometry()
    if frame.width() > width or frame.height() > height:
        problems.append(f"{name} is {frame.width()}x{frame.height()}: the screen leaves {width}x{height}")
    least = window.minimumSize().expandedTo(window.minimumSizeHint())
    if least.width() > width or least.height() > height:
        problems.append(f"{name} cannot be made smaller than {least.width()}x{least.height()}: the screen leaves "
                        f"{width}x{height}")
    return problems
