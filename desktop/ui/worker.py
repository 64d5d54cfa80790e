"""Long work off the GUI thread: a :class:`Task` runs a function in a worker thread, says how far it got, and stops
when asked.

The function is given ``step(what, done, total)``: it reports progress with it, and ``step`` raises
:class:`Cancelled` once Cancel was pressed. The work is written so that stopping there leaves nothing half written:
each piece is one transaction or one file written under a temporary name (an export, an import, a backup), so a
stop rolls the piece back. Work that cannot stop halfway (a restore) is started without a Cancel button.

The worker never touches a Qt object: ``step`` and the outcome go through a plain channel that a timer of the task
reads in the GUI thread, which emits the task's signals. (A worker that emitted its task's signals itself raced the
window deleting that task - a dialog closed while it checked: "QThread destroyed while thread is still running".)
What the work holds (the function and its arguments) is let go in the GUI thread once the thread
is over, so nothing the window owns is ever freed in a worker.

The function uses the store from the worker thread: the store opens a connection of its own for each unit of
work (SQLite in WAL mode lets the window read while the worker writes).

Python's garbage collector runs only in the GUI thread while work runs (``_GCGuard``). A collection runs in
whichever thread happens to allocate, and garbage may hold Qt widgets (a closed dialog in a reference cycle):
destroyed from the worker thread, they corrupt Qt's state. So automatic collection is off while a task runs, and
a timer in the GUI thread collects the young generations instead. It makes no full collection, then or after:
one over the reports a month's check keeps holds the interpreter lock for 100-300 ms, and the window would stall
for as long. When the last task ends and its thread is gone, automatic collection is back (no worker is left to
run it); in the app, full collections wait for a pause in the person's work (``desktop.ui.idle_gc``). (Nothing
is frozen: a frozen object is never collected, so a window alive at that moment and closed later would stay in
memory for the rest of the day.)

``ProgressPanel`` shows a task in a dialog (bar, words, Cancel).
"""

from __future__ import annotations

import gc
import threading
from typing import Any, Callable

from desktop.ui.qt import (
    QHBoxLayout, QLabel, QObject, QProgressBar, QPushButton, QTimer, QVBoxLayout, QWidget, Signal, tr,
)

Step = Callable[[str, int, int], None]
# Threads still running or not yet reaped -> what their work holds (the function, its arguments, the channel): kept
# here, and let go in the GUI thread once the thread is over (_GCGuard.tick), so the last reference to anything the
# work holds (a closure over a dialog) is never dropped in the worker, whatever became of its task meanwhile.
_RUNNING: dict[threading.Thread, tuple] = {}


class _GCGuard:
    """Automatic garbage collection off while tasks run; the GUI thread collects the young generations; once the
    last task is over (its thread gone), automatic collection is back."""

    TICK_MS = 50  # young generation every tick, the middle one every tenth
    lock = threading.Lock()
    holds = 0  # tasks whose work has not ended
    active = False  # automatic collection turned off by this guard
    was_enabled = True
    ticks = 0
    timer: QTimer | None = None

    @classmethod
    def hold(cls) -> None:
        """A task starts (GUI thread)."""
        with cls.lock:
            if not cls.active:
                cls.was_enabled, cls.active = gc.isenabled(), True
                gc.disable()
            cls.holds += 1
        if cls.timer is None:
            cls.timer = QTimer()
            cls.timer.setInterval(cls.TICK_MS)
            cls.timer.timeout.connect(cls.tick)
        if not cls.timer.isActive():
            cls.timer.start()

    @classmethod
    def release(cls) -> None:
        """A task's work is over (worker thread); the next tick ends the guard when it was the last."""
        with cls.lock:
            cls.holds -= 1

    @classmethod
    def tick(cls) -> None:
        """In the GUI thread: threads that are over let go of their work, then the collection the workers'
        allocations would have made, or the end of the guard."""
        _reap()
        if cls.holds > 0:
            cls.ticks += 1
            gc.collect(1 if cls.ticks % 10 == 0 else 0)
            return
        # Every work has ended: its thread is leaving; wait for that, so none allocates once collection is back.
        # No full collection here: over a big heap (a month's reports kept for the next check) it held the window
        # for 200 ms at the end of every task; automatic collection, back now, runs in this thread alone anyway.
        _reap(wait=True)
        with cls.lock:
            if cls.holds > 0:  # a task started meanwhile: the guard goes on
                return
            if cls.active and cls.was_enabled:
                gc.enable()
            cls.active = False
        if cls.timer is not None:
            cls.timer.stop()


def _reap(wait: bool = False) -> None:
    """Let go (here, in the GUI thread) of what finished threads held; with ``wait``, of every thread, each joined
    (only when all their work has ended)."""
    for thread in list(_RUNNING):
        if wait:
            thread.join()
        if not thread.is_alive():
            del _RUNNING[thread]


class Cancelled(Exception):
    """Cancel was pressed: raised by ``step`` inside the work, so the work stops where it is safe to."""


class _Channel:
    """What a task's worker and the GUI thread share: plain Python, never a Qt object (the window may delete the
    task while its work runs - a dialog closed during its check)."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.done = threading.Event()
        self.progress: tuple[str, int, int] | None = None  # the last step the work reported
        self.outcome: tuple[str, Any] | None = None

    def step(self, what: str, done: int, total: int) -> None:
        """Given to the work: says how far it got; raises Cancelled once Cancel was pressed."""
        if self.stop.is_set():
            raise Cancelled()
        self.progress = (what, done, total)


def _work(channel: _Channel, fn: Callable[..., Any], args: tuple) -> None:
    """The worker thread: the work, its outcome in the channel; nothing of Qt is touched here."""
    try:
        channel.outcome = ("succeeded", fn(channel.step, *args))
    except Cancelled:
        channel.outcome = ("cancelled", None)
    except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which says it in words
        channel.outcome = ("failed", exc)
    finally:
        _GCGuard.release()
        channel.done.set()


class Task(QObject):
    """``fn(step, *args)`` in a worker thread. Signals arrive in the GUI thread: ``progress(what, done, total)``,
    then one of ``succeeded(result)``, ``failed(exception)``, ``cancelled()``, and ``ended()`` after any.

    The worker never touches the task: it reports through a plain channel that a timer of the task reads in the
    GUI thread (at most twenty times a second). A task deleted while its work runs (its dialog closed) just stops
    hearing from it; the work runs to its end (or its next step, when it was cancelled) and nobody is told."""

    POLL_MS = 50

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None, cancellable: bool = True):
        super().__init__(parent)
        self.fn = fn
        self.args = args
        self.cancellable = cancellable
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.running = False
        self._channel = _Channel()
        self._thread: threading.Thread | None = None
        self._shown: tuple[str, int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._poll)

    # ------------------------------------------------------------------ GUI thread
    def start(self) -> "Task":
        self.running = True
        _GCGuard.hold()  # released by the work itself when it ends, even if this task is gone by then
        channel = self._channel
        thread = threading.Thread(target=_work, args=(channel, self.fn, self.args), name="nibrs-desk task",
                                  daemon=True)
        _RUNNING[thread] = (channel, self.fn, self.args)
        self._thread = thread
        thread.start()
        self._timer.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next step (nothing when it cannot be cancelled)."""
        if self.cancellable and self.running:
            self._channel.stop.set()

    @property
    def stopping(self) -> bool:
        return self._channel.stop.is_set()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the work is over (tests, closing the window); the outcome's signals follow from the event
        loop."""
        return self._channel.done.wait(timeout_ms / 1000) if self._thread is not None else True

    def _poll(self) -> None:
        channel = self._channel
        done = channel.done.is_set()  # read first: the progress it reported before ending is shown too
        reported = channel.progress
        if reported is not None and reported != self._shown:
            self._shown = reported
            self.progress.emit(*reported)
        if done:
            self._finish()

    def _finish(self) -> None:
        self._timer.stop()
        self.running = False
        kind, value = self._channel.outcome or ("failed", RuntimeError("the work ended without a result"))
        if kind == "succeeded":
            self.result = value
            self.succeeded.emit(value)
        elif kind == "cancelled":
            self.was_cancelled = True
            self.cancelled.emit()
        else:
            self.error = value
            self.failed.emit(value)
        self.ended.emit()


class ProgressPanel(QWidget):
    """A task's progress in a dialog: what it is doing, a bar, and Cancel (hidden while nothing runs)."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.task: Task | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setObjectName(f"{name}_bar")
        self.bar.setAccessibleName(tr("Progress"))
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        row.addWidget(self.bar, 1)
        self.cancel_button = QPushButton(tr("&Cancel"))
        self.cancel_button.setObjectName(f"{name}_cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.words = QLabel()
        self.words.setObjectName(f"{name}_words")
        self.words.setWordWrap(True)
        layout.addWidget(self.words)

    def run(self, task: Task) -> Task:
        self.task = task
        task.progress.connect(self._progress)
        task.ended.connect(self._ended)
        self.bar.setValue(0)
        self.bar.setRange(0, 0)  # busy until the first step says how much there is
        self.cancel_button.setVisible(task.cancellable)
        self.cancel_button.setEnabled(True)
        return task.start()

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.words.setText(tr("Stopping..."))

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def _progress(self, what: str, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if not (self.task is not None and self.task.stopping):
            self.words.setText(tr("{0}: {1:,} of {2:,}").format(what, done, total) if total else what)

    def _ended(self) -> None:
        self.cancel_button.hide()
        self.bar.setRange(0, 100)
        self.bar.setValue(100 if self.task is not None and self.task.error is None
                          and not self.task.was_cancelled else 0)
        self.words.setText("")


__all__ = ["Cancelled", "ProgressPanel", "Step", "Task"]
