"""Defaults and numbers that follow: a victim of person and society crimes starts connected to none, 465/466
say which offense to connect, renumbering an offender (or changing an offense code) renumbers every
reference, and one shortcut makes an arrestee of an offender."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.nibrs import rules
from desktop.nibrs.model import Offense
from nibrs_samples import simple_incident
from ui_helpers import child, field, type_into


def open_wizard(qtbot, store, report):
    from desktop.ui.wizard.wizard import IncidentWizard

    record = store.create(report)
    wizard = IncidentWizard(store, store.get("incident", record.id))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def test_a_victim_of_person_and_society_crimes_starts_with_no_offense_and_the_cursor_there(qtbot, window):
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    wizard = window.wizards[-1]
    assert wizard.editor.report.cleared_exceptionally == "N"  # not cleared: the usual start
    wizard.next()
    type_into(qtbot, field(child(wizard.currentPage(), "offense_1"), "de_6"), "aggravated assault")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)  # a second offense...
    second = field(child(wizard.currentPage(), "offense_2"), "de_6")
    type_into(qtbot, second, "drugs")  # ...against society
    assert [o.offense_code for o in wizard.editor.report.offenses] == ["13A", "35A"]
    while wizard.currentPage().spec.id != "victims":
        wizard.next()
    victim = wizard.editor.report.victims[0]
    assert victim.offense_codes == [] and victim.victim_type is None  # the deputy chooses
    assert wizard.focusWidget() is field(child(wizard.currentPage(), "victim_1"), "de_24")
    wizard.editor.dirty = False


def test_a_victim_of_person_crimes_starts_connected_to_them_as_a_person(qtbot, window):
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    wizard = window.wizards[-1]
    wizard.next()
    type_into(qtbot, field(child(wizard.currentPage(), "offense_1"), "de_6"), "battery")
    wizard.next()
    victim = wizard.editor.report.victims[0]
    assert victim.offense_codes == ["13B"] and victim.victim_type == "I"
    assert wizard.focusWidget() is field(child(wizard.currentPage(), "victim_1"), "de_26")  # age: the first to type
    wizard.editor.dirty = False


def test_465_and_466_say_which_offense_to_connect():
    report = simple_incident("25-000001")
    report.offenses.append(Offense(offense_code="35A", attempted_completed="C", suspected_using=["N"],
                                   bias_motivations=["88"], location_type="20"))
    report.victims[0].offense_codes = ["13B", "35A", "290"]
    found = {f.error: f for f in rules.validate(report, rules.Context())}
    assert "connect this victim to 13B (Simple assault) instead" in found["465"].message
    assert "35A (Drug/Narcotic Violations), a crime against society" in found["465"].message
    assert "victim type" not in found["465"].fix.lower()
    assert found["466"].message.endswith("connect it to 13B (Simple assault) or 35A (Drug/Narcotic Violations).")


def two_offenders():
    from desktop.nibrs.model import Offender, Relationship

    report = simple_incident("25-000010")
    report.offenders.append(Offender(sequence_number=2, age="40", sex="F", race="W", ethnicity="N"))
    report.victims[0].relationships = [Relationship(offender_number=1, relationship="BG"),
                                       Relationship(offender_number=2, relationship="ST")]
    return report


def test_renumbering_an_offender_renumbers_every_reference(qtbot, store):
    wizard = open_wizard(qtbot, store, two_offenders())
    wizard.go_to_page(wizard.page_ids["offenders"])
    number = field(child(wizard.currentPage(), "offender_1"), "de_36")
    type_into(qtbot, number, "3")
    qtbot.waitUntil(lambda: child(wizard.currentPage(), "cell_1_3") is not None)
    report = wizard.editor.report
    assert [o.sequence_number for o in report.offenders] == [3, 2]
    assert [(r.offender_number, r.relationship) for r in report.victims[0].relationships] == [(3, "BG"), (2, "ST")]
    assert field(child(wizard.currentPage(), "cell_1_3"), "de_35").text() == "BG"
    number = field(child(wizard.currentPage(), "offender_2"), "de_36")
    type_into(qtbot, number, "3")  # taken by the other offender: the two trade numbers
    qtbot.waitUntil(lambda: [o.sequence_number for o in wizard.editor.report.offenders] == [2, 3])
    assert [(r.offender_number, r.relationship) for r in report.victims[0].relationships] == [(2, "BG"), (3, "ST")]
    assert not [f for f in wizard.editor.all_findings() if f.error in ("070", "560")]
    wizard.editor.dirty = False


def test_changing_an_offense_code_changes_the_victims_connected_to_it(qtbot, store):
    wizard = open_wizard(qtbot, store, simple_incident("25-000011"))
    wizard.go_to_page(wizard.page_ids["offenses"])
    type_into(qtbot, field(child(wizard.currentPage(), "offense_1"), "de_6"), "aggravated assault")
    assert wizard.editor.report.victims[0].offense_codes == ["13A"]
    wizard.editor.dirty = False


def test_one_shortcut_makes_an_arrestee_of_an_offender(qtbot, store):
    report = two_offenders()
    wizard = open_wizard(qtbot, store, report)
    wizard.go_to_page(wizard.page_ids["offenders"])
    second = field(child(wizard.currentPage(), "offender_2"), "de_38")
    second.setFocus()
    qtbot.keyClick(second, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert wizard.currentPage().spec.id == "arrestees"
    arrestee = wizard.editor.report.arrestees[0]
    assert (arrestee.age, arrestee.sex, arrestee.race, arrestee.ethnicity) == ("40", "F", "W", "N")
    assert (arrestee.sequence_number, arrestee.arrest_transaction_number, arrestee.arrest_offense_code,
            arrestee.multiple_arrestee) == (1, "25-000010", "13B", "N")
    assert wizard.focusWidget() is field(child(wizard.currentPage(), "arrestee_1"), "de_42")  # the arrest date
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)  # the next offender
    assert [a.age for a in wizard.editor.report.arrestees] == ["40", "36"]
    assert wizard.editor.report.arrestees[1].sequence_number == 2
    wizard.editor.dirty = False


def test_an_unknown_sex_is_not_copied_to_an_arrestee(qtbot, store):
    report = simple_incident("25-000012")
    report.offenders[0].sex = "U"
    wizard = open_wizard(qtbot, store, report)
    wizard.go_to_page(wizard.page_ids["offenders"])
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert wizard.editor.report.arrestees[0].sex is None and wizard.editor.report.arrestees[0].age == "36"
    wizard.editor.dirty = False
