"""Keyboard first and accessible: Tab in reading order, mnemonics, accessible names, Ctrl+Enter,
translation, and 150% scaling."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from desktop.ui.wizard.fields import ElementField
from nibrs_samples import allfields_incident
from screens import run_on_screen
from ui_helpers import child, click, field, into_view

HERE = Path(__file__).resolve().parent


def open_allfields(qtbot, store, window):
    record = store.create(allfields_incident())
    window.refresh()
    wizard = window.open_record("incident", record.id)
    click(qtbot, child(wizard, "wizard_show_all"))
    return wizard


def reading_order(page) -> list[ElementField]:
    """Visible fields sorted as a person reads the page: top to bottom, then left to right."""
    QApplication.processEvents()  # lay the page out first
    fields = [w for w in page.content.findChildren(ElementField) if w.isVisible()]
    return sorted(fields, key=lambda w: (w.mapTo(page.body, w.rect().topLeft()).y() // 8,
                                         w.mapTo(page.body, w.rect().topLeft()).x()))


def tab_order(qtbot, wizard, page) -> list[ElementField]:
    """Tab from the first field until the wizard's buttons: the fields the cursor visits."""
    first = reading_order(page)[0]
    into_view(first)
    qtbot.mouseClick(first, Qt.LeftButton)
    visited = [first]
    for _ in range(400):
        qtbot.keyClick(wizard.focusWidget(), Qt.Key_Tab)
        w = wizard.focusWidget()
        if w is None or w.objectName().startswith("wizard_"):
            break
        if isinstance(w, ElementField):
            visited.append(w)
    return visited


def test_tab_visits_every_field_in_reading_order_on_every_page(qtbot, store, window):
    wizard = open_allfields(qtbot, store, window)
    seen_pages = []
    while True:
        page = wizard.currentPage()
        seen_pages.append(page.spec.id)
        if page.spec.id != "review":
            expected = reading_order(page)
            got = tab_order(qtbot, wizard, page)
            assert [f.path for f in got] == [f.path for f in expected], page.spec.id
        if page.nextId() == -1:
            break
        click(qtbot, child(wizard, "wizard_next"))
    assert seen_pages == ["administrative", "offenses", "property", "victims", "offenders", "arrestees", "review"]


def test_every_field_has_a_label_with_a_mnemonic_and_an_accessible_name(qtbot, store, window):
    wizard = open_allfields(qtbot, store, window)
    checked = 0
    while True:
        page = wizard.currentPage()
        buddies = {lbl.buddy(): lbl for lbl in page.findChildren(QLabel) if lbl.buddy() is not None}
        for f in page.findChildren(ElementField):
            assert f.accessibleName(), f.objectName()
            assert f.accessibleDescription(), f.objectName()  # its help, and its errors in words
            if f.parentWidget().objectName().startswith("cell_"):
                assert "victim" in f.accessibleName() and "offender" in f.accessibleName()
            else:
                label = buddies.get(f)
                full = page.mnemonic_texts.get(label, "")  # its Alt letter acts while the cursor is in its section
                assert label is not None and "&" in full, f.objectName()
                assert full.replace("&", "").rstrip(":") in f.accessibleName()
            checked += 1
        for b in page.findChildren(QAbstractButton):
            assert b.text() or b.accessibleName(), b.objectName()
        if page.nextId() == -1:
            break
        click(qtbot, child(wizard, "wizard_next"))
    assert checked > 90


def test_mnemonic_and_ctrl_enter(qtbot, store, window):
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert wizard.focusWidget() is field(wizard.currentPage(), "de_3")  # the first empty field
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_N, Qt.AltModifier)  # Incident &number
    assert wizard.focusWidget() is field(wizard.currentPage(), "de_2")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_D, Qt.AltModifier)  # Incident &date
    assert wizard.focusWidget() is field(wizard.currentPage(), "de_3")
    qtbot.keyClicks(wizard.focusWidget(), "03/14/2025")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Return)  # Enter finishes the field and moves on
    assert wizard.focusWidget() is field(wizard.currentPage(), "de_3_hour")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert wizard.currentPage().spec.id == "offenses"
    assert wizard.editor.report.incident_date.isoformat() == "2025-03-14"


def first_offense(qtbot, window):
    """A new incident's first offense field, with the cursor in it."""
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    click(qtbot, child(wizard, "wizard_next"))
    offense = field(child(wizard.currentPage(), "offense_1"), "de_6")
    qtbot.mouseClick(offense, Qt.LeftButton)
    return wizard, offense


def test_codes_are_offered_as_you_type(qtbot, window):
    wizard, offense = first_offense(qtbot, window)
    qtbot.keyClicks(offense, "assault")
    popup = offense.popup()
    assert popup.isVisible()
    shown = [popup.item(i).text() for i in range(popup.count())]
    assert shown == ["13B  Simple assault", "13A  Aggravated assault", "11C  Sexual Assault With An Object"]
    qtbot.keyClick(offense, Qt.Key_Down)  # the person picks the second row
    qtbot.keyClick(offense, Qt.Key_Return)
    assert offense.text() == "13A" and not popup.isVisible()
    assert wizard.editor.report.offenses[0].offense_code == "13A"
    assert wizard.focusWidget() is not offense  # Enter took the code and moved on


def test_enter_takes_the_top_row_only_when_it_is_the_clear_winner(qtbot, window):
    wizard, offense = first_offense(qtbot, window)
    qtbot.keyClicks(offense, "assault")
    qtbot.keyClick(offense, Qt.Key_Return)  # "assault" is simple assault's own word: the clear winner
    assert offense.text() == "13B" and wizard.focusWidget() is not offense
    qtbot.mouseClick(offense, Qt.LeftButton)
    qtbot.keyClick(offense, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(offense, "manslaughter")  # murder and nonnegligent, or negligent: no clear winner
    qtbot.keyClick(offense, Qt.Key_Return)
    popup = offense.popup()
    assert popup.isVisible() and wizard.focusWidget() is offense and offense.text() == "manslaughter"
    assert "Several codes match 'manslaughter'" in child(wizard.currentPage(), "field_help", QLabel).text()
    qtbot.keyClick(offense, Qt.Key_Down)
    qtbot.keyClick(offense, Qt.Key_Return)
    assert offense.text() == popup.item(1).data(Qt.UserRole) and wizard.editor.report.offenses[0].offense_code in (
        "09A", "09B")


def test_strings_are_translated_when_a_translation_is_installed(qtbot, tmp_path, store, window):
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    ts = tmp_path / "nibrs-desk_fr.ts"
    ts.write_text("""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="fr">
<context><name></name>
 <message><source>Next &gt;</source><translation>Suivant &gt;</translation></message>
 <message><source>&amp;New incident...</source><translation>&amp;Nouvel incident...</translation></message>
 <message><source>&amp;File</source><translation>&amp;Fichier</translation></message>
 <message><source>{0} {1} — {2} (not saved yet)</source><translation>{0} {1} — {2} (pas encore enregistré)</translation></message>
 <message><source>Draft</source><translation>Brouillon</translation></message>
</context>
<context><name>forms</name>
 <message><source>Incident &amp;number</source><translation>&amp;Numéro d'incident</translation></message>
 <message><source>Group A incident</source><translation>Incident du groupe A</translation></message>
</context>
<context><name>FilterBar</name>
 <message><source>Any status</source><translation>Tout statut</translation></message>
</context>
</TS>""", encoding="utf-8")
    subprocess.run([lrelease, str(ts), "-qm", str(tmp_path / "nibrs-desk_fr.qm")], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "nibrs-desk_fr.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        from desktop.ui.office.main_window import MainWindow
        from desktop.ui.wizard.wizard import IncidentWizard

        wizard = IncidentWizard(store)
        qtbot.addWidget(wizard)
        assert child(wizard, "wizard_next").text() == "Suivant >"
        assert child(wizard.currentPage(), "de_2_label", QLabel).text() == "&Numéro d'incident:"
        number = wizard.editor.report.incident_number
        assert wizard.windowTitle() == f"Incident du groupe A {number} — Brouillon (pas encore enregistré)"
        main = MainWindow(store)
        qtbot.addWidget(main)
        assert main.actions["new_incident"].text() == "&Nouvel incident..."
        assert main.menus["file"].title() == "&Fichier"
        assert main.filters.status.itemText(0) == "Tout statut"
        wizard.editor.dirty = False
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_translation_catalog_holds_every_text_of_the_forms():
    from desktop.ui.dev import data_strings, translations

    assert list(data_strings.FORM_TEXTS) == translations.form_texts(), "run `make translations`"
    assert list(data_strings.STATUS_TEXTS) == translations.status_texts(), "run `make translations`"


def catalog() -> dict[str, set[str]]:
    """resources/translations/nibrs-desk.ts: context -> the texts in it."""
    import xml.etree.ElementTree as ET

    from desktop.resources import resource_path

    root = ET.parse(resource_path("translations", "nibrs-desk.ts")).getroot()
    return {(c.findtext("name") or ""): {m.findtext("source") for m in c.iter("message")} for c in root.iter("context")}


def test_the_catalog_holds_the_texts_of_the_actions_the_statuses_and_the_data():
    """`make translations` regenerates the catalog: texts marked anywhere in desktop/ui, and those of data."""
    from desktop.store.service import STATUS_LABELS
    from desktop.ui.dev import translations
    from desktop.ui.office.main_window import RecordListModel
    from desktop.ui.qt import ACTIONS, MENUS

    texts = catalog()
    bare = [a.text for a in ACTIONS] + [a.tip for a in ACTIONS if a.tip] + [title for _key, title, _h in MENUS]
    bare += list(STATUS_LABELS.values())
    bare += ["{0} {1} — {2} (not saved yet)", "Draft saved", "{0} {1} is no longer used: {2}."]
    assert set(bare) <= texts[""], sorted(set(bare) - texts[""])
    assert set(RecordListModel.COLUMNS) <= texts["RecordListModel"]
    assert set(translations.form_texts()) <= texts["forms"], "run `make translations`"
    assert {"Victim", "Relationship", "Offenders"} <= set(translations.dictionary_words()) <= texts["forms"]
    assert "La&titude" in texts["forms"]  # a shipped profile's label


def translated_texts() -> list[tuple[str, int, str]]:
    """Every tr()/translate()/form_text() call in desktop/ui whose text is built where it is translated."""
    import ast

    from testpaths import REPO

    built = []
    for path in sorted((REPO / "desktop" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("tr", "form_text", "translate"):
                text = node.args[-1] if name == "translate" else node.args[0]
                if isinstance(text, (ast.JoinedStr, ast.BinOp, ast.Call)):
                    built.append((path.name, node.lineno, ast.unparse(text)))
    return built


def test_nothing_is_translated_after_it_is_built():
    """A text put together at run time cannot be in the catalog: translate a template, then fill it in."""
    assert translated_texts() == [], "translate a template, then .format() it"


@pytest.mark.slow
def test_usable_at_150_percent_scaling(tmp_path):
    result = run_on_screen(HERE / "scale_check.py", tmp_path / "data", screen="screen-1080p.json", scale="1.5")
    assert result["dpr"] == 1.5 and result["screen"] == [1280, 720]
    assert len(result["pages"]) == 7
    assert result["problems"] == []

