"""The office window: the report list (lazy, searched, filtered), its actions, delete with confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
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


MENUS = [  # (title, the actions in order, "-" a separator)
    ("&File", ["action_new_incident", "action_new_group_b", "action_open", "-", "action_print", "action_save_pdf", "-",
               "action_delete", "-", "action_settings", "-", "action_lock", "action_sign_out", "-", "action_quit"]),
    ("&View", ["action_find", "action_refresh", "-", "action_select_all", "action_sort"]),
    ("&Monthly submission", ["action_export", "-", "action_import", "action_feedback", "action_check_file", "-",
                             "action_export_selected", "-", "action_quality", "action_packet"]),
    ("&Review", ["action_approve", "action_return"]),
    ("&Tools", ["action_users", "action_own_password", "action_audit", "action_backups", "action_security", "-",
                "action_transfer_out", "action_transfer_in", "action_conflicts", "action_pairing"]),
    ("&Help", ["action_help_field", "action_how_to", "action_search_help", "-", "action_about"]),
]
TOOLBAR = ["action_new_incident", "action_new_group_b", "action_open", "action_delete", "-", "action_settings", "-",
           "action_export", "-", "action_approve", "action_return"]
ACTIONS = {  # name: (text, shortcut, the permission it needs, tool tip, has an icon)
    "action_new_incident": ("&New incident...", "Ctrl+N", "create", "Enter a new Group A incident (Ctrl+N)", True),
    "action_new_group_b": ("New &Group B arrest...", "Ctrl+Shift+N", "create",
                           "Enter an arrest for a Group B offense (Ctrl+Shift+N)", True),
    "action_open": ("&Open", "Ctrl+O", None, "Open the selected report (Enter)", True),
    "action_print": ("&Print...", "Ctrl+P", None, "Print the selected reports, each on pages of its own (Ctrl+P)",
                     False),
    "action_save_pdf": ("Save as P&DF...", "", None,
                        "Save the selected reports as one PDF file, each on pages of its own", False),
    "action_delete": ("&Delete...", "Del", "delete_own_draft", "Delete the selected report (asks first)", True),
    "action_settings": ("Agency &settings...", "Ctrl+,", "settings", "ORI, name, state profile...", True),
    "action_refresh": ("&Refresh", "F5", None, "Refresh", True),
    "action_find": ("&Find...", "Ctrl+F", None, "Search by number (Ctrl+F); Down or Enter then goes to the list",
                    False),
    "action_select_all": ("Select &all listed", "Ctrl+A", None, "Select every report the filters list, for "
                          "approving, returning, printing or exporting them together (Ctrl+A)", False),
    "action_sort": ("&Sort by the current column", "Ctrl+Shift+S", None,
                    "Sort the list by the column of the current cell; again: the other way round (Ctrl+Shift+S)",
                    False),
    "action_check_file": ("&Check a NIBRS file...", "", None,
                          "Check a flat file or XML documents against the FBI edits, without importing them", False),
    "action_export_selected": ("E&xport the selected reports...", "", "export",
                               "Write the selected reports to a NIBRS file (a copy: not a submission)", False),
    "action_quality": ("Data &quality...", "Ctrl+Shift+Q", None,
                       "Error rates by month from the feedback loaded, the FBI's certification terms, the common "
                       "errors and the trends, in tables and charts (Ctrl+Shift+Q)", False),
    "action_packet": ("Certification &packet...", "", "export",
                      "Write what a state program asks a new agency for: the months' files, a zero report test, the "
                      "error rates and the corrections", False),
    "action_help_field": ("&Help on this field", "F1", None, "What the field with the cursor means: its words, the "
                          "FBI's definition, its codes and the edits that check it (F1)", False),
    "action_how_to": ("How &to...", "", None, "Step-by-step pages for the office's tasks", False),
    "action_search_help": ("&Search the help...", "Shift+F1", None,
                           "Find the help pages that mention a word (Shift+F1)", False),
    "action_quit": ("&Quit", QKeySequence.Quit, None, "Quit", False),  # the platform's own keys
    "action_about": ("&About NIBRS Desk", "", None, "About NIBRS Desk", False),
    "action_export": ("&Export the month's file...", "Ctrl+E", "export",
                      "Write the month's submission file for the state, after its summary (Ctrl+E)", True),
    "action_import": ("&Import NIBRS files...", "Ctrl+I", "import",
                      "Import NIBRS flat files or XML documents (Ctrl+I)", True),
    "action_feedback": ("Load state &feedback...", "Ctrl+Shift+F", "feedback",
                        "Load the errors the state or the FBI returned (Ctrl+Shift+F)", True),
    "action_approve": ("&Approve", "Ctrl+Return", "review",
                       "Approve the selected reports that are ready for review and free of errors (Ctrl+Enter)", True),
    "action_return": ("Re&turn for changes...", "Ctrl+Shift+R", "review",
                      "Send the selected reports back to their authors with a comment (Ctrl+Shift+R)", True),
    "action_users": ("&Users...", "", "manage_users",
                     "Add people, change their role, deactivate them, reset a password", False),
    "action_own_password": ("Change my &password...", "", None, "Change my password", False),
    "action_audit": ("&Audit trail...", "", "audit_view", "Who did what and when; check that nothing was altered",
                     False),
    "action_backups": ("&Backups...", "", "backup", "Back up now, or restore a backup", False),
    "action_security": ("&Security settings...", "", "settings",
                        "Idle lock time, who may see restricted fields, the keyring", False),
    "action_transfer_out": ("Transfer: &write a file for another computer...", "", "transfer",
                            "Write this computer's reports to an encrypted transfer file", False),
    "action_transfer_in": ("Transfer: &read a file from another computer...", "", "import",
                           "Merge the reports of a transfer file into this computer's database", False),
    "action_conflicts": ("Transfer &conflicts...", "", "resolve_conflicts",
                         "Reports changed on both computers: choose which version to keep", False),
    "action_pairing": ("Transfer: paired co&mputers...", "", "transfer",
                       "This computer's pairing code; the computers paired with this office (administrators pair "
                       "them)", False),
    "action_lock": ("&Lock now", "Ctrl+L", None, "Lock the window now; your password unlocks it", False),
    "action_sign_out": ("Sign o&ut", "", None, "End your session; the next person signs in", False),
}


def _names(actions) -> list[str]:
    return ["-" if a.isSeparator() else a.objectName() for a in actions]


def test_the_menus_toolbar_and_actions_are_the_declared_ones(qtbot):
    from desktop.ui.office.main_window import MainWindow

    window = MainWindow()  # before the database is open
    qtbot.addWidget(window)
    assert [(m.text(), _names(m.menu().actions())) for m in window.menuBar().actions()] == MENUS
    assert _names(window.toolbar.actions()) == TOOLBAR
    actions = {a.objectName(): a for a in window.findChildren(QAction) if a.objectName().startswith("action_")}
    assert set(actions) == set(ACTIONS)
    for name, (text, keys, permission, tip, icon) in ACTIONS.items():
        a = actions[name]
        keys = QKeySequence(keys).toString() if isinstance(keys, QKeySequence.StandardKey) else keys
        assert (a.text(), a.shortcut().toString(), a.property("permission"), a.toolTip(), not a.icon().isNull()) \
            == (text, keys, permission, tip, icon), name
    usable = {n for n, a in actions.items() if a.isEnabled()}
    assert usable == {"action_quit", "action_about", "action_help_field", "action_how_to",
                      "action_search_help"}  # nothing else before the database is open (help always)
    assert {n for n, a in actions.items() if not a.isVisible()} == {"action_own_password", "action_lock",
                                                                     "action_sign_out"}  # only with accounts


def test_the_actions_follow_the_database_and_the_selection(qtbot, store, window):
    store.create(simple_incident("25-000001"))
    actions = {a.objectName(): a for a in window.findChildren(QAction) if a.objectName().startswith("action_")}
    selection = {"action_open", "action_print", "action_save_pdf", "action_delete", "action_export_selected"}
    review = {"action_approve", "action_return"}
    accounts = {"action_own_password", "action_lock", "action_sign_out"}  # no accounts in this database
    assert {n for n, a in actions.items() if a.isEnabled()} == set(ACTIONS) - selection - review - accounts
    actions["action_refresh"].trigger()
    window.table.selectRow(0)
    assert {n for n, a in actions.items() if a.isEnabled()} == set(ACTIONS) - review - accounts
    assert {n for n, a in actions.items() if not a.isVisible()} == accounts


def test_the_list_shows_status_and_counts(qtbot, store, window):
    store.create(simple_incident("25-000001"))
    bad = simple_incident("25-000002")
    bad.cleared_exceptionally = "A"
    store.create(bad, findings=validate(bad))
    r = store.create(allfields_incident())
    store.set_status("incident", r.id, "submitted")
    store.create(group_b_sample())
    window.findChild(QAction, "action_refresh").trigger()
    rows = {window.model.index(i, 0).data(): [window.model.index(i, c).data() for c in range(8)]
            for i in range(window.model.rowCount())}
    assert rows["25-000002"][4] == "Draft" and rows["25-000002"][5] == "1"
    assert rows["54236732"][4] == "Submitted" and rows["54236732"][3] == "240 Motor Vehicle Theft"
    assert rows["12345"][1] == "Group B arrest" and rows["12345"][3].startswith("90Z")
    assert window.model.index(0, 5).data(Qt.AccessibleTextRole).endswith("errors")
    assert "4 report(s)" in child(window, "record_count").text()


def test_the_list_answers_each_role_it_paints_and_no_other(qtbot, store, window):
    """The model compares roles as plain numbers (a paint asks every cell for ~7 roles; PySide6's Qt.XRole costs
    ~7 us a read): each role it answers is still answered, as the enum or as a number, and others are None."""
    bad = simple_incident("25-000002")
    bad.cleared_exceptionally = "A"
    store.create(bad, findings=validate(bad))
    window.findChild(QAction, "action_refresh").trigger()
    m = window.model
    errors, offense = m.index(0, m.ERRORS), m.index(0, m.OFFENSE)
    for role in (Qt.DisplayRole, int(Qt.DisplayRole)):
        assert m.data(errors, role) == "1"
    assert m.data(errors, Qt.AccessibleTextRole) == "1 errors"
    assert m.data(errors, Qt.TextAlignmentRole) == int(Qt.AlignRight | Qt.AlignVCenter)
    assert m.data(m.index(0, m.NUMBER), Qt.TextAlignmentRole) is None
    assert m.data(errors, Qt.ForegroundRole) is not None and m.data(m.index(0, m.WARNINGS), Qt.ForegroundRole) is None
    assert m.data(offense, Qt.ToolTipRole)  # the offense's FBI description
    for role in (Qt.DecorationRole, Qt.FontRole, Qt.BackgroundRole, Qt.CheckStateRole, Qt.SizeHintRole, Qt.EditRole):
        assert m.data(errors, role) is None


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
    window.actions["delete"].trigger()
    assert asked and "Delete incident 25-000002?" in asked[0]
    assert store.count() == 2
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    window.actions["delete"].trigger()
    assert store.count() == 1 and shown(window) == ["25-000001"]


def test_enter_a_group_b_arrest(qtbot, store, window):
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_group_b"]))
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
    assert not window.actions["new_incident"].isEnabled()
    # the database opens after the first paint; a first start then asks for the administrator's account
    qtbot.waitUntil(lambda: window.session.dialog is not None, timeout=10000)
    dialog = window.session.dialog
    assert dialog.objectName() == "first_admin_dialog" and window.session.store is not None
    assert window.store is None and not window.actions["new_incident"].isEnabled()  # nobody signed in yet
    for name, text in (("admin_username", "admin"), ("admin_password", "admin-pass-1"),
                       ("admin_password_again", "admin-pass-1")):
        qtbot.keyClicks(dialog.findChild(QLineEdit, name), text)
    qtbot.keyClick(dialog.findChild(QLineEdit, "admin_password_again"), Qt.Key_Return)
    qtbot.waitUntil(lambda: window.store is not None, timeout=10000)
    assert window.actions["new_incident"].isEnabled()
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
    assert window.store is None and not window.actions["new_incident"].isEnabled()
