"""Long work in a worker from the Monthly submission menu and the Tools: checking a file, an import stopped
halfway, a backup stopped; the window's own thread stays free, and a stop leaves nothing half written."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "submission"))
from generate import incident  # noqa: E402

from desktop.submission.months import Month  # noqa: E402

LAST_MONTH = Month.of(date.today()).previous()


def flat_file(path: Path, n: int, *, bad: int | None = None) -> Path:
    from desktop.nibrs import flatfile
    from desktop.nibrs import model as m

    reports = [incident(i, LAST_MONTH.year, LAST_MONTH.month) for i in range(n)]
    if bad is not None:
        reports[bad].victims[0].sex = None
    path.write_text(flatfile.dumps([m.Submission(report=r, action="I", year=LAST_MONTH.year, month=LAST_MONTH.month)
                                    for r in reports]), newline="")
    return path


def test_check_a_nibrs_file_in_a_worker(qtbot, store, window, tmp_path, monkeypatch):
    path = flat_file(tmp_path / "month.txt", 30, bad=4)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(path)], "")))
    window.actions["check_file"].trigger()
    task = window.work_task
    qtbot.waitUntil(lambda: not task.running and getattr(window, "result_dialog", None) is not None, timeout=30000)
    text = window.result_dialog.text.toPlainText()
    assert text.startswith("30 report(s) checked: 1 error(s)")
    assert f"{incident(4, LAST_MONTH.year, LAST_MONTH.month).incident_number} error 453" in text
    assert store.count() == 0  # checked, not imported
    window.result_dialog.close()


def test_an_import_stopped_keeps_nothing_of_the_file_being_read(qtbot, store, window, tmp_path, monkeypatch):
    from desktop.ui.office.submission_actions import import_dialog

    path = flat_file(tmp_path / "big.txt", 120)
    task = import_dialog(window, [str(path)], "ready")
    task.cancel()  # at once: the worker stops at its first step, inside the file's transaction
    qtbot.waitUntil(lambda: not task.running, timeout=60000)
    assert task.was_cancelled
    assert store.count() == 0  # the file is one transaction: nothing of it was kept
    assert "Stopped" in window.result_dialog.text.toPlainText()
    window.result_dialog.close()
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    task = import_dialog(window, [str(path)])  # the same file again, to the end
    qtbot.waitUntil(lambda: not task.running, timeout=60000)
    assert store.count() == 120 and "120 imported" in window.result_dialog.text.toPlainText()
    window.result_dialog.close()


def test_a_backup_stopped_leaves_no_backup(qtbot, store, window):
    from desktop.ui.admin import tools

    folder = store.db.data_dir / "backups"

    def backups() -> list[str]:
        return sorted(p.name for p in folder.glob("*")) if folder.exists() else []

    dialog = window.session.open_tool("backups", tools.backups)
    before = backups()
    task = dialog.backup_now()
    task.cancel()
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert task.was_cancelled and "no backup was kept" in dialog.message.text()
    assert backups() == before  # no copy, no .part
    task = dialog.backup_now()
    assert not dialog.backup_button.isEnabled()  # one at a time
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert "Backed up to" in dialog.message.text() and len([n for n in backups() if "manual" in n]) == 1
    assert not [n for n in backups() if n.endswith(".part")]
    dialog.close()


def test_garbage_holding_qt_objects_is_collected_in_the_window_thread_not_the_workers(qtbot):
    """A collection runs in whichever thread allocates. A closed widget in a reference cycle, collected by a
    worker's allocations, was destroyed off the GUI thread and corrupted Qt (a segfault later, in a QScreen
    look-up). While a task runs, only the GUI thread collects."""
    import gc
    import threading
    import weakref

    from PySide6.QtWidgets import QLabel

    from desktop.ui.worker import Task

    where: list[str] = []
    gc.collect()  # an empty young generation: the labels' cycles are not collected before the work starts
    for _ in range(20):
        label = QLabel("closed")  # owned by Python, held only by a cycle once dropped
        label.me = label
        weakref.finalize(label, lambda: where.append(threading.current_thread().name))
    del label

    def work(step):
        junk = []
        for n in range(300_000):  # young collections galore, were they allowed in this thread
            a: dict = {}
            a["a"] = a
            if n % 1000 == 0:
                junk.append(a)
        return len(junk)

    task = Task(work).start()
    assert task.wait(60_000)
    qtbot.waitUntil(lambda: not task.running and gc.isenabled(), timeout=10_000)  # automatic collection is back
    assert len(where) == 20 and set(where) == {threading.main_thread().name}, where  # and the cycles are gone


def test_a_widget_alive_during_a_task_is_collected_once_dropped_later(qtbot):
    """Nothing live is frozen when a task ends: a window open meanwhile and closed afterwards is collected."""
    import gc
    import weakref

    from PySide6.QtWidgets import QLabel

    from desktop.ui.worker import Task

    label = QLabel("open during the work")
    label.me = label  # a cycle: only the collector frees it
    gone = weakref.finalize(label, lambda: None)
    task = Task(lambda step: sum(range(1000))).start()
    qtbot.waitUntil(lambda: not task.running and gc.isenabled(), timeout=10_000)
    del label
    gc.collect()
    assert not gone.alive


def test_a_task_deleted_while_its_work_reports_is_never_touched_by_the_worker(qtbot):
    """A dialog closed while its check runs deletes the task with it; the worker, still reporting, used to emit the
    task's signals from its own thread and could meet the task half deleted (Qt's memory corrupted; a segfault later
    in a QScreen look-up, twice in the full suite). The worker now only writes to a plain channel: the work runs on
    to its end, and what it held (here a label only the work keeps) is let go in the window's thread."""
    import gc
    import threading
    import weakref

    import shiboken6
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QLabel

    from desktop.ui import worker
    from desktop.ui.worker import Task

    where: list[str] = []
    finished: list[int] = []
    go = threading.Event()
    label = QLabel("held by the work alone")  # owned by Python: freeing it deletes the widget, in that thread
    weakref.finalize(label, lambda: where.append(threading.current_thread().name))
    held = [label]
    del label

    def work(step, held):
        n = 0
        while not go.is_set():  # reporting all the while the window deletes the task
            step("checking", n, 0)
            n += 1
        for i in range(1000):
            step("writing", i, 1000)
        finished.append(len(held))

    dialog = QObject()
    task = Task(work, held, parent=dialog).start()
    del held
    qtbot.wait(3 * Task.POLL_MS)  # the task has shown some steps
    shiboken6.delete(dialog)  # the dialog closed: its task goes with it, mid-work
    del task
    go.set()
    qtbot.waitUntil(lambda: finished == [1] and not worker._RUNNING and gc.isenabled(), timeout=10_000)
    gc.collect()
    assert where == [threading.main_thread().name]
