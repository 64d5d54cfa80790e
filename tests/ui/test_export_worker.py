"""The month's export off the GUI thread: the check in a worker that reads and checks again only what changed,
blocked reports as a list that opens a report at its first error, and a Cancel that leaves nothing written."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "submission"))
from generate import incident  # noqa: E402

from desktop.submission.months import Month  # noqa: E402

LAST_MONTH = Month.of(date.today()).previous()


def month_of(store, n: int, status: str = "approved") -> list[int]:
    return [store.create(incident(i, LAST_MONTH.year, LAST_MONTH.month), status=status, findings=[]).id
            for i in range(n)]


def open_export(qtbot, window):
    window.actions["export"].trigger()
    dialog = window.export_dialog
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.running and dialog.plan is not None,
                    timeout=30000)
    return dialog


def test_the_check_runs_in_a_worker_and_again_checks_only_what_changed(qtbot, store, window):
    ids = month_of(store, 60)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.export_dialog.busy if hasattr(window, "export_dialog")
                                               else False))
    timer.start(1)
    dialog = open_export(qtbot, window)
    timer.stop()
    assert any(ticks), "the window's timers ran while the check was working"
    cache = window.check_cache
    assert (cache.loads, cache.checks) == (60, 60) and len(dialog.plan.sent) == 60
    assert "Ready: 60 report(s)" in dialog.message.text()
    dialog.check()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.plan is not None, timeout=30000)
    assert (cache.loads, cache.checks) == (60, 60)  # nothing changed: nothing read or checked again
    changed = store.get("incident", ids[7])
    report = changed.report
    report.victims[0].age = "44"
    store.update("incident", ids[7], report)
    store.set_status("incident", ids[7], "ready")
    store.set_status("incident", ids[7], "approved")
    dialog.close()
    dialog = open_export(qtbot, window)  # the window keeps the cache for the next time
    assert (cache.loads, cache.checks) == (61, 61)  # only the changed report
    assert len(dialog.plan.sent) == 60
    dialog.close()


def test_blocked_reports_are_a_list_and_enter_opens_one_at_its_first_error(qtbot, store, window):
    month_of(store, 3)
    bad = incident(9, LAST_MONTH.year, LAST_MONTH.month)
    bad.victims[0].sex = None
    bad_id = store.create(bad, status="approved", findings=[]).id
    dialog = open_export(qtbot, window)
    blocked = dialog.blocked
    assert dialog.blocked_box.isVisible() and blocked.count() == 1
    assert blocked.item(0).text().startswith(f"{bad.incident_number}: error ")
    assert not dialog.write_button.isEnabled()
    blocked.setFocus()
    blocked.setCurrentRow(0)
    qtbot.keyClick(blocked, Qt.Key_Return)
    wizard = window.wizards[-1]
    assert wizard.editor.record_id == bad_id
    assert wizard.currentPage().spec.id == "victims"
    assert wizard.focusWidget() is not None and wizard.focusWidget().objectName() == "de_27"
    dialog.close()


@pytest.mark.parametrize("stage", ["Writing", "Recording"])
def test_cancel_while_writing_leaves_no_file_and_no_record(qtbot, store, window, tmp_path, monkeypatch, stage):
    from desktop.store import submissions
    from desktop.ui.office import export_dialog

    ids = month_of(store, 120)
    dialog = open_export(qtbot, window)
    dialog.folder.setText(str(tmp_path / "out"))
    real = export_dialog._stage

    def pressed_cancel_at(step):  # Cancel pressed as the work reaches the stage
        inner = real(step)

        def progress(name, done, total):
            if export_dialog.tr(name.capitalize()) == stage and not dialog.task.stopping:
                dialog.task.cancel()  # this runs in the worker: only the task's flag, no widget
            inner(name, done, total)
        return progress

    monkeypatch.setattr(export_dialog, "_stage", pressed_cancel_at)
    task = dialog.write()
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert task.was_cancelled
    assert "Stopped: nothing was written and nothing recorded." in dialog.message.text()
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []  # no file, no .part
    assert submissions.exports(store) == []
    assert {store.get("incident", i).status for i in ids} == {"approved"}
    assert dialog.write_button.isEnabled()  # it can be written after all
    monkeypatch.undo()
    task = dialog.write()
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert dialog.message.text().startswith("Written:") and len(list(out.iterdir())) == 1
    dialog.close()


def test_closing_the_dialog_while_it_checks_stops_the_check(qtbot, store, window):
    month_of(store, 200)
    window.actions["export"].trigger()
    dialog = window.export_dialog
    qtbot.waitUntil(lambda: dialog.busy, timeout=10000)
    task = dialog.task
    dialog.close()
    assert not task.running or task.stopping
    qtbot.waitUntil(lambda: not task.running, timeout=30000)


def test_a_changed_month_cannot_write_the_plan_of_the_month_before(qtbot, store, window):
    month_of(store, 5)
    dialog = open_export(qtbot, window)
    assert dialog.write_button.isEnabled()
    dialog.month.setFocus()
    qtbot.keyClick(dialog.month, Qt.Key_Backspace)  # typing another month: the plan shown is no longer it
    assert not dialog.write_button.isEnabled() and dialog.plan is None
    qtbot.keyClicks(dialog.month, str(LAST_MONTH)[-1])
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=30000)
    assert dialog.write_button.isEnabled()
    dialog.close()
