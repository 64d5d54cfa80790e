"""Tab and Alt that never trap: no Alt letter twice in one window (every wizard page, every dialog, the office
window and its menus), and every Add button after the rows it adds to in the Tab order."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QWidget

from desktop.ui.wizard.fields import ElementField
from nibrs_samples import allfields_incident
from ui_helpers import child, click, dialogs, ui_classes


def letter(text: str) -> str | None:
    """The Alt letter a text marks ("Add dru&g" -> "g"), lower case; None without one."""
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def shown(w: QWidget, top: QWidget) -> bool:
    return w.isVisibleTo(top) and w.isEnabled()


def alt_letters(top: QWidget) -> dict[str, list[str]]:
    """Every Alt letter that acts in a window (labels with a buddy, buttons, group boxes, the menu bar)."""
    found: dict[str, list[str]] = defaultdict(list)
    for w in top.findChildren(QWidget):
        if w.window() is not top or not shown(w, top):
            continue
        if isinstance(w, QLabel):
            buddy = w.buddy()
            if buddy is None or not shown(buddy, top):
                continue
            text = w.text()
        elif isinstance(w, QAbstractButton):
            text = w.text()
        elif isinstance(w, QGroupBox):
            text = w.title()
        else:
            continue
        key = letter(text)
        if key:
            found[key].append(f"{w.objectName() or type(w).__name__}: {text!r}")
    bar = top.menuBar() if hasattr(top, "menuBar") else None
    if bar is not None:
        for action in bar.actions():
            if action.isVisible() and action.isEnabled() and letter(action.text()):
                found[letter(action.text())].append(f"menu {action.text()!r}")
    return found


def collisions(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: v for k, v in found.items() if len(v) > 1}


def menu_collisions(window) -> dict[str, dict[str, list[str]]]:
    out = {}
    for menu in window.menuBar().findChildren(QMenu):
        found: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            if action.isVisible() and letter(action.text()):
                found[letter(action.text())].append(action.text())
        if collisions(found):
            out[menu.title()] = collisions(found)
    return out


# ------------------------------------------------------------------ the wizard
def fuller(report):
    """The all-fields incident with a second offense, property description, drug and relationship, so every
    repeated label is on its page twice."""
    import copy

    report.offenses.append(copy.deepcopy(report.offenses[0]))
    report.offenses[1].offense_code = "35A"
    report.properties[4].items.append(copy.deepcopy(report.properties[4].items[0]))
    report.properties[4].drugs.append(copy.deepcopy(report.properties[4].drugs[0]))
    report.properties[4].drugs[1].drug_type = "E"
    report.victims[0].relationships.append(copy.deepcopy(report.victims[0].relationships[0]))
    report.victims[0].relationships[1].offender_number = 2
    report.offenders.append(copy.deepcopy(report.offenders[0]))
    report.offenders[1].sequence_number = 2
    report.arrestees.append(copy.deepcopy(report.arrestees[0]))
    report.arrestees[1].sequence_number = 2
    return report


def every_page(wizard):
    """The wizard on each of its pages in turn, every field shown."""
    wizard.set_show_all(True)
    wizard.go_to_page(0)
    while True:
        QApplication.processEvents()
        yield wizard.currentPage()
        if wizard.currentPage().nextId() == -1:
            break
        wizard.next()


def focus_everywhere(qtbot, wizard, page):
    """Put the cursor in every field of the page in turn (the Alt letters follow it): the letters acting at
    each place."""
    for f in [f for f in page.findChildren(ElementField) if f.isVisibleTo(wizard)]:
        f.setFocus(Qt.OtherFocusReason)
        QApplication.processEvents()
        yield f


def wizard_with(qtbot, store, report, cls_name="IncidentWizard"):
    from desktop.ui.wizard import wizard as wizards

    record = store.create(report)
    wizard = getattr(wizards, cls_name)(store, store.get(report.KIND, record.id))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def check_wizard(qtbot, wizard) -> list[str]:
    problems, pages = [], []
    for page in every_page(wizard):
        pages.append(page.spec.id)
        places = list(focus_everywhere(qtbot, wizard, page)) or [None]
        for place in places:
            clash = collisions(alt_letters(wizard))
            if clash:
                where = place.accessibleName() if place is not None else "the page"
                problems.append(f"{page.spec.id} (cursor in {where}): {clash}")
    wizard.editor.dirty = False
    assert pages
    return problems


def test_no_alt_letter_twice_on_any_page_of_the_incident_wizard(qtbot, store):
    wizard = wizard_with(qtbot, store, fuller(allfields_incident()))
    assert check_wizard(qtbot, wizard) == []
    assert len(wizard.currentPage().findChildren(QAbstractButton)) > 4


@pytest.mark.parametrize("profile", ["missouri", "hawaii"])
def test_no_alt_letter_twice_with_a_state_profiles_fields(qtbot, data_dir, profile):
    from desktop.store.profiles import apply_agency_profile
    from desktop.store.service import AgencySettings, Store

    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori="MO0950000", name="Example County", state_profile=profile))
    apply_agency_profile(store)
    report = fuller(allfields_incident())
    report.ori = "MO0950000"
    wizard = wizard_with(qtbot, store, report)
    assert check_wizard(qtbot, wizard) == []
    if profile == "missouri":  # on the page of the address (the agency's own fields), once every page was shown
        assert wizard.findChild(ElementField, "mo_latitude") is not None
    store.close()


def test_no_alt_letter_twice_in_the_group_b_wizard(qtbot, store):
    from nibrs_samples import group_b_sample

    wizard = wizard_with(qtbot, store, group_b_sample(), "GroupBWizard")
    assert check_wizard(qtbot, wizard) == []


def test_the_alt_letters_follow_the_cursor_into_its_section_and_row(qtbot, store):
    wizard = wizard_with(qtbot, store, fuller(allfields_incident()))
    wizard.go_to_page(wizard.page_ids["offenses"])
    page = wizard.currentPage()
    second = child(child(page, "offense_2"), "de_7")
    second.setFocus()
    QApplication.processEvents()
    assert child(child(page, "offense_2"), "de_7_label", QLabel).text() == "&Attempted or completed:"
    assert child(child(page, "offense_1"), "de_7_label", QLabel).text() == "Attempted or completed:"
    qtbot.keyClick(second, Qt.Key_L, Qt.AltModifier)  # &Location type, in the same offense
    assert wizard.focusWidget() is child(child(page, "offense_2"), "de_9")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_F, Qt.AltModifier)  # Add o&ffense: the page's own button
    qtbot.waitUntil(lambda: len(wizard.editor.report.offenses) == 3)
    wizard.go_to_page(wizard.page_ids["property"])
    page = wizard.currentPage()
    recovered = child(page, "property_5")
    first_item = child(child(recovered, "item_1"), "de_15")
    first_item.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(first_item, Qt.Key_U, Qt.AltModifier)  # Val&ue of the same description
    assert wizard.focusWidget() is child(child(recovered, "item_1"), "de_16")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_I, Qt.AltModifier)  # Add descr&iption of this property
    qtbot.waitUntil(lambda: len(wizard.editor.report.properties[4].items) == 5)
    assert [len(p.items) for p in wizard.editor.report.properties] == [1, 1, 1, 1, 5]
    wizard.editor.dirty = False


# ------------------------------------------------------------------ the office window and every dialog
def test_no_alt_letter_twice_in_the_office_window_or_its_menus(qtbot, store, window):
    found = alt_letters(window)
    assert {"f", "t"} <= set(found)  # Alt+F is File, Alt+T is Tools
    assert collisions(found) == {}
    assert menu_collisions(window) == {}
    window.session.lock()
    try:
        assert collisions(alt_letters(window)) == {}
    finally:
        window.session.locked = False


def test_no_alt_letter_twice_in_any_dialog(qtbot, store, window):
    classes = ui_classes()
    openers = dialogs(window)
    abstract = {"FormDialog"}  # a base, never shown by itself
    assert set(classes) - abstract <= set(openers), "a new dialog: add it to dialogs() in ui_helpers.py"
    problems = {}
    for name, opener in openers.items():
        dialog = opener()
        dialog.show()
        QApplication.processEvents()
        clash = collisions(alt_letters(dialog))
        if clash:
            problems[name] = clash
        dialog.close()
        dialog.deleteLater()
    assert problems == {}


# ------------------------------------------------------------------ Tab order
def tab_stops(qtbot, wizard, page) -> list[QWidget]:
    """Tab from the page's first field to the wizard's buttons: every widget the cursor stops at."""
    from ui_helpers import into_view

    first = next(f for f in page.content.findChildren(ElementField) if f.isVisible())
    into_view(first)
    first.setFocus(Qt.TabFocusReason)
    stops = [first]
    for _ in range(600):
        qtbot.keyClick(wizard.focusWidget(), Qt.Key_Tab)
        w = wizard.focusWidget()
        if w is None or w.objectName().startswith("wizard_"):
            break
        stops.append(w)
    return stops


def holder_rows(button: QWidget) -> list[list[QWidget]]:
    """The fields of the rows (sections) an Add button adds to, row by row."""
    from desktop.ui.wizard.sections import RowList, SectionBox

    owner = button.parentWidget()
    if isinstance(owner, RowList):
        return [[f for f in r.findChildren(ElementField) if f.isVisible()] for r in owner.row_widgets]
    page = owner
    while page is not None and not hasattr(page, "sections"):
        page = page.parentWidget()
    boxes = [b for b in page.sections if isinstance(b, SectionBox)]
    return [[f for f in b.findChildren(ElementField) if f.isVisible()] for b in boxes]


def test_every_add_button_comes_after_its_rows_and_tab_goes_row_to_row(qtbot, store):
    wizard = wizard_with(qtbot, store, fuller(allfields_incident()))
    checked = 0
    for page in every_page(wizard):
        if page.spec.id == "review":
            continue
        stops = tab_stops(qtbot, wizard, page)
        fields = [f for f in page.content.findChildren(ElementField) if f.isVisible()]
        assert set(fields) <= set(stops), page.spec.id  # every field is reached
        for button in [b for b in stops if b.objectName().startswith("add_")]:
            rows = [r for r in holder_rows(button) if r]
            if not rows:
                continue  # a list shown empty (every field shown): nothing to come before it
            at = stops.index(button)
            last = stops.index(rows[-1][-1])
            assert last < at, f"{page.spec.id}: {button.objectName()} comes before its rows"
            between = [w.objectName() for w in stops[last + 1:at]]
            assert all(n.startswith("add_") for n in between), (page.spec.id, button.objectName(), between)
            for row, following in zip(rows, rows[1:]):  # Tab from a row's last field: the next row's first
                nxt = stops[stops.index(row[-1]) + 1]
                assert nxt is following[0] or nxt.objectName().startswith("add_"), (
                    page.spec.id, row[-1].accessibleName(), nxt.objectName())
            checked += 1
    assert checked >= 10  # offense, property (descriptions, drugs), victim (relationships), offender, arrestee
    wizard.editor.dirty = False


def test_tab_and_space_after_a_description_do_not_add_a_property(qtbot, store):
    wizard = wizard_with(qtbot, store, fuller(allfields_incident()))
    wizard.go_to_page(wizard.page_ids["property"])
    page = wizard.currentPage()
    last = child(child(child(page, "property_5"), "item_5"), "de_17")
    last.setFocus(Qt.TabFocusReason)
    qtbot.keyClick(last, Qt.Key_Tab)
    assert wizard.focusWidget() is child(child(page, "property_5"), "add_item")
    before = len(wizard.editor.report.properties)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Space)
    qtbot.waitUntil(lambda: isinstance(wizard.focusWidget(), ElementField))
    assert len(wizard.editor.report.properties) == before
    assert len(wizard.editor.report.properties[4].items) == 6
    assert wizard.focusWidget().objectName() == "de_15"  # the new description, ready to type in
    wizard.editor.dirty = False


def test_keyboard_shortcuts_duplicate_and_remove_the_section_or_row_with_the_cursor(qtbot, store):
    wizard = wizard_with(qtbot, store, fuller(allfields_incident()))
    wizard.go_to_page(wizard.page_ids["offenses"])
    page = wizard.currentPage()
    target = child(child(page, "offense_2"), "de_9")
    target.setFocus()
    qtbot.keyClick(target, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    assert [o.offense_code for o in wizard.editor.report.offenses] == ["240", "35A", "35A"]
    target = child(child(wizard.currentPage(), "offense_3"), "de_9")
    target.setFocus()
    qtbot.keyClick(target, Qt.Key_Delete, Qt.ControlModifier | Qt.ShiftModifier)
    assert [o.offense_code for o in wizard.editor.report.offenses] == ["240", "35A"]
    wizard.go_to_page(wizard.page_ids["property"])
    item = child(child(child(wizard.currentPage(), "property_5"), "item_2"), "de_16")
    item.setFocus()
    qtbot.keyClick(item, Qt.Key_Delete, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(wizard.editor.report.properties[4].items) == 4 and len(wizard.editor.report.properties) == 5
    wizard.editor.dirty = False


def tab_chain(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits in a window, in order (one turn of its focus chain)."""
    start = top.focusWidget() or top
    chain, w = [start] if start is not top else [], start.nextInFocusChain()
    while w is not start and len(chain) < 500:
        if w.window() is top and w.isVisibleTo(top) and w.isEnabled() and w.focusPolicy() & Qt.TabFocus:
            chain.append(w)
        w = w.nextInFocusChain()
    return chain


def test_in_every_dialog_an_add_button_comes_after_the_list_it_adds_to(qtbot, store, window):
    from PySide6.QtWidgets import QAbstractItemView

    checked = 0
    for name, opener in dialogs(window).items():
        dialog = opener()
        dialog.show()
        QApplication.processEvents()
        chain = tab_chain(dialog)
        adds = [w for w in chain if isinstance(w, QAbstractButton) and w.text().replace("&", "").startswith("Add")]
        lists = [w for w in chain if isinstance(w, QAbstractItemView)]
        for button in adds if lists else ():  # a form's own "Add user" confirms the form: no list to follow
            assert all(chain.index(v) < chain.index(button) for v in lists), name
            checked += 1
        dialog.close()
        dialog.deleteLater()
    assert checked >= 1  # the Users window's "Add user"
