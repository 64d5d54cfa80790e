"""Missouri: a restricted field the deputy cannot see is not the deputy's error (the list and Review say who
fills it), and the supervisor fills it in and approves in one step, without the report going back to draft."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from secui_helpers import line, office, sign_in, start, unlock_and_sign_in
from nibrs_samples import simple_incident


def list_row(window, record_id) -> tuple[str, str, str]:
    """The errors column of a report in the office window's list: shown, spoken, and its tip."""
    window.refresh()
    row = window.model.row_of("incident", record_id)
    index = window.model.index(row, 5)
    return (index.data(), index.data(Qt.AccessibleTextRole), index.data(Qt.ToolTipRole) or "")


def test_the_supervisor_fills_the_restricted_field_and_approves_in_one_step(qtbot, data_dir):
    office(data_dir, profile="missouri", ori="MO0950000")
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    report = simple_incident("25-000302")
    report.ori = "MO0950000"
    record_id = window.store.create(report).id
    assert window.store.get("incident", record_id).error_count == 1  # MO-501: no immigration status
    wizard = window.open_record("incident", record_id)
    wizard.go_to_page(wizard.page_ids["review"])
    qtbot.mouseClick(wizard.currentPage().findChild(QPushButton, "mark_ready"), Qt.LeftButton)
    assert "Marked ready for review" in wizard.currentPage().ready_message.text()
    wizard.close()
    shown, spoken, tip = list_row(window, record_id)  # the deputy's list: not an error of theirs
    assert shown == "0 (waiting)" and "waiting for a supervisor to fill Immigration status" in spoken
    assert tip == "Waiting for a supervisor to fill Immigration status."
    from desktop.store.service import SearchFilter

    assert window.store.count(SearchFilter(has_errors=True)) == 0
    window.actions["sign_out"].trigger()

    sign_in(qtbot, window, "sarge")
    shown, spoken, tip = list_row(window, record_id)
    assert shown == "1" and "waiting" not in spoken  # the supervisor sees the error: theirs to fill
    wizard = window.open_record("incident", record_id)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.go_to_page(wizard.page_ids["review"])
    findings = wizard.currentPage().findChild(QListWidget, "findings")
    texts = [findings.item(i).text() for i in range(findings.count())]
    row = next(i for i, t in enumerate(texts) if "Error MO-501" in t)
    findings.setCurrentRow(row)
    qtbot.keyClick(findings, Qt.Key_Return)  # to the field
    status = wizard.focusWidget()
    assert status is line(wizard.currentPage(), "mo_immigration_status")
    qtbot.keyClicks(status, "citizen")
    qtbot.keyClick(status, Qt.Key_Tab)
    assert status.text() == "C"
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_R, Qt.ControlModifier)  # back to Review
    assert wizard.editor.save_now()
    record = window.store.get("incident", record_id)
    assert record.status == "ready" and record.error_count == 0  # filled during review: still ready
    qtbot.mouseClick(wizard.currentPage().findChild(QPushButton, "approve_report"), Qt.LeftButton)
    assert "Approved" in wizard.currentPage().ready_message.text()
    record = window.store.get("incident", record_id)
    assert record.status == "approved" and record.report.offenders[0].extras == {"mo_immigration_status": "C"}
    entries = sorted((e for e in window.store.audit_entries() if e["record_id"] == record_id),
                     key=lambda e: e["seq"])
    assert [e["detail"]["to"] for e in entries if e["action"] in ("status", "approve")] == ["ready", "approved"]
    filled = [e for e in entries if e["action"] == "update"]
    assert filled and not any("status" in e["detail"] for e in filled)  # never back to draft
    wizard.close()
    window.close()


def test_changing_more_than_the_restricted_field_still_sends_the_report_back(qtbot, data_dir):
    from desktop.store.profiles import apply_agency_profile
    from desktop.ui.app import open_store
    from secui_helpers import PASSPHRASE, PASSWORDS

    office(data_dir, profile="missouri", ori="MO0950000")
    store = open_store(data_dir, passphrase=PASSPHRASE)
    apply_agency_profile(store)
    store.login("dep", PASSWORDS["dep"])
    report = simple_incident("25-000303")
    report.ori = "MO0950000"
    record_id = store.create(report).id
    store.set_status("incident", record_id, "ready")
    store.logout()
    store.login("sarge", PASSWORDS["sarge"])
    changed = store.get("incident", record_id).report
    changed.offenders[0].extras["mo_immigration_status"] = "N"
    changed.offenders[0].age = "37"
    assert store.update("incident", record_id, changed).status == "draft"  # a real change: review again
    store.close()


def test_a_deputys_save_keeps_the_hidden_value_and_its_findings_are_worked_out_with_it(qtbot, data_dir):
    """The deputy's wizard checks the report without the immigration status they cannot see; the store checks
    it again with the value it keeps, so a filled-in status is not an error in the list after the deputy saves."""
    from desktop.store.profiles import apply_agency_profile
    from desktop.ui.app import open_store
    from secui_helpers import PASSPHRASE, PASSWORDS

    office(data_dir, profile="missouri", ori="MO0950000")
    store = open_store(data_dir, passphrase=PASSPHRASE)
    apply_agency_profile(store)
    store.login("dep", PASSWORDS["dep"])
    report = simple_incident("25-000304")
    report.ori = "MO0950000"
    record_id = store.create(report).id
    store.logout()
    store.login("sarge", PASSWORDS["sarge"])
    filled = store.get("incident", record_id).report
    filled.offenders[0].extras["mo_immigration_status"] = "C"
    assert store.update("incident", record_id, filled).error_count == 0
    store.logout()
    store.close()

    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    wizard = window.open_record("incident", record_id)
    assert any(f.error == "MO-501" for f in wizard.editor.findings)  # the deputy's view lacks the value...
    wizard.go_to_page(wizard.page_ids["offenders"])
    age = line(wizard.currentPage(), "de_37")
    qtbot.mouseClick(age, Qt.LeftButton)
    qtbot.keyClick(age, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(age, "37")
    qtbot.keyClick(age, Qt.Key_Tab)
    assert wizard.editor.save_now()
    wizard.close()
    window.close()
    store = open_store(data_dir, passphrase=PASSPHRASE)
    store.login("sarge", PASSWORDS["sarge"])
    saved = store.get("incident", record_id)
    assert saved.report.offenders[0].age == "37" and saved.report.offenders[0].extras == {"mo_immigration_status": "C"}
    assert saved.error_count == 0 and not [f for f in saved.findings if f.error == "MO-501"]  # ...the store's has it
    store.close()
