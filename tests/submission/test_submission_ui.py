"""The monthly submission in the office window: the export dialog (summary first, then the file with a progress
bar), import and state feedback from the menu, rejected reports in the list and on the wizard's Review page."""

from __future__ import annotations

from datetime import date

from generate import incident
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QProgressBar, QPushButton

from desktop.nibrs import eds
from desktop.nibrs.findings import Finding
from desktop.submission.months import Month

LAST_MONTH = Month.of(date.today()).previous()


def _child(parent, name, cls):
    found = parent.findChildren(cls, name)
    assert found, f"no {cls.__name__} {name!r}"
    return found[0]


def _type(qtbot, widget: QLineEdit, text: str) -> None:
    qtbot.mouseClick(widget, Qt.LeftButton)
    qtbot.keyClick(widget, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key_Tab)


def _rows(window) -> dict[str, list[str]]:
    model = window.model
    return {model.index(i, 0).data(): [model.index(i, c).data() for c in range(model.columnCount())]
            for i in range(model.rowCount())}


def _open_export(qtbot, window):
    qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "export_dialog", None) is not None and window.export_dialog.isVisible())
    dialog = window.export_dialog
    summary = _child(dialog, "export_summary", QPlainTextEdit)
    qtbot.waitUntil(lambda: "Reports in the file" in summary.toPlainText(), timeout=10000)
    return dialog, summary


def test_the_month_is_summarized_then_written_with_a_progress_bar(qtbot, store, window, tmp_path):
    for n in range(4):
        store.create(incident(n, LAST_MONTH.year, LAST_MONTH.month), status="approved")
    window.refresh()
    dialog, summary = _open_export(qtbot, window)
    assert _child(dialog, "export_month", QLineEdit).text() == str(LAST_MONTH)
    assert "Group A incidents, new" in summary.toPlainText() and "13B Simple assault" in summary.toPlainText()
    write = _child(dialog, "export_write", QPushButton)
    assert write.isEnabled()
    _type(qtbot, _child(dialog, "export_folder", QLineEdit), str(tmp_path / "out"))
    qtbot.mouseClick(write, Qt.LeftButton)
    message = _child(dialog, "export_message", QLabel)
    qtbot.waitUntil(lambda: message.text().startswith("Written:"), timeout=10000)
    assert _child(dialog, "export_progress", QProgressBar).value() == 100
    (written,) = list((tmp_path / "out").iterdir())
    assert written.suffix == ".txt" and str(written) in message.text()
    assert {row[4] for row in _rows(window).values()} == {"Submitted"}
    # again: nothing new, nothing to write
    qtbot.mouseClick(_child(dialog, "export_check", QPushButton), Qt.LeftButton)
    qtbot.waitUntil(lambda: "Nothing new to send" in message.text())
    assert not write.isEnabled()


def test_errors_are_listed_and_stop_the_file_until_allowed(qtbot, store, window, tmp_path):
    store.create(incident(1, LAST_MONTH.year, LAST_MONTH.month), status="approved")
    bad = incident(2, LAST_MONTH.year, LAST_MONTH.month)
    bad.victims[0].sex = None
    store.create(bad, status="approved", findings=[])
    dialog, summary = _open_export(qtbot, window)
    number = bad.incident_number
    assert f"{number}: error" in summary.toPlainText()
    write = _child(dialog, "export_write", QPushButton)
    assert not write.isEnabled()
    assert "have errors" in _child(dialog, "export_message", QLabel).text()
    box = _child(dialog, "export_allow_errors", QCheckBox)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key_E, Qt.AltModifier)  # its mnemonic: Send reports with FBI &errors anyway
    qtbot.waitUntil(box.isChecked)  # a mnemonic clicks the box after a short animation
    qtbot.waitUntil(write.isEnabled, timeout=10000)
    assert "Ready: 2 report(s)" in _child(dialog, "export_message", QLabel).text()


def test_a_rejected_report_shows_the_states_errors_in_the_list_and_on_review(qtbot, store, window, tmp_path):
    from desktop.ui.office.submission_actions import feedback_dialog

    store.create(incident(1, LAST_MONTH.year, LAST_MONTH.month), status="approved")
    dialog, _summary = _open_export(qtbot, window)
    _type(qtbot, _child(dialog, "export_folder", QLineEdit), str(tmp_path / "out"))
    qtbot.mouseClick(_child(dialog, "export_write", QPushButton), Qt.LeftButton)
    qtbot.waitUntil(lambda: _child(dialog, "export_message", QLabel).text().startswith("Written:"), timeout=10000)
    dialog.close()
    number = incident(1, LAST_MONTH.year, LAST_MONTH.month).incident_number
    error = Finding("404", "error", "VICTIM SEX INVALID", element="27", value="F", ori="WVNDX0100", incident=number,
                    segment_level="4", sequence="001", action="I")
    answer = tmp_path / "answer.eds"
    answer.write_text(eds.dumps([error], year=LAST_MONTH.year, month=LAST_MONTH.month, processed_on=date.today()),
                      newline="")
    result = feedback_dialog(window, str(answer))
    assert "REJECTED" in result.text.toPlainText() and number in result.text.toPlainText()
    result.close()
    row = _rows(window)[number]
    assert row[4] == "Rejected" and row[5] == "0 + 1 from the state"
    r = next(i for i in range(window.model.rowCount()) if window.model.index(i, 0).data() == number)
    assert "VICTIM SEX INVALID" in window.model.index(r, 5).data(Qt.ToolTipRole)
    wizard = window.open_record("incident", 1)
    wizard.go_to_page(wizard.page_ids["review"])
    review = wizard.currentPage()
    items = _child(review, "findings", QListWidget)
    texts = [items.item(i).text() for i in range(items.count())]
    state = [t for t in texts if t.startswith("From the state (answer.eds")]
    assert len(state) == 1 and "Error 404: VICTIM SEX INVALID" in state[0] and "Where: Victim 1" in state[0]
    assert "The state rejected the version sent" in _child(review, "review_summary", QLabel).text()
    items.setCurrentRow(texts.index(state[0]))
    qtbot.keyClick(items, Qt.Key_Return)
    assert wizard.currentPage().spec.id == "victims"
    assert wizard.focusWidget() is not None and wizard.focusWidget().objectName() == "de_27"


def test_import_from_the_menu_reports_every_report(qtbot, store, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from desktop.nibrs import flatfile
    from desktop.nibrs import model as m

    path = tmp_path / "month.txt"
    subs = [m.Submission(report=incident(n, LAST_MONTH.year, LAST_MONTH.month), action="I", year=LAST_MONTH.year,
                         month=LAST_MONTH.month) for n in range(3)]
    path.write_text(flatfile.dumps(subs), newline="")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(path)], "")))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][1], True)))
    window.actions["import"].trigger()  # the import runs in a worker; its report follows
    qtbot.waitUntil(lambda: getattr(window, "result_dialog", None) is not None, timeout=10000)
    text = window.result_dialog.text.toPlainText()
    assert text.count("imported Group A incident") == 3 and "3 imported, 0 updated, 0 deleted, 0 skipped" in text
    assert {row[4] for row in _rows(window).values()} == {"Approved"}
