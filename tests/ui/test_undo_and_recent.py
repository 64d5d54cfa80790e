"""Undo inside the wizard (Ctrl+Z after leaving a field restores it) and each person's recent codes first in
each picker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.store.service import Store
from nibrs_samples import simple_incident
from ui_helpers import child, field, type_into


def wizard_on(qtbot, store, report=None, page="offenses"):
    from desktop.ui.wizard.wizard import IncidentWizard

    record = store.get("incident", store.create(report).id) if report is not None else None
    wizard = IncidentWizard(store, record)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.go_to_page(wizard.page_ids[page])
    return wizard


def undo(qtbot, wizard):
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Z, Qt.ControlModifier)


def test_ctrl_z_after_leaving_a_field_restores_it_and_goes_back_to_it(qtbot, store):
    wizard = wizard_on(qtbot, store)
    offense = field(child(wizard.currentPage(), "offense_1"), "de_6")
    type_into(qtbot, offense, "burglary")
    location = field(child(wizard.currentPage(), "offense_1"), "de_7")
    assert wizard.focusWidget() is location
    type_into(qtbot, location, "completed")
    assert [(o.offense_code, o.attempted_completed) for o in wizard.editor.report.offenses] == [("220", "C")]
    undo(qtbot, wizard)  # the cursor is in the next field, nothing typed there: the report's undo
    assert wizard.editor.report.offenses[0].attempted_completed is None
    offense_box = child(wizard.currentPage(), "offense_1")
    assert field(offense_box, "de_7").text() == "" and wizard.focusWidget() is field(offense_box, "de_7")
    undo(qtbot, wizard)
    assert wizard.editor.report.offenses[0].offense_code is None
    assert wizard.focusWidget() is field(child(wizard.currentPage(), "offense_1"), "de_6")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # redo
    assert wizard.editor.report.offenses[0].offense_code == "220"
    wizard.editor.dirty = False


def test_ctrl_z_while_typing_undoes_the_typing_only(qtbot, store):
    wizard = wizard_on(qtbot, store)
    offense = field(child(wizard.currentPage(), "offense_1"), "de_6")
    type_into(qtbot, offense, "13B")
    location = field(child(wizard.currentPage(), "offense_1"), "de_9")
    qtbot.mouseClick(location, Qt.LeftButton)
    qtbot.keyClicks(location, "20")
    undo(qtbot, wizard)  # in the field: its own typing goes
    assert location.text() == "" and wizard.focusWidget() is location
    assert wizard.editor.report.offenses[0].offense_code == "13B"  # the field before is untouched
    wizard.editor.dirty = False


def test_undo_brings_back_a_removed_section_and_a_renumbering(qtbot, store):
    from desktop.nibrs.model import Offender, Relationship

    report = simple_incident("25-000020")
    report.offenders.append(Offender(sequence_number=2, age="40", sex="F", race="W", ethnicity="N"))
    report.victims[0].relationships.append(Relationship(offender_number=2, relationship="ST"))
    wizard = wizard_on(qtbot, store, report, "offenders")
    type_into(qtbot, field(child(wizard.currentPage(), "offender_1"), "de_36"), "2")  # trades with offender 2
    qtbot.waitUntil(lambda: [o.sequence_number for o in wizard.editor.report.offenders] == [2, 1])
    assert [r.offender_number for r in wizard.editor.report.victims[0].relationships] == [2, 1]
    undo(qtbot, wizard)
    assert [o.sequence_number for o in wizard.editor.report.offenders] == [1, 2]
    assert [r.offender_number for r in wizard.editor.report.victims[0].relationships] == [1, 2]
    second = field(child(wizard.currentPage(), "offender_2"), "de_37")
    second.setFocus()
    qtbot.keyClick(second, Qt.Key_Delete, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(wizard.editor.report.offenders) == 1
    undo(qtbot, wizard)
    assert [o.age for o in wizard.editor.report.offenders] == ["36", "40"]
    wizard.editor.dirty = False


def test_nothing_to_undo_in_a_report_that_may_only_be_read(qtbot, store):
    wizard = wizard_on(qtbot, store, simple_incident("25-000021"))
    wizard.editor.read_only = True
    wizard.editor.checkpoint("offenses[0].offense_code")
    assert not wizard.editor.can_undo() and wizard.editor.undo() is None
    wizard.editor.dirty = False


# ------------------------------------------------------------------ recent codes
def test_recent_codes_are_each_persons_own(data_dir):
    store = Store.open(data_dir)
    store.add_user("admin", "admin-pass-1", "administrator")
    store.add_user("dee", "deputy-pass-1", "deputy")
    store.add_user("sam", "deputy-pass-2", "deputy")
    store.login("dee", "deputy-pass-1")
    store.remember_codes({"35": ["ST"], "9": ["20"]})
    store.remember_codes({"35": ["BG"]})
    assert store.recent_codes() == {"35": ["BG", "ST"], "9": ["20"]}
    store.logout()
    store.login("sam", "deputy-pass-2")
    assert store.recent_codes() == {}
    store.remember_codes({"35": ["SE"]})
    store.logout()
    store.login("dee", "deputy-pass-1")
    assert store.recent_codes()["35"] == ["BG", "ST"]
    store.close()


def test_the_codes_used_last_come_first_in_the_picker(qtbot, store):
    wizard = wizard_on(qtbot, store)
    location = field(child(wizard.currentPage(), "offense_1"), "de_9")
    for words in ("parking lot", "bar"):
        type_into(qtbot, location, words)
    assert wizard.editor.save_now()  # the recent codes are remembered with the draft
    assert store.recent_codes()["9"][:2] == ["03", "18"]
    wizard.editor.dirty = False
    wizard.close()

    fresh = wizard_on(qtbot, store)  # the next report
    location = field(child(fresh.currentPage(), "offense_1"), "de_9")
    qtbot.mouseClick(location, Qt.LeftButton)
    qtbot.keyClick(location, Qt.Key_Down)  # the whole list: the recent codes first
    popup = location.popup()
    assert [popup.item(i).data(Qt.UserRole) for i in range(3)] == ["03", "18", "01"]
    qtbot.keyClick(location, Qt.Key_Escape)
    qtbot.keyClicks(location, "ba")  # words starting with "ba": among equals, the recent one first
    shown = [popup.item(i).data(Qt.UserRole) for i in range(popup.count())]
    assert shown.index("03") < shown.index("02")  # bar (used lately) before bank
    fresh.editor.dirty = False
