"""The office window: the report list (lazy, searched, filtered), its actions, delete with confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox

from bulk_data import make_incidents
from desktop.nibrs.rules import validate
from nibrs_samples import allfields_incident, group_b_sample, simple_incident
from ui_helpers import child, click, field, fill, type_into


def shown(window) -> list[str]:
    return [window.model.index(r, 0).data() for r in range(window.model.rowCount())]


def settled(qtbot, window):
    """The filter has run and the list has counted what it found."""
    qtbot.waitUntil(lambda: not window.filters._timer.isActive() and not window.model._count_pending, timeout=5000)


def refilter(qtbot, window, widget, text):
    type_into(qtbot, widget, text)
    settled(qtbot, window)


def test_actions_are_in_menus_and_toolbar_with_shortcuts(window):
    names = {a.objectName(): a for a in window.findChildren(type(window.action_new_incident))}
    for name in ("action_new_incident", "action_new_group_b", "action_open", "action_delete", "action_settings",
                 "action_export", "action_import", "action_feedback"):
        assert name in names
        assert names[name].shortcut().toString(), name
        assert any(name == a.objectName() for m in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
                   for a in m.actions()), name
    assert window.action_new_incident.shortcut() == QKeySequence(QKeySequence.New)
    assert window.toolbar.widgetForAction(window.action_new_incident) is not None
    assert window.toolbar.widgetForAction(window.action_export) is not None
    assert window.action_export.shortcut() == QKeySequence("Ctrl+E")


def test_the_list_shows_status_and_counts(qtbot, store, window):
    store.create(simple_incident("25-000001"))
    bad = simple_incident("25-000002")
    bad.cleared_exceptionally = "A"
    store.create(bad, findings=validate(bad))
    r = store.create(allfields_incident())
    store.set_status("incident", r.id, "submitted")
    store.create(group_b_sample())
    window.action_refresh.trigger()
    rows = {window.model.index(i, 0).data(): [window.model.index(i, c).data() for c in range(8)]
            for i in range(window.model.rowCount())}
    assert rows["25-000002"][4] == "Draft" and rows["25-000002"][5] == "1"
    assert rows["54236732"][4] == "Submitted" and rows["54236732"][3] == "240 Motor Vehicle Theft"
    assert rows["12345"][1] == "Group B arrest" and rows["12345"][3].startswith("90Z")
    assert window.model.index(0, 5).data(Qt.AccessibleTextRole).endswith("errors")
    assert "4 report(s)" in child(window, "record_count").text()


def test_search_and_filters(qtbot, store, window):
    make_incidents(store, 600)
    window.refresh()
    assert window.model.rowCount() == 200 and "200+ report(s)" in child(window, "record_count").text()
    settled(qtbot, window)
    assert "600 report(s)" in child(window, "record_count").text()
    assert window.model.total == 600 and window.model.rowCount() == 200  # one page fetched, more on scrolling
    f = window.filters
    refilter(qtbot, window, f.number, "000123")
    assert shown(window) == [n for n in shown(window) if "000123" in n] and len(shown(window)) == 1
    refilter(qtbot, window, f.number, "")
    refilter(qtbot, window, f.offense, "aggravated")
    assert window.model.total == 60 and all(window.model.index(r, 3).data().startswith("13A")
                                            for r in range(window.model.rowCount()))
    refilter(qtbot, window, f.offense, "")
    status = child(window, "filter_status", QComboBox)
    status.setFocus()
    qtbot.keyClicks(status, "Rejected")
    qtbot.waitUntil(lambda: window.model.filter.status == "rejected", timeout=3000)
    settled(qtbot, window)
    assert window.model.total == 100
    assert {window.model.index(r, 4).data() for r in range(window.model.rowCount())} == {"Rejected"}
    qtbot.keyClick(status, Qt.Key_Home)  # back to "Any status"
    qtbot.waitUntil(lambda: window.model.filter.status is None, timeout=3000)
    settled(qtbot, window)
    assert window.model.total == 600
    click(qtbot, f.errors)
    qtbot.waitUntil(lambda: window.model.filter.has_errors, timeout=3000)
    settled(qtbot, window)
    assert 0 < window.model.total < 600
    assert all(int(window.model.index(r, 5).data()) > 0 for r in range(window.model.rowCount()))
    click(qtbot, f.errors)
    refilter(qtbot, window, f.date_from, "01/01/2025")
    refilter(qtbot, window, f.date_to, "01/31/2025")
    dates = [window.model.index(r, 2).data() for r in range(window.model.rowCount())]
    assert dates and all(d.startswith("01/") and d.endswith("/2025") for d in dates)
    refilter(qtbot, window, f.date_to, "31/01/2025")
    assert "not a real calendar date" in child(window, "filter_problem").text()


def test_the_list_fetches_more_rows_as_it_scrolls(qtbot, store, window):
    make_incidents(store, 450)
    window.refresh()
    assert window.model.rowCount() == 200
    window.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.table, Qt.Key_End, Qt.ControlModifier)
        qtbot.wait(10)
    assert window.model.rowCount() == 450


def test_delete_asks_first(qtbot, store, window, monkeypatch):
    store.create(simple_incident("25-000001"))
    store.create(simple_incident("25-000002"))
    window.refresh()
    table = window.table
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(window.model.index(0, 0)).center())
    assert window.selected().number == "25-000002"
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.No))
    window.action_delete.trigger()
    assert asked and "Delete incident 25-000002?" in asked[0]
    assert store.count() == 2
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    window.action_delete.trigger()
    assert store.count() == 1 and shown(window) == ["25-000001"]


def test_enter_a_group_b_arrest(qtbot, store, window):
    click(qtbot, window.toolbar.widgetForAction(window.action_new_group_b))
    wizard = window.wizards[-1]
    page = wizard.currentPage()
    assert page.spec.id == "arrest" and field(page, "de_1").text() == "WVNDX0100"
    assert field(page, "de_40").text() == "1"
    fill(qtbot, page, {"de_41": "12345", "de_42": "02/28/2016", "de_43": "on-view", "de_45": "all other",
                       "de_46": "handgun", "de_47": "30", "de_48": "M", "de_49": "white", "de_50": "N",
                       "de_51": "resident"})
    assert field(page, "de_45").text() == "90Z" and field(page, "de_46").text() == "12"
    assert not field(page, "de_52").isVisible()  # disposition only for an arrestee under 18
    type_into(qtbot, field(page, "de_47"), "16")
    assert field(page, "de_52").isVisible()
    type_into(qtbot, field(page, "de_47"), "30")
    click(qtbot, child(wizard, "wizard_next"))
    assert wizard.currentPage().spec.id == "review"
    click(qtbot, child(wizard, "wizard_finish"))
    assert store.find("group_b", "WVNDX0100", "12345", 1).report == group_b_sample()
    assert "12345" in shown(window)


def test_open_an_incident_from_the_list_by_keyboard(qtbot, store, window):
    record = store.create(simple_incident("25-000009"))
    window.refresh()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Down)
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key_Return)
    wizard = window.wizards[-1]
    assert wizard.editor.record_id == record.id
    assert field(wizard.currentPage(), "de_2").text() == "25-000009"


def test_the_app_shows_its_window_before_opening_the_database(qtbot, data_dir, monkeypatch):
    from desktop.ui.app import start_window

    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", "unattended passphrase")  # no passphrase dialog
    window = start_window(data_dir)
    qtbot.addWidget(window)
    assert window.store is None and "Opening the database" in window.agency_label.text()
    assert not window.action_new_incident.isEnabled()
    # the database opens after the first paint; a first start then asks for the administrator's account
    qtbot.waitUntil(lambda: window.session.dialog is not None, timeout=10000)
    dialog = window.session.dialog
    assert dialog.objectName() == "first_admin_dialog" and window.session.store is not None
    assert window.store is None and not window.action_new_incident.isEnabled()  # nobody signed in yet
    for name, text in (("admin_username", "admin"), ("admin_password", "admin-pass-1"),
                       ("admin_password_again", "admin-pass-1")):
        qtbot.keyClicks(dialog.findChild(QLineEdit, name), text)
    qtbot.keyClick(dialog.findChild(QLineEdit, "admin_password_again"), Qt.Key_Return)
    qtbot.waitUntil(lambda: window.store is not None, timeout=10000)
    assert window.action_new_incident.isEnabled()
    assert window.session.dialog.objectName() == "agency_dialog"  # first start: the agency set-up
    window.session.dialog.reject()
    window.close()


def test_a_database_that_cannot_be_opened_is_named(qtbot, data_dir, monkeypatch):
    from desktop.ui.app import start_window

    (data_dir / "nibrs-desk.sqlite3").write_bytes(b"this is not a database " * 200)
    said = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: said.append(a[2])))
    window = start_window(data_dir)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert "nibrs-desk.sqlite3" in said[0] and "nibrs-desk.sqlite3" in window.agency_label.text()
    assert window.store is None and not window.action_new_incident.isEnabled()
