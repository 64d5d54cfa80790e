"""Transfer files between two data folders through the dialogs, a conflict settled; restricted fields hidden."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

from PySide6.QtCore import Qt

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from secui_helpers import PASSPHRASE, line, office, sign_in, start, type_in, unlock_and_sign_in
from nibrs_samples import simple_incident

from desktop.store import crypto, pairing

TRANSFER_PASSPHRASE = "laptop to office"


def settled(qtbot, dialog) -> None:
    """The file is written or read in a worker: wait for it to be over."""
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.running, timeout=20000)


def write_file(qtbot, window, path) -> str:
    window.actions["transfer_out"].trigger()
    dialog = window.session.tools["transfer_out"]
    assert dialog.focusWidget() is line(dialog, "transfer_out_passphrase")
    type_in(qtbot, dialog, {"transfer_out_file": str(path), "transfer_out_passphrase": TRANSFER_PASSPHRASE,
                            "transfer_out_again": TRANSFER_PASSPHRASE})
    settled(qtbot, dialog)
    text = dialog.info.text()
    dialog.close()
    return text


def read_file(qtbot, window, path, passphrase: str = TRANSFER_PASSPHRASE):
    window.actions["transfer_in"].trigger()
    dialog = window.session.tools["transfer_in"]
    type_in(qtbot, dialog, {"transfer_in_file": str(path), "transfer_in_passphrase": passphrase})
    settled(qtbot, dialog)
    return dialog


def lines(dialog) -> list[str]:
    return [dialog.report.item(i).text() for i in range(dialog.report.count())]


def laptop_code(qtbot, window) -> tuple[str, str]:
    """Tools > Transfer: paired computers on the laptop, as its deputy: this computer's number and pairing code."""
    window.actions["pairing"].trigger()
    dialog = window.session.tools["pairing"]
    code, number = line(dialog, "pairing_this_code").text(), line(dialog, "pairing_this_computer").text()
    assert dialog.findChild(type(line(dialog, "pairing_this_code")), "pairing_code") is None  # pairing: administrators
    assert not dialog.ok_button.isVisible()
    dialog.close()
    return code, number


def pair_at_the_office(qtbot, office_dir, code: str, number: str) -> None:
    desk = start(qtbot, office_dir)
    unlock_and_sign_in(qtbot, desk, "admin")
    desk.actions["pairing"].trigger()
    dialog = desk.session.tools["pairing"]
    assert dialog.table.rowCount() == 0
    type_in(qtbot, dialog, {"pairing_code": "not a code"})
    assert "Not paired: not a pairing code" in dialog.error.text()
    dialog.owner.setCurrentIndex(dialog.owner.findData("dep"))
    line(dialog, "pairing_code").clear()
    type_in(qtbot, dialog, {"pairing_code": code, "pairing_name": "Car 12"})
    assert f"Paired computer {number}: its transfer files speak for dep here" in dialog.info.text()
    assert [dialog.table.item(0, c).text() for c in range(3)] == [number, "dep", "Car 12"]
    dialog.close()
    desk.close()


def test_transfer_between_two_data_folders_with_one_conflict_settled(qtbot, tmp_path):
    laptop_dir, office_dir = tmp_path / "laptop", tmp_path / "office"
    office(laptop_dir)
    office(office_dir)
    first, second = tmp_path / "first.ndt", tmp_path / "second.ndt"

    laptop = start(qtbot, laptop_dir)
    unlock_and_sign_in(qtbot, laptop, "dep")
    for number in ("25-0001", "25-0002"):
        laptop.store.create(simple_incident(number))
    assert "Wrote 2 report(s)" in write_file(qtbot, laptop, first)
    assert b"25-0001" not in first.read_bytes()  # encrypted
    code, number = laptop_code(qtbot, laptop)
    laptop.close()

    desk = start(qtbot, office_dir)
    unlock_and_sign_in(qtbot, desk, "sarge")
    dialog = read_file(qtbot, desk, first)
    assert f"written by machine {number}, which is not paired with this office" in dialog.error.text()
    assert desk.model.rowCount() == 0
    dialog.close()
    desk.close()
    pair_at_the_office(qtbot, office_dir, code, number)

    desk = start(qtbot, office_dir)
    unlock_and_sign_in(qtbot, desk, "sarge")
    dialog = read_file(qtbot, desk, first, "a wrong passphrase")
    assert dialog.isVisible() and "Nothing was read" in dialog.error.text() and "does not open" in dialog.error.text()
    type_in(qtbot, dialog, {"transfer_in_passphrase": TRANSFER_PASSPHRASE})
    qtbot.waitUntil(lambda: dialog.report.count() == 2, timeout=20000)
    assert sorted(lines(dialog)) == ["incident WVNDX0100 25-0001 — new", "incident WVNDX0100 25-0002 — new"]
    assert desk.model.rowCount() == 2  # the list shows them at once
    dialog.close()
    mine = desk.store.find("incident", "WVNDX0100", "25-0002")
    changed = mine.report
    changed.victims[0].age = "41"
    desk.store.update("incident", mine.id, changed)
    desk.close()

    laptop = start(qtbot, laptop_dir)
    unlock_and_sign_in(qtbot, laptop, "dep")
    theirs = laptop.store.find("incident", "WVNDX0100", "25-0002")
    changed = theirs.report
    changed.victims[0].age = "42"
    laptop.store.update("incident", theirs.id, changed)
    write_file(qtbot, laptop, second)
    laptop.close()

    desk = start(qtbot, office_dir)
    unlock_and_sign_in(qtbot, desk, "sarge")
    dialog = read_file(qtbot, desk, second)
    assert "incident WVNDX0100 25-0002 — CONFLICT: changed on both computers; a supervisor chooses" in lines(dialog)
    assert "1 conflict(s)" in dialog.summary.text()
    assert desk.store.find("incident", "WVNDX0100", "25-0002").report.victims[0].age == "41"  # not overwritten
    qtbot.mouseClick(dialog.conflicts_button, Qt.LeftButton)
    conflicts = desk.session.tools["conflicts"]
    assert conflicts.list.count() == 1 and "25-0002" in conflicts.list.item(0).text()
    diff = [[conflicts.diff.item(r, c).text() for c in range(3)] for r in range(conflicts.diff.rowCount())]
    assert diff == [["Victim 1 › Age of Victim (DE 26)", "41", "42"]]
    qtbot.mouseClick(conflicts.take_button, Qt.LeftButton)
    assert "took the incoming version" in conflicts.message.text()
    assert conflicts.list.count() == 0 and "No conflicts" in conflicts.versions.text()
    settled = desk.store.find("incident", "WVNDX0100", "25-0002")
    assert settled.report.victims[0].age == "42" and settled.status == "draft"
    conflicts.close()
    dialog.close()

    # the deputy edits their own file (they hold its passphrase and their laptop's key): refused, one line a record
    crafted = tmp_path / "crafted.ndt"
    shutil.copyfile(second, crafted)
    con = crypto.connect(crafted, TRANSFER_PASSPHRASE)
    con.execute("UPDATE record SET status = 'pwned-status' WHERE rowid = 1")
    con.execute("DELETE FROM meta WHERE key = 'signature'")
    pairing.sign(SimpleNamespace(db=SimpleNamespace(data_dir=laptop_dir)), con)
    con.commit()
    con.close()
    before = [(r.id, r.status, r.revision) for r in map(lambda i: desk.store.get("incident", i, audited=False),
                                                           desk.store.ids("incident"))]
    dialog = read_file(qtbot, desk, crafted)
    assert "Nothing was read: the file was refused." in dialog.error.text()
    [refusal] = lines(dialog)
    assert refusal.startswith("crafted.ndt: record 1 (incident WVNDX0100 25-0001): status 'pwned-status' is not one of")
    assert "1 record(s) of crafted.ndt" in dialog.summary.text() and dialog.report.isVisible()
    assert [(r.id, r.status, r.revision) for r in map(lambda i: desk.store.get("incident", i, audited=False),
                                                       desk.store.ids("incident"))] == before
    desk.close()


def test_restricted_fields_are_not_shown_to_a_deputy(qtbot, data_dir):
    office(data_dir, profile="missouri", ori="MO0950000")
    from desktop.ui.app import open_store
    from desktop.store.profiles import apply_agency_profile

    st = open_store(data_dir, passphrase=PASSPHRASE)
    apply_agency_profile(st)
    st.login("dep", "deputy-pass-1")
    record_id = st.create(simple_incident("25-000300")).id  # the deputy's own report...
    st.logout()
    st.login("sarge", "sarge-pass-1")
    report = st.get("incident", record_id).report  # ...the immigration status filled in by a supervisor
    report.offenders[0].extras["mo_immigration_status"] = "L"
    st.update("incident", record_id, report)
    st.close()

    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    wizard = window.open_record("incident", record_id)
    page = wizard.page(wizard.page_ids["offenders"])
    assert not page.findChildren(type(line(wizard.page(0), "de_2")), "mo_immigration_status")
    note = page.findChild(type(page.help_line), "restricted_note")
    assert note is not None and "holds restricted information (Immigration Status)" in note.text()
    assert "may not see" in note.text()
    assert "Lawfully present" not in wizard.report_html() and "Immigration" not in wizard.report_html()
    wizard.go_to_page(wizard.page_ids["offenders"])
    age = line(wizard.currentPage(), "de_37")
    qtbot.mouseClick(age, Qt.LeftButton)
    qtbot.keyClick(age, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(age, "31")
    qtbot.keyClick(age, Qt.Key_Tab)
    qtbot.waitUntil(lambda: not wizard.editor.dirty, timeout=5000)
    assert wizard.editor.last_error == ""  # the deputy's own draft saves...
    wizard.close()
    kept = window.store.get("incident", record_id)
    assert kept.report.offenders[0].age == "31" and kept.restricted_hidden  # ...and the hidden status is kept

    window.new_incident()  # a new report: the deputy is told who fills the field in
    fresh = window.wizards[-1]
    note = fresh.page(fresh.page_ids["offenders"]).findChild(type(page.help_line), "restricted_note")
    assert "a supervisor fills it in" in note.text()
    fresh.editor.dirty = False
    fresh.close()

    window.actions["sign_out"].trigger()

    sign_in(qtbot, window, "sarge")
    wizard = window.open_record("incident", record_id)
    wizard.go_to_page(wizard.page_ids["offenders"])
    field = line(wizard.currentPage(), "mo_immigration_status")
    assert field.isVisible() and field.text() == "L"
    assert window.store.get("incident", record_id).report.offenders[0].age == "31"
    assert wizard.currentPage().findChild(type(page.help_line), "restricted_note") is None
    assert wizard.currentPage().findChild(type(page.help_line), "read_only_note") is None
    wizard.editor.dirty = False
    wizard.close()
    window.close()


def test_a_deputy_marks_ready_a_report_whose_only_errors_are_on_restricted_fields(qtbot, data_dir):
    from PySide6.QtWidgets import QListWidget, QPushButton

    office(data_dir, profile="missouri", ori="MO0950000")
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    report = simple_incident("25-000301")
    report.ori = "MO0950000"
    record_id = window.store.create(report).id
    window.refresh()
    wizard = window.open_record("incident", record_id)
    wizard.go_to_page(wizard.page_ids["review"])
    page = wizard.currentPage()
    found = page.findChild(QListWidget, "findings")
    texts = [found.item(i).text() for i in range(found.count())]
    # not the deputy's to fix: waiting for a supervisor, not an error
    assert any("Waiting for a supervisor to fill Immigration status." in t and "Offender 1" in t for t in texts), texts
    assert not any("MO-501" in t or t.startswith("Error") for t in texts), texts
    summary = page.summary.text()
    assert "0 error(s)" in summary and "Fix the errors" not in summary
    assert "Waiting for a supervisor to fill Immigration status" in summary and "mark the report ready" in summary
    assert "(" not in wizard.page_list.item(wizard.page_ids["offenders"]).text()  # no count against the deputy
    qtbot.mouseClick(page.findChild(QPushButton, "mark_ready"), Qt.LeftButton)
    assert "Marked ready for review" in page.ready_message.text()
    assert window.store.get("incident", record_id).status == "ready"
    wizard.close()
    window.close()
