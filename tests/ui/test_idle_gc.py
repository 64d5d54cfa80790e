"""Full garbage collections while nobody uses the app, never in the middle of typing (desktop.ui.idle_gc).

The collector is driven through a clock of the test's own (the seconds of idleness it needs are real policy, not
something to wait for) and real key presses; the garbage is real: a reference cycle that has reached the old
generation, which only a full collection frees."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.ui import idle_gc


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector(qtbot):
    clock = Clock()
    before = gc.get_threshold()
    c = idle_gc.IdleCollector(QApplication.instance(), clock=clock)
    yield c, clock
    c.uninstall()
    c.deleteLater()
    assert gc.get_threshold() == before


def old_garbage() -> weakref.ref:
    """A reference cycle moved to the old generation while alive, then dropped: garbage only a full collection
    finds."""
    gc.collect()
    cycle = Cycle()
    gc.collect(1)
    gc.collect(1)  # survived two middle-generation collections: it is in the oldest now
    ref = weakref.ref(cycle)
    del cycle
    gc.collect(1)
    assert ref() is not None, "a young collection must not reach it"
    return ref


def focused_field(qtbot) -> QLineEdit:
    """A text field in a window of its own that has the focus: the window the collector watches."""
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is field.window().windowHandle())
    return field


def young_collections(n: int) -> None:
    for _ in range(n):
        gc.collect(1)  # what a busy app's allocations make happen by themselves


def test_the_app_makes_no_automatic_full_collection_while_it_runs(collector):
    c, _clock = collector
    assert gc.get_threshold()[2] == idle_gc.NEVER
    assert idle_gc.install(QApplication.instance()) is c  # one per application


def test_old_garbage_waits_while_keys_are_typed_and_goes_once_the_person_pauses(qtbot, collector):
    c, clock = collector
    field = focused_field(qtbot)
    clock.now += c.MIN_GAP_S  # a while since the last full collection
    ref = old_garbage()
    young_collections(c.DUE)
    for n in range(40):  # typing: a key every 0.2 s, the collector looking every tick
        qtbot.keyClick(field.window().windowHandle(), "abcdefgh"[n % 8])  # as the window system sends it
        clock.now += 0.2
        c.tick()
        assert ref() is not None and c.collections == 0, f"collected at key {n}, in the middle of typing"
    assert field.text().startswith("abcdefgh")
    clock.now += c.IDLE_S  # the person stops
    c.tick()
    assert ref() is None and c.collections == 1
    assert gc.get_count()[2] == 0


def test_someone_who_never_pauses_gets_a_collection_at_a_short_pause_once_overdue(qtbot, collector):
    c, clock = collector
    field = focused_field(qtbot)
    ref = old_garbage()
    young_collections(c.DUE)
    typed = 0
    while clock.now - c.last_full < c.OVERDUE_S + 60:  # six minutes of keys, never half a second apart
        qtbot.keyClick(field.window().windowHandle(), Qt.Key_A)
        typed += 1
        clock.now += 0.4
        c.tick()
        assert ref() is not None and c.collections == 0, f"collected at key {typed}, in the middle of typing"
    assert typed > 800 and len(field.text()) == typed
    clock.now += c.SHORT_IDLE_S  # the first short pause after five minutes
    c.tick()
    assert ref() is None and c.collections == 1


def test_no_full_collection_while_a_task_holds_collection_or_when_little_has_grown(collector):
    c, clock = collector
    clock.now += c.MIN_GAP_S + c.IDLE_S
    ref = old_garbage()
    assert gc.get_count()[2] < c.DUE  # the old generation has hardly grown: nothing due
    c.tick()
    assert c.collections == 0
    young_collections(c.DUE)
    gc.disable()  # as desktop.ui.worker's guard while a task runs
    try:
        c.tick()
        assert ref() is not None and c.collections == 0
    finally:
        gc.enable()
    c.tick()  # the task over
    assert ref() is None and c.collections == 1
    clock.now += c.IDLE_S
    young_collections(c.DUE)
    c.tick()  # idle, grown, but one was made moments ago
    assert c.collections == 1


def test_the_collector_runs_on_its_own_timer(qtbot, collector):
    c, clock = collector
    clock.now += c.MIN_GAP_S + c.IDLE_S
    ref = old_garbage()
    young_collections(c.DUE)
    qtbot.waitUntil(lambda: c.collections == 1, timeout=5000)
    assert ref() is None


APP = """
import gc, os, sys
from desktop.ui.app import ensure_app, run_app
from desktop.ui.qt import QTimer

app = ensure_app()


def look():
    from desktop.ui.idle_gc import NEVER, IdleCollector

    found = app.findChild(IdleCollector, "idle_collector")
    print("collector", found is not None, "automatic full collections", gc.get_threshold()[2] != NEVER, flush=True)
    os._exit(0)


QTimer.singleShot(500, look)
run_app(sys.argv[1])
"""


def test_the_app_runs_with_the_collector(tmp_path):
    """The real start (``run_app``, as ``nibrs-desk`` runs it) in a process of its own."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root), NIBRS_DESK_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", APP, str(tmp_path / "data")], env=env, capture_output=True,
                          text=True, timeout=120)
    assert "collector True automatic full collections False" in done.stdout, done.stdout + done.stderr[-2000:]
