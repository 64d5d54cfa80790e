"""Read only means read only: a deputy opening their approved report can change nothing (every field tried),
is told why and what they can do, and adds a supplement - a new revision that goes through review."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from secui_helpers import PASSPHRASE, PASSWORDS, office, start, unlock_and_sign_in
from nibrs_samples import allfields_incident

from desktop.ui.wizard.fields import ElementField


def approved_report_of_the_deputy(data_dir) -> int:
    """The deputy's report, sent for review and approved by the supervisor."""
    from desktop.ui.app import open_store

    office(data_dir)
    store = open_store(data_dir, passphrase=PASSPHRASE)
    store.login("dep", PASSWORDS["dep"])
    report = allfields_incident()
    record = store.create(report, findings=[])
    store.set_status("incident", record.id, "ready")
    store.logout()
    store.login("sarge", PASSWORDS["sarge"])
    store.set_status("incident", record.id, "approved")
    store.close()
    return record.id


def test_a_deputy_cannot_change_any_value_of_their_approved_report(qtbot, data_dir, said):
    record_id = approved_report_of_the_deputy(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    before = window.store.get("incident", record_id)
    wizard = window.open_record("incident", record_id)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.set_show_all(True)
    note = wizard.currentPage().findChild(QLabel, "read_only_note")
    assert note.isVisible() and "Read only: this report is approved" in note.text()
    assert "add a supplement" in note.text()
    assert wizard.currentPage().findChild(QPushButton, "add_supplement").isEnabled()
    tried = 0
    while True:
        page = wizard.currentPage()
        for f in [f for f in page.findChildren(ElementField) if f.isVisibleTo(wizard)]:
            shown = f.text()
            value = wizard.editor.value(f.path)
            assert not f.isEnabled(), f.accessibleName()
            qtbot.mouseClick(f, Qt.LeftButton)
            qtbot.keyClicks(f, "9")
            qtbot.keyClick(f, Qt.Key_Tab)
            f.commit()  # even a commit forced from outside changes nothing
            wizard.editor.set_value(f.path, "X")
            assert f.text() == shown and wizard.editor.value(f.path) == value, f.accessibleName()
            tried += 1
        for b in page.findChildren(QPushButton):
            if b.objectName().startswith(("add_", "remove_", "duplicate_")) and b.objectName() != "add_supplement":
                assert not b.isEnabled(), b.objectName()
        if page.spec.id == "review":
            assert not page.findChild(QPushButton, "mark_ready").isEnabled()
            assert page.findChild(QPushButton, "print_report").isEnabled()  # reading still works
        for keys in ((Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier),
                     (Qt.Key_Delete, Qt.ControlModifier | Qt.ShiftModifier)):
            qtbot.keyClick(wizard, *keys)
        if page.nextId() == -1:
            break
        qtbot.keyClick(wizard, Qt.Key_Return, Qt.ControlModifier)
    assert tried > 60
    assert wizard.editor.report == before.report and not wizard.editor.dirty
    wizard.close()
    after = window.store.get("incident", record_id)
    assert (after.status, after.revision) == ("approved", before.revision)
    assert not [s for s in said if "Not saved" in s]  # closing asks nothing: nothing was typed
    window.close()


def test_a_supplement_is_a_new_revision_that_goes_through_review(qtbot, data_dir, said):
    record_id = approved_report_of_the_deputy(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    approved = window.store.get("incident", record_id)
    wizard = window.open_record("incident", record_id)
    qtbot.mouseClick(wizard.currentPage().findChild(QPushButton, "add_supplement"), Qt.LeftButton)
    record = window.store.get("incident", record_id)
    assert (record.status, record.revision) == ("draft", approved.revision + 1)
    assert window.store.revision_snapshot("incident", record_id, approved.revision) == approved.report
    assert not wizard.currentPage().findChild(QLabel, "read_only_note").isVisible()
    assert "Supplement: revision" in wizard.currentPage().findChild(QLabel, "supplement_note").text()
    wizard.go_to_page(wizard.page_ids["victims"])
    age = wizard.currentPage().findChild(ElementField, "de_26")
    assert age.isEnabled()
    qtbot.mouseClick(age, Qt.LeftButton)
    qtbot.keyClick(age, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(age, "33")
    qtbot.keyClick(age, Qt.Key_Tab)
    assert wizard.editor.save_now()
    saved = window.store.get("incident", record_id)
    assert saved.report.victims[0].age == "33" and saved.status == "draft"
    wizard.editor.dirty = False
    wizard.close()
    window.close()

    from desktop.ui.app import open_store

    store = open_store(data_dir, passphrase=PASSPHRASE)
    store.login("sarge", PASSWORDS["sarge"])
    trail = [e for e in store.audit_entries() if e["record_id"] == record_id and e["action"] == "status"]
    assert any(e["detail"].get("supplement") and e["user"] == "dep" for e in trail)
    store.close()
