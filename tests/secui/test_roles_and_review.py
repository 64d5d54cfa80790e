"""What each role sees, Approve and Return with a comment through the UI, the audit viewer and its check."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QPushButton

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from secui_helpers import PASSPHRASE, PASSWORDS, line, office, sign_in, start, unlock_and_sign_in, visible_actions
from desktop.store.service import APPROVED, DRAFT, READY
from nibrs_samples import simple_incident

ADMIN_ONLY = {"action_users", "action_backups", "action_security", "action_settings"}
REVIEWERS = {"action_approve", "action_return", "action_audit", "action_conflicts", "action_transfer_in"}


def ready_reports(data_dir, *numbers: str) -> dict[str, int]:
    """Reports a deputy entered and marked ready for review: number -> record id."""
    from desktop.ui.app import open_store

    store = open_store(data_dir, passphrase=PASSPHRASE)
    store.login("dep", PASSWORDS["dep"])
    ids = {}
    for number in numbers:
        record = store.create(simple_incident(number))
        store.set_status("incident", record.id, READY)
        ids[number] = record.id
    store.close()
    return ids


def select(qtbot, window, number: str) -> None:
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == number)
    table = window.table
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(model.index(row, 0)).center())
    assert window.selected().number == number


def review_page(qtbot, window, number: str):
    select(qtbot, window, number)
    qtbot.keyClick(window.table, Qt.Key_Return)  # open it
    wizard = window.wizards[-1]
    wizard.go_to_page(wizard.page_ids["review"])
    return wizard, wizard.currentPage()


def test_a_deputy_sees_no_reviewer_or_administrator_actions(qtbot, data_dir, said):
    office(data_dir)
    ids = ready_reports(data_dir, "25-000001")
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    assert "Dee Deputy (dep), Deputy" in window.session.user_label.text()
    shown = visible_actions(window)
    assert not (ADMIN_ONLY | REVIEWERS) & shown, (ADMIN_ONLY | REVIEWERS) & shown
    assert {"action_new_incident", "action_transfer_out", "action_own_password", "action_sign_out",
            "action_lock"} <= shown
    assert not window.menus["review"].menuAction().isVisible()  # nothing in it for a deputy
    wizard, page = review_page(qtbot, window, "25-000001")
    approve = page.findChild(QPushButton, "approve_report")
    assert approve is not None and not approve.isVisible()
    assert page.findChild(QPushButton, "mark_ready").isVisible()
    wizard.editor.dirty = False
    wizard.close()

    # the store refuses whatever slips through, and the window says so in words
    from desktop.ui.admin import tools

    assert window.session.open_tool("backups", tools.backups) is None
    assert window.session.open_tool("audit", tools.audit) is None
    select(qtbot, window, "25-000001")
    assert not window.session.approve_selected()
    assert "Not allowed: dep (Deputy) may not make backups." in said[0]
    assert "Not allowed: dep (Deputy) may not view the audit trail." in said[1]
    assert "may not review and approve reports" in said[2]
    assert window.store.get("incident", ids["25-000001"]).status == READY
    window.close()


def test_a_supervisor_approves_and_returns_with_a_comment_and_the_deputy_reads_it(qtbot, data_dir):
    office(data_dir)
    ids = ready_reports(data_dir, "25-000001", "25-000002")
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "sarge")
    shown = visible_actions(window)
    assert REVIEWERS <= shown and not ADMIN_ONLY & shown

    # Approve in the office window
    select(qtbot, window, "25-000001")
    assert window.actions["approve"].isEnabled() and window.actions["return"].isEnabled()
    window.actions["approve"].trigger()
    assert window.store.get("incident", ids["25-000001"]).status == APPROVED
    assert window.model.index(window.model.row_of("incident", ids["25-000001"]), 4).data() == "Approved"
    assert not window.actions["approve"].isEnabled()  # approved already

    # Return with a comment from the wizard's Review page
    wizard, page = review_page(qtbot, window, "25-000002")
    send_back = page.findChild(QPushButton, "return_report")
    assert send_back.isVisible() and page.findChild(QPushButton, "approve_report").isEnabled()
    qtbot.mouseClick(send_back, Qt.LeftButton)
    dialog = page.review_actions.dialog
    comment = dialog.findChild(QPlainTextEdit, "return_comment")
    assert dialog.focusWidget() is comment
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.isVisible() and "Say what needs changing" in dialog.error.text()
    qtbot.keyClicks(comment, "The victim's age does not match the statement.")
    qtbot.keyClick(comment, Qt.Key_Tab)
    assert dialog.focusWidget() is dialog.ok_button
    qtbot.keyClick(dialog.ok_button, Qt.Key_Space)
    assert not dialog.isVisible()
    stored = window.store.get("incident", ids["25-000002"])
    assert stored.status == DRAFT and stored.review_note == "The victim's age does not match the statement."
    assert "Returned to its author" in page.review_actions.message.text()
    wizard.close()
    qtbot.waitUntil(lambda: not window.wizards)

    # The deputy signs in and reads the comment on the Review page
    window.actions["sign_out"].trigger()
    assert window.session.stack.currentWidget() is window.session.signed_out_page
    assert not window.toolbar.isVisible()
    sign_in(qtbot, window, "dep")
    wizard, page = review_page(qtbot, window, "25-000002")
    assert page.review_actions.note.isVisible()
    assert "The victim's age does not match the statement." in page.review_actions.note.text()
    wizard.editor.dirty = False
    wizard.close()
    window.close()


def test_the_audit_viewer_lists_the_login_and_the_approval_and_verify_finds_tampering(qtbot, data_dir):
    office(data_dir)
    ids = ready_reports(data_dir, "25-000001")
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "sarge")
    select(qtbot, window, "25-000001")
    window.actions["approve"].trigger()
    window.actions["audit"].trigger()
    viewer = window.session.tools["audit"]
    table = viewer.findChild(type(viewer.table), "audit_table")

    def rows():
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]

    first = rows()
    assert first[0][2:4] == ["sarge", "Approved"] and "25-000001" in first[0][4]  # newest first
    assert "from ready to approved" in first[0][5]
    assert ["sarge", "Signed in"] in [r[2:4] for r in first]
    seqs = [int(r[0]) for r in first]
    assert seqs == sorted(seqs, reverse=True)

    action = viewer.findChild(QComboBox, "audit_action")
    action.setCurrentIndex(action.findData("login"))
    qtbot.waitUntil(lambda: rows() and all(r[3] == "Signed in" for r in rows()))
    assert {r[2] for r in rows()} == {"dep", "sarge"}
    action.setCurrentIndex(0)
    record = line(viewer, "audit_record")
    qtbot.keyClicks(record, "25-000001")
    qtbot.waitUntil(lambda: rows() and all("25-000001" in r[4] or r[4].endswith(f"#{ids['25-000001']}")
                                           for r in rows()))
    assert [r[3] for r in rows()] == ["Approved", "Status changed", "Report created"]
    qtbot.keyClicks(line(viewer, "audit_from"), "13/45/2025")
    qtbot.waitUntil(lambda: viewer.filter_problem.isVisible())
    assert viewer.filter_problem.text() == "'13/45/2025' is not a real calendar date"

    qtbot.mouseClick(viewer.verify_button, Qt.LeftButton)
    assert "intact" in viewer.result.text()

    from desktop.store import crypto

    con = crypto.connect(data_dir / "nibrs-desk.sqlite3", PASSPHRASE)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET username = 'nobody' WHERE seq = 2")
    con.commit()
    con.close()
    qtbot.mouseClick(viewer.verify_button, Qt.LeftButton)
    assert "tampered" in viewer.result.text() and "entry 2" in viewer.result.text()
    window.close()


def test_someone_elses_report_opens_for_reading_and_says_so(qtbot, data_dir):
    from desktop.ui.app import open_store

    office(data_dir)
    store = open_store(data_dir, passphrase=PASSPHRASE)
    store.login("sarge", PASSWORDS["sarge"])
    record_id = store.create(simple_incident("25-000050")).id
    store.close()
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    wizard = window.open_record("incident", record_id)
    note = wizard.currentPage().findChild(type(wizard.currentPage().help_line), "read_only_note")
    assert note is not None and "Read only: this report is sarge's" in note.text() and "Ask sarge" in note.text()
    for page in ("offenses", "victims", "review"):
        wizard.go_to_page(wizard.page_ids[page])  # looking is not a change: nothing is refused
    assert wizard.editor.last_error == "" and not wizard.editor.dirty
    assert not wizard.currentPage().findChild(QPushButton, "mark_ready").isEnabled()
    wizard.close()
    assert not window.wizards
    window.close()
