"""A keystroke touches one section (issue 13, item 3): the changed field's section is looked at again, other pages
when they are shown, the draft is saved once the typing pauses, and opening a draft builds only its page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui_helpers import child, click, field, type_into

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))


@pytest.fixture
def ten_victims(qtbot, store):
    """The incident with ten victims (the keystroke benchmark's), saved as a draft left on the Victims page, open."""
    from desktop.ui.wizard.wizard import IncidentWizard
    from test_bench_rules import incident_with_ten_victims

    report = incident_with_ten_victims()
    report.incident_number = "25-000010"
    record = store.create(report)
    record = store.save_draft("incident", record.id, report, wizard_page="victims", invalid={}, findings=[])
    wizard = IncidentWizard(store, record)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    yield wizard
    wizard.editor.dirty = False


def _count(monkeypatch, cls, name: str) -> list:
    """Calls of a method, counted (and still made)."""
    calls = []
    original = getattr(cls, name)

    def counted(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


def test_opening_a_draft_builds_only_its_page_and_saves_nothing(qtbot, store, ten_victims):
    wizard = ten_victims
    record = store.find("incident", "WVNDX0100", "25-000010")
    assert wizard.currentPage().spec.id == "victims"
    built = {spec_id: wizard.page(pid).content is not None for spec_id, pid in wizard.page_ids.items()}
    assert built == {spec_id: spec_id == "victims" for spec_id in wizard.page_ids}
    assert not wizard.editor.dirty and not wizard.editor.pending()
    assert store.find("incident", "WVNDX0100", "25-000010").updated_at == record.updated_at  # no save on the way
    victim = child(wizard.currentPage(), "victim_10")
    assert field(victim, "de_26").text() == "30"
    click(qtbot, child(wizard, "wizard_back"))  # the pages on the way are built when shown, and Back still works
    assert wizard.currentPage().spec.id == "offenses"
    assert field(child(wizard.currentPage(), "offense_1"), "de_6").text() == "13B"


def test_a_keystroke_looks_again_only_at_its_own_section(qtbot, monkeypatch, ten_victims):
    from desktop.ui.wizard.fields import ElementField
    from desktop.ui.wizard.pages import FormPage

    wizard = ten_victims
    page = wizard.currentPage()
    fifth, fourth = child(page, "victim_5"), child(page, "victim_4")
    kind = field(fifth, "de_25")
    qtbot.mouseClick(kind, Qt.LeftButton)
    qtbot.keyClick(kind, Qt.Key_A, Qt.ControlModifier)
    meanings = _count(monkeypatch, ElementField, "update_meaning")
    refreshed = _count(monkeypatch, FormPage, "refresh")
    qtbot.keyClicks(kind, "L")  # a law enforcement officer: the officer's fields appear in this victim only
    assert refreshed == []  # no page is refreshed whole, this one nor the others
    assert meanings and all(f.path.startswith("victims[4].") for f in meanings)
    assert len(meanings) < len(page.rows) / 5
    assert field(fifth, "de_25A").isVisible() and not field(fourth, "de_25A").isVisible()
    assert child(page, "victim_5").title().startswith("Victim 5: L")  # the section's title follows
    qtbot.keyClick(kind, Qt.Key_Backspace)
    qtbot.keyClicks(kind, "I")
    assert not field(fifth, "de_25A").isVisible() and field(fifth, "de_26").isVisible()
    assert refreshed == []


def test_findings_still_show_once_the_field_is_left_and_the_counts_follow(qtbot, ten_victims):
    wizard = ten_victims
    page = wizard.currentPage()
    fifth = child(page, "victim_5")
    age = field(fifth, "de_26")
    message = child(fifth, "de_26_message")
    qtbot.mouseClick(age, Qt.LeftButton)
    qtbot.keyClick(age, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(age, "999")
    victims_item = wizard.page_list.item(list(wizard.page_ids).index("victims"))
    assert not message.isVisible() and victims_item.text() == "Victims"  # not while typing (issue 14)
    qtbot.keyClick(age, Qt.Key_Tab)
    assert message.isVisible() and "999" in message.text()
    errors, warnings = wizard.page_list.counts()["victims"]
    assert errors >= 1 and victims_item.text() == f"Victims ({errors + warnings})"
    type_into(qtbot, age, "25")
    assert not message.isVisible() and victims_item.text() == "Victims"


def test_autosave_waits_for_the_typing_to_pause_and_never_lands_between_keys(qtbot, monkeypatch, ten_victims):
    from desktop.ui.wizard import editor as editor_module

    wizard = ten_victims
    saves = _count(monkeypatch, editor_module.ReportEditor, "save_now")
    age = field(child(wizard.currentPage(), "victim_3"), "de_26")
    qtbot.mouseClick(age, Qt.LeftButton)
    qtbot.keyClick(age, Qt.Key_A, Qt.ControlModifier)
    for key in ["4", "2", "\b", "\b"] * 4 + ["3", "3"]:  # keys 50 ms apart for longer than the pause that saves
        if key == "\b":
            qtbot.keyClick(age, Qt.Key_Backspace)
        else:
            qtbot.keyClicks(age, key)
        qtbot.wait(50)
        assert wizard.editor.pending()
    assert saves == [] and wizard.editor.dirty
    qtbot.waitUntil(lambda: not wizard.editor.dirty, timeout=5000)  # the pause: saved without leaving the field
    assert len(saves) == 1 and wizard.focusWidget() is age
    assert wizard.editor.store.find("incident", "WVNDX0100", "25-000010").report.victims[2].age == "33"


def test_the_other_pages_show_the_change_when_shown(qtbot, ten_victims):
    wizard = ten_victims
    click(qtbot, child(wizard, "wizard_back"))
    offense = child(wizard.currentPage(), "offense_1")
    type_into(qtbot, field(offense, "de_6"), "13A")  # aggravated assault: the victims' offense codes follow
    click(qtbot, child(wizard, "wizard_next"))
    assert wizard.currentPage().spec.id == "victims"
    assert field(child(wizard.currentPage(), "victim_7"), "de_24").text() == "13A"
    QApplication.processEvents()
