"""Help: F1 on a field explains its data element (the dictionary's words, the FBI definition, its codes, the
edits that read it); Help > How to shows the task pages, shipped as local HTML, and finds them by words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from nibrs_samples import simple_incident
from ui_helpers import field


def press_f1(qtbot, window_with_focus, widget) -> None:
    window_with_focus.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window_with_focus, timeout=3000)
    widget.setFocus()
    qtbot.waitUntil(lambda: window_with_focus.focusWidget() is widget, timeout=3000)
    qtbot.keyClick(widget, Qt.Key_F1)


def test_f1_on_a_wizard_field_opens_that_elements_help(qtbot, store, window):
    record = store.create(simple_incident("25-000501"))
    window.refresh()
    wizard = window.open_record("incident", record.id)
    wizard.go_to_page(wizard.page_ids["victims"])
    age = field(wizard.currentPage(), "de_26")
    press_f1(qtbot, wizard, age)
    qtbot.waitUntil(lambda: getattr(window, "help_dialog", None) is not None, timeout=3000)
    dialog = window.help_dialog
    assert dialog.isVisible() and dialog.element.id == "26" and dialog.parentWidget() is wizard
    text = dialog.text.toPlainText()
    assert text.startswith("Data element 26: Age of Victim")
    assert store.dictionary.element("26").help in text  # the data dictionary's words
    assert "Age of Victim is used to indicate the age of an individual victim" in text  # the FBI definition
    assert "FBI edits that check it" in text and "404" in text  # the edits that read it
    dialog.close()


def test_f1_on_a_coded_field_lists_its_codes_and_on_the_list_opens_the_how_to_pages(qtbot, store, window):
    press_f1(qtbot, window, window.filters.offense)
    dialog = window.help_dialog
    text = dialog.text.toPlainText()
    assert text.startswith("Data element 6: UCR Offense Code")
    assert "09A\nMurder and nonnegligent manslaughter" in text and "13B\nSimple assault" in text
    dialog.close()
    store.create(simple_incident("25-000502"))
    window.refresh()
    window.focus_list()
    press_f1(qtbot, window, window.table)  # not a field: the how-to pages
    help_window = window.help_window
    assert help_window.isVisible() and help_window.list.currentItem().text() == "How to"
    help_window.close()


def test_how_to_pages_ship_as_local_html_and_are_searchable(qtbot, window):
    from desktop.ui import help as help_ui

    names = [name for name, _title in help_ui.pages()]
    assert names[0] == "index" and set(help_ui_tasks()) <= set(names)
    window.actions["search_help"].trigger()
    help_window = window.help_window
    assert help_window.query.hasFocus() or window.help_window.focusWidget() is help_window.query
    qtbot.keyClicks(help_window.query, "passphrase")
    titles = [help_window.list.item(i).text() for i in range(help_window.list.count())]
    assert titles[0] == "The first start" and "Move reports between a laptop and the office" in titles
    assert "page(s) mention" in help_window.found.text()
    assert "nobody can recover the" in help_window.page.toPlainText()
    assert help_window.page.textCursor().selectedText().lower() == "passphrase"  # the first mention, selected
    help_window.query.clear()
    qtbot.keyClicks(help_window.query, "zzzz nothing")
    assert help_window.list.count() == 0 and "No page mentions" in help_window.found.text()
    help_window.query.clear()
    help_window.open_page("monthly-export")
    assert help_window.list.currentItem().text() == "Send the month's file to the state"
    assert "Enter on one opens the report at its first error" in help_window.page.toPlainText()
    help_window.close()


def help_ui_tasks() -> list[str]:
    from desktop.commands.selftest import SelfTest

    return list(SelfTest.HELP_PAGES)


def test_every_fbi_element_has_its_definition(qtbot):
    from desktop.nibrs.dictionary import dictionary
    from desktop.ui.help import definitions, element_help_html

    d = dictionary()
    fbi = {e.number for e in d.elements.values() if e.number and not e.profile}
    defs = definitions()
    assert fbi - set(defs) <= {"3_report"} and len(defs) >= 55
    for number, entry in defs.items():
        assert entry["definition"].strip() and "...." not in entry["definition"], number
    html = element_help_html(d.element("13"), d)
    assert "Type Weapon/Force Involved is used to enter the type of weapon" in html and "11A" in html


def test_f1_works_in_a_modal_dialog_too(qtbot, store, window):
    from desktop.ui.admin.agency_dialog import AgencyDialog

    dialog = AgencyDialog(store, window, first_start=True)
    dialog.open()  # window-modal, as at first start: the window's own shortcuts are blocked
    press_f1(qtbot, dialog, dialog.ori)
    assert QApplication.activeModalWidget() is dialog
    help_dialog = window.help_dialog
    assert help_dialog.element.id == "1" and help_dialog.parentWidget() is dialog
    assert "ORI is a unique nine-character" in help_dialog.text.toPlainText()
    help_dialog.close()
    dialog.reject()
