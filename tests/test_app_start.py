"""`nibrs-desk` with no arguments opens the main window; first start asks for the agency."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop.store.service import Store


def test_main_window_opens_on_an_empty_database(qtbot, data_dir):
    from desktop.ui.app import main_window

    window = main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.objectName() == "main_window"
    assert window.model.rowCount() == 0
    assert (data_dir / "nibrs-desk.sqlite3").exists()


def test_first_start_agency_setup_by_keyboard(qtbot, data_dir):
    from desktop.ui.admin.agency_dialog import AgencyDialog

    store = Store.open(data_dir)
    dialog = AgencyDialog(store, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.ori.setFocus()
    qtbot.keyClicks(dialog.ori, "mo0950000")
    qtbot.keyClick(dialog.ori, Qt.Key_Tab)
    assert dialog.focusWidget() is dialog.name  # Tab moves on in reading order
    qtbot.keyClicks(dialog.name, "Example County Sheriff")
    dialog.start.setFocus()
    qtbot.keyClicks(dialog.start, "2021-01-01")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    agency = store.agency()
    assert agency.ori == "MO0950000" and agency.name == "Example County Sheriff"
    assert agency.nibrs_start_date == date(2021, 1, 1)
    store.close()


def test_bad_ori_is_refused_with_words(qtbot, data_dir):
    from desktop.ui.admin.agency_dialog import AgencyDialog

    store = Store.open(data_dir)
    dialog = AgencyDialog(store, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ori, "MO09")
    qtbot.keyClicks(dialog.name, "X")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert dialog.isVisible()
    assert "ORI" in dialog.error.text() and "9 characters" in dialog.error.text()
    assert store.agency() is None
    store.close()
