"""Python's full garbage collections while nobody is using the app, never in the middle of typing (issue 13).

A full collection walks every object the process keeps. Over what a month's export check keeps for the next check
(~420,000 objects) it holds the interpreter for 260-280 ms, and CPython starts one by itself whenever enough young
collections have passed and the old generation has grown by a quarter: in the window's thread, at whatever moment
that happens to be - a keystroke in the wizard, a click in the list. ``IdleCollector`` turns those automatic full
collections off (the third number of ``gc.set_threshold``; young collections stay automatic, they take a
millisecond or two) and makes them itself, in the window's thread, when they are due and nobody has pressed a key,
clicked or scrolled for ``IDLE_S`` seconds. Someone who works without a pause gets one after ``OVERDUE_S`` at the
next short pause, so cyclic garbage never waits for long. While a background task runs, the task's guard
(``desktop.ui.worker``) holds collection, and a full one waits for its end.

Only the app installs it (``desktop.ui.app.run_app``): it owns the process. It watches the window that has the
focus (an event filter on that window, which sees input before the widgets do, and few other events).
"""

from __future__ import annotations

import gc
import time
from typing import Callable

from desktop.ui.qt import QApplication, QEvent, QObject, QTimer

NEVER = 2 ** 31 - 1  # young collections between full ones: no automatic full collection
_INPUT = frozenset({QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseButtonDblClick, QEvent.Wheel,
                    QEvent.TouchBegin, QEvent.InputMethod})


class IdleCollector(QObject):
    IDLE_S = 2.0  # no input for this long: idle
    SHORT_IDLE_S = 0.5  # ...or this long, once a collection is overdue
    MIN_GAP_S = 30.0  # at most one full collection in this long
    OVERDUE_S = 300.0
    DUE = 10  # middle-generation collections since the last full one (CPython's own default threshold)
    TICK_MS = 500

    def __init__(self, app: QApplication, clock: Callable[[], float] = time.monotonic):
        super().__init__(app)
        self.setObjectName("idle_collector")
        self.clock = clock
        self.last_input = self.last_full = clock()
        self.collections = 0
        self._thresholds = gc.get_threshold()
        gc.set_threshold(self._thresholds[0], self._thresholds[1], NEVER)
        # Input reaches a window before its widgets: watching the window that has the focus sees every key, click
        # and scroll, and little else (an application-wide filter would see every paint and timer event too).
        app.focusWindowChanged.connect(self._watch)
        self._watch(app.focusWindow())
        self.timer = QTimer(self)
        self.timer.setInterval(self.TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _watch(self, window) -> None:
        if window is not None:
            window.installEventFilter(self)  # once per window: installing again only moves it first

    def eventFilter(self, _watched, event) -> bool:
        if event.type() in _INPUT:
            self.last_input = self.clock()
        return False

    def due(self) -> bool:
        """Whether a full collection should be made now."""
        if not gc.isenabled():  # a task runs: its guard collects the young generations, the full one waits
            return False
        if gc.get_count()[2] < self.DUE:  # the old generation has hardly grown since the last one
            return False
        now = self.clock()
        idle, since = now - self.last_input, now - self.last_full
        return (idle >= self.IDLE_S and since >= self.MIN_GAP_S) or \
            (idle >= self.SHORT_IDLE_S and since >= self.OVERDUE_S)

    def tick(self) -> None:
        if self.due():
            gc.collect()
            self.last_full = self.clock()
            self.collections += 1

    def uninstall(self) -> None:
        """Automatic full collections back as they were (tests)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.focusWindowChanged.disconnect(self._watch)
            for window in app.topLevelWindows():
                window.removeEventFilter(self)
        gc.set_threshold(*self._thresholds)


def install(app: QApplication) -> IdleCollector:
    """The app's collector (one per application)."""
    found = app.findChild(IdleCollector, "idle_collector")
    return found if found is not None else IdleCollector(app)
