"""A deputy makes mistakes: the wizard names them beside the field (FBI number, words, fix), the Review
page lists them and jumps to the field, and "ready for review" is refused until they are fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget

from nibrs_samples import simple_incident
from ui_helpers import child, click, field, fill, into_view, type_into


def message(container, name: str) -> str:
    label = child(container, f"{name}_message", QLabel)
    return label.text() if label.isVisible() else ""


def go_next(qtbot, wizard, expected: str) -> None:
    click(qtbot, child(wizard, "wizard_next"))
    assert wizard.currentPage().spec.id == expected


def findings_list(wizard) -> QListWidget:
    return child(wizard.currentPage(), "findings", QListWidget)


def choose_finding(qtbot, wizard, contains: str) -> None:
    """Pick the finding in the Review list with the keyboard: arrow down to it, then Enter."""
    lst = findings_list(wizard)
    rows = [i for i in range(lst.count()) if contains in lst.item(i).text()]
    assert rows, f"no finding with {contains!r} in {[lst.item(i).text() for i in range(lst.count())]}"
    into_view(lst)
    qtbot.mouseClick(lst.viewport(), Qt.LeftButton, pos=lst.visualItemRect(lst.item(0)).center())
    for _ in range(rows[0]):
        qtbot.keyClick(lst, Qt.Key_Down)
    assert lst.currentRow() == rows[0]
    qtbot.keyClick(lst, Qt.Key_Return)


def test_mistakes_are_named_beside_the_field_and_block_ready_for_review(qtbot, window, store):
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    page = wizard.currentPage()
    fill(qtbot, page, {"de_2": "25-000001", "de_3": "03/14/2025", "de_3_hour": "22", "de_4": "A"})
    # Error 156 (cleared exceptionally, no date) appears beside the clearance date once the cursor left it
    assert message(page, "de_5") == ""
    type_into(qtbot, field(page, "de_5"), "")
    text = message(page, "de_5")
    assert "Error 156" in text and "no exceptional clearance date" in text
    assert "To fix: Enter the date the case was cleared exceptionally" in text
    type_into(qtbot, field(page, "de_5"), "03/01/2025")  # before the incident: 155
    text = message(page, "de_5")
    assert "Error 155" in text and "earlier than the incident date" in text and "Error 156" not in text
    assert "To fix: Check both dates" in text

    go_next(qtbot, wizard, "offenses")
    offense = child(wizard.currentPage(), "offense_1")
    fill(qtbot, offense, {"de_6": "simple", "de_7": "C", "de_8": "A", "de_8A": "88", "de_9": "43", "de_13": "40"})
    assert field(offense, "de_6").text() == "13B"  # a unique word picks its code
    assert "13B Simple assault" in child(offense, "de_6_meaning", QLabel).text()
    text = message(offense, "de_9")
    assert "Error 204" in text and "'43' is not one of its codes" in text and "To fix: Choose one of the codes" in text

    go_next(qtbot, wizard, "victims")
    victim = child(wizard.currentPage(), "victim_1")
    assert field(victim, "de_24").text() == "13B"
    fill(qtbot, victim, {"de_25": "I", "de_26": "3O", "de_27": "F", "de_28": "W", "de_29": "N", "de_30": "R",
                         "de_33": "M"})
    text = message(victim, "de_26")
    assert text.startswith("Error:") and "'3O' is not an age" in text and "To fix: Type a number (25)" in text
    click(qtbot, child(victim, "add_relationship"))
    fill(qtbot, child(child(wizard.currentPage(), "victim_1"), "relationship_1"), {"de_34": "1", "de_35": "BG"})

    go_next(qtbot, wizard, "offenders")
    fill(qtbot, child(wizard.currentPage(), "offender_1"), {"de_37": "36", "de_38": "M", "de_39": "W",
                                                             "de_39A": "N"})
    go_next(qtbot, wizard, "arrestees")
    go_next(qtbot, wizard, "review")

    review = wizard.currentPage()
    texts = [findings_list(wizard).item(i).text() for i in range(findings_list(wizard).count())]
    assert any("Error 155" in t and "Where: Exceptional Clearance Date (DE 5)" in t for t in texts)
    assert any("Error 204" in t and "Offense 1 › Location Type (DE 9)" in t for t in texts)
    assert any("'3O' is not an age" in t and "Victim 1 › Age of Victim (DE 26)" in t for t in texts)

    # not ready while errors remain
    click(qtbot, child(review, "mark_ready"))
    assert "Not marked ready" in child(review, "ready_message", QLabel).text()
    record = store.find("incident", "WVNDX0100", "25-000001")
    assert record.status == "draft" and record.error_count >= 3

    # each finding leads to its field; fix it there
    choose_finding(qtbot, wizard, "Error 204")
    assert wizard.currentPage().spec.id == "offenses"
    location = field(child(wizard.currentPage(), "offense_1"), "de_9")
    assert wizard.focusWidget() is location
    qtbot.keyClick(location, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(location, "residence")
    qtbot.keyClick(location, Qt.Key_Tab)
    assert location.text() == "20" and message(child(wizard.currentPage(), "offense_1"), "de_9") == ""

    while wizard.currentPage().spec.id != "review":
        click(qtbot, child(wizard, "wizard_next"))
    choose_finding(qtbot, wizard, "'3O' is not an age")
    age = field(child(wizard.currentPage(), "victim_1"), "de_26")
    assert wizard.currentPage().spec.id == "victims" and wizard.focusWidget() is age
    qtbot.keyClick(age, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(age, "34")
    qtbot.keyClick(age, Qt.Key_Tab)

    while wizard.currentPage().spec.id != "review":
        click(qtbot, child(wizard, "wizard_next"))
    choose_finding(qtbot, wizard, "Error 155")
    page = wizard.currentPage()
    assert page.spec.id == "administrative" and wizard.focusWidget() is field(page, "de_5")
    type_into(qtbot, field(page, "de_4"), "not cleared")
    assert field(page, "de_4").text() == "N"
    assert "Error 153" in message(page, "de_5")  # a date without exceptional clearance
    type_into(qtbot, field(page, "de_5"), "")
    assert message(page, "de_5") == ""

    while wizard.currentPage().spec.id != "review":
        click(qtbot, child(wizard, "wizard_next"))
    review = wizard.currentPage()
    assert findings_list(wizard).count() == 0 and child(review, "no_findings", QLabel).isVisible()
    click(qtbot, child(review, "mark_ready"))
    assert "Marked ready for review" in child(review, "ready_message", QLabel).text()
    record = store.find("incident", "WVNDX0100", "25-000001")
    assert record.status == "ready" and record.error_count == 0
    assert record.report == simple_incident("25-000001")

    # the office list shows it
    click(qtbot, child(wizard, "wizard_finish"))
    row = window.model.row_of("incident", record.id)
    assert row is not None
    assert window.model.index(row, 4).data() == "Ready for review"


def test_codes_never_offered_here_are_named_with_the_reason(qtbot, window):
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    fill(qtbot, wizard.currentPage(), {"de_2": "25-000002", "de_3": "03/14/2025", "de_4": "N"})
    go_next(qtbot, wizard, "offenses")
    offense = child(wizard.currentPage(), "offense_1")
    fill(qtbot, offense, {"de_6": "101", "de_9": "22"})
    assert message(offense, "de_6").startswith("Error: 101 Treason is only for federal and tribal agencies. To fix:")
    assert message(offense, "de_9").startswith("Error: 22 School/College is no longer used: Replaced by 52")
    wizard.editor.dirty = False
    wizard.close()
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_group_b"]))
    arrest = window.wizards[-1]
    fill(qtbot, arrest.currentPage(), {"de_45": "90I"})
    assert message(arrest.currentPage(), "de_45").startswith("Error: 90I Runaway was retired (2017-01-15).")
    arrest.editor.dirty = False
    arrest.close()
