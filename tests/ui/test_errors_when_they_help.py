"""Errors when they help: a new report opens clean, a field's findings show once it was left or its page
passed, Review groups them by page in field order, the page list counts them, grid cells show their own, and
Ctrl+R goes to Review from any page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget

from desktop.ui.wizard.fields import ElementField
from ui_helpers import child, field, type_into


def new_incident(qtbot, window):
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    wizard = window.wizards[-1]
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def shown_messages(page) -> list[str]:
    return [m.text() for m in page.findChildren(QLabel) if m.objectName().endswith("_message") and m.isVisible()
            and m.text()]


def page_counts(wizard) -> dict[str, str]:
    pages = wizard.page_list
    return {pages.item(i).data(Qt.UserRole): pages.item(i).text() for i in range(pages.count())}


def test_a_new_incident_opens_clean_and_a_field_shows_its_error_once_left(qtbot, window):
    wizard = new_incident(qtbot, window)
    page = wizard.currentPage()
    assert wizard.editor.error_count() >= 3  # the FBI edits know what is missing...
    assert shown_messages(page) == []  # ...but nothing is shown before a key is pressed
    assert all("(" not in text for text in page_counts(wizard).values())
    date = wizard.focusWidget()
    assert date is field(page, "de_3")
    qtbot.keyClick(date, Qt.Key_Tab)  # the cursor leaves the incident date empty
    assert "Error 101" in child(page, "de_3_message", QLabel).text()
    assert child(page, "de_3_message", QLabel).isVisible()
    assert not child(page, "de_3_hour_message", QLabel).isVisible()  # where the cursor is now: not yet
    assert page_counts(wizard)["administrative"] == "Administrative (1)"
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Return, Qt.ControlModifier)  # on to the offenses
    offenses = wizard.currentPage()
    assert offenses.spec.id == "offenses" and shown_messages(offenses) == []  # no 074 before a key is pressed
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Left, Qt.AltModifier)  # back: the page passed shows its findings
    assert wizard.currentPage().spec.id == "administrative"
    assert any("Error 101" in t for t in shown_messages(wizard.currentPage()))
    wizard.editor.dirty = False


def relationship_incident(qtbot, window):
    """Typed by words: a simple assault, one victim, one offender, and 'mutual' (victim was offender) in the
    grid - an error (470) for a fight with one victim and one offender."""
    wizard = new_incident(qtbot, window)
    page = wizard.currentPage()
    type_into(qtbot, field(page, "de_3"), "today")
    type_into(qtbot, field(page, "de_3_hour"), "22")
    type_into(qtbot, field(page, "de_4"), "not cleared")
    wizard.next()
    offense = child(wizard.currentPage(), "offense_1")
    for name, words in (("de_6", "simple assault"), ("de_7", "completed"), ("de_8", "none"), ("de_8A", "none"), ("de_9", "home"),
                        ("de_13", "hands")):
        type_into(qtbot, field(offense, name), words)
    wizard.next()
    victim = child(wizard.currentPage(), "victim_1")
    for name, words in (("de_25", "person"), ("de_26", "34"), ("de_27", "female"), ("de_28", "white"), ("de_29", "not hispanic"),
                        ("de_30", "resident"), ("de_33", "minor")):
        type_into(qtbot, field(victim, name), words)
    wizard.next()
    offender = child(wizard.currentPage(), "offender_1")
    for name, words in (("de_37", "36"), ("de_38", "male"), ("de_39", "white"), ("de_39A", "not hispanic")):
        type_into(qtbot, field(offender, name), words)
    cell = field(child(wizard.currentPage(), "cell_1_1"), "de_35")
    type_into(qtbot, cell, "mutual")
    return wizard


def test_a_grid_cell_shows_its_own_error_and_review_leads_back_to_it(qtbot, window):
    wizard = relationship_incident(qtbot, window)
    page = wizard.currentPage()
    cell = child(page, "cell_1_1")
    assert field(cell, "de_35").text() == "VO"
    assert child(cell, "de_35_message", QLabel).text() == "Error 470"  # in the cell: its FBI number
    grid_words = child(page, "relationship_grid_message", QLabel).text()
    assert grid_words.startswith("Victim 1 and offender 1: Error 470:") and "two victims" in grid_words
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_R, Qt.ControlModifier)  # Ctrl+R: Review from any page
    review = wizard.currentPage()
    assert review.spec.id == "review"
    findings = child(review, "findings", QListWidget)
    texts = [findings.item(i).text() for i in range(findings.count())]
    heading = next(t for t in texts if t.startswith("Offenders:"))
    assert heading == "Offenders: 1 error(s), 0 warning(s)"
    assert texts[texts.index(heading) + 1].startswith("Error 470")
    findings.setFocus()
    while "Error 470" not in findings.currentItem().text():
        qtbot.keyClick(findings, Qt.Key_Down)
    qtbot.keyClick(findings, Qt.Key_Return)
    assert wizard.currentPage().spec.id == "offenders"  # the grid, not the victims page
    target = wizard.focusWidget()
    assert isinstance(target, ElementField) and target.parentWidget().objectName() == "cell_1_1"
    type_into(qtbot, target, "boyfriend")
    assert not child(child(wizard.currentPage(), "cell_1_1"), "de_35_message", QLabel).isVisible()
    assert [f.error + " " + f.path for f in wizard.editor.all_findings() if f.severity == "error"] == []
    wizard.editor.dirty = False


def test_review_lists_findings_by_page_in_field_order_with_counts_in_the_page_list(qtbot, window):
    wizard = new_incident(qtbot, window)
    wizard.next()
    offense = child(wizard.currentPage(), "offense_1")
    type_into(qtbot, field(offense, "de_6"), "burglary")
    type_into(qtbot, field(offense, "de_9"), "43")  # not a location code
    for _ in range(6):
        qtbot.keyClick(wizard.focusWidget(), Qt.Key_R, Qt.ControlModifier)
    review = wizard.currentPage()
    assert review.spec.id == "review"
    findings = child(review, "findings", QListWidget)
    texts = [findings.item(i).text() for i in range(findings.count())]
    headings = [t for t in texts if not findings.item(texts.index(t)).flags() & Qt.ItemIsSelectable]
    order = [h.split(":")[0] for h in headings]
    assert order == sorted(order, key=["Administrative", "Offenses", "Property", "Victims", "Offenders",
                                       "Arrestees"].index)  # pages in wizard order
    offenses = texts[texts.index(next(h for h in headings if h.startswith("Offenses"))) + 1:]
    offenses = offenses[:next((i for i, t in enumerate(offenses) if t in headings), len(offenses))]
    places = [t.split("Where: ")[1] for t in offenses]
    fields = [p.split("(DE ")[1].rstrip(")") for p in places if "(DE " in p]
    form = [s.element.number for s in wizard.form.page("offenses").all_fields()]
    assert fields == sorted(fields, key=form.index)  # in the order of the page's fields
    counts = page_counts(wizard)
    for heading in headings:
        title, rest = heading.split(": ", 1)
        errors, warnings = (int(x.split(" ")[0]) for x in rest.split(", "))
        page_id = next(p.id for p in wizard.form.pages if p.title == title)
        assert counts[page_id] == f"{title} ({errors + warnings})"
    wizard.editor.dirty = False


def test_reopened_draft_shows_the_findings_of_the_pages_it_was_taken_past(qtbot, window, store):
    from nibrs_samples import simple_incident

    report = simple_incident("25-000009")
    report.victims[0].age = None
    record = store.create(report, wizard_page="offenders")
    window.refresh()
    wizard = window.open_record("incident", record.id)
    assert wizard.currentPage().spec.id == "offenders"
    assert "(1)" in page_counts(wizard)["victims"]
    wizard.back()
    assert "Error" in child(child(wizard.currentPage(), "victim_1"), "de_26_message", QLabel).text()
    wizard.editor.dirty = False



def test_a_finding_about_the_whole_report_leads_to_the_page_that_fixes_it(qtbot, window):
    wizard = new_incident(qtbot, window)
    page = wizard.currentPage()
    type_into(qtbot, field(page, "de_3"), "today")
    type_into(qtbot, field(page, "de_3_hour"), "22")
    wizard.next()
    type_into(qtbot, field(child(wizard.currentPage(), "offense_1"), "de_6"), "assault")
    wizard.next()
    assert wizard.currentPage().spec.id == "victims"
    no_offender = next(f for f in wizard.editor.findings if f.error == "075")  # "the incident has no offender"
    assert no_offender.path == ""
    assert wizard.page_of(no_offender.path, no_offender.element) == wizard.page_ids["offenders"]
    assert page_counts(wizard)["administrative"] == "Administrative"  # not the Administrative page's to fix
    assert wizard.jump_to(no_offender.path, no_offender.element) is not None
    assert wizard.currentPage().spec.id == "offenders"
    wizard.editor.dirty = False
