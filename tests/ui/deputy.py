"""A deputy at the keyboard: the six reports of issue 14 entered by keys alone, counting every key.

Each report starts in the office window (Ctrl+N or Ctrl+Shift+N) and ends with "Mark ready for review" (Alt+M)
on the Review page, which succeeds only when the FBI edits find no error. Codes are never typed: every code
field gets words ("assault", "home", "hands"); numbers (dates, ages, hours, values) are typed as they are.
The same scripts, with ``codes=True``, type the codes instead: the fewest keys a person who knows every code
would need, the floor the benchmark compares words with.

Used by tests/ui/test_deputy_keyboard.py, tests/bench/test_keystrokes.py and tests/ui/deputy_session.py (one
process, a real screen size, screenshots). Keys go to whatever has the focus, as they would for a person; the
helpers only look, never set a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.wizard.fields import ElementField

CTRL, SHIFT, ALT = Qt.ControlModifier, Qt.ShiftModifier, Qt.AltModifier


@dataclass
class Keyboard:
    """Keys typed into the window that has the focus; ``count`` is every key pressed (a chord is one)."""

    codes: bool = False  # type the codes instead of the words
    count: int = 0
    typed: list[tuple[str, str]] = field(default_factory=list)  # (field, what was typed) in code fields
    shot: Callable[[str], None] | None = None  # called with a name at moments worth a screenshot
    # Each entry typed this many times and erased with Backspace before it is typed for good (a deputy who
    # corrects themselves; the soak test types hundreds of keys per report this way).
    mistakes: int = 0

    def window(self) -> QWidget:
        QApplication.processEvents()
        w = QApplication.activeWindow()
        assert w is not None, "no window is active"
        return w

    def target(self) -> QWidget:
        w = self.window()
        return w.focusWidget() or w

    def key(self, key, mods=Qt.NoModifier) -> None:
        QTest.keyClick(self.target(), key, mods)
        self.count += 1
        QApplication.processEvents()

    def text(self, words: str, code: str | None = None) -> None:
        """Type into the field with the cursor: the words (or, with ``codes``, the code)."""
        target = self.target()
        typed = code if self.codes and code is not None else words
        if isinstance(target, ElementField) and target.is_code and not self.codes:
            codes = target.editor.d.code_lists[target.element.codes]
            assert typed.upper() not in codes, f"{typed!r} is a code of {target.accessibleName()}: type words"
            self.typed.append((target.accessibleName(), typed))
        for _ in range(self.mistakes):  # keys go to whatever has the focus (a cell erased is a row removed)
            for ch in typed:
                self.key_click(ch)
            for _ch in typed:
                self.key_click(Qt.Key_Backspace)
            target = self.target()
        QTest.keyClicks(target, typed)
        self.count += len(typed)
        QApplication.processEvents()

    def key_click(self, key) -> None:
        """One key (a character, or a key code) into the widget with the focus, then the events it caused."""
        target = self.target()
        if isinstance(key, str):
            QTest.keyClicks(target, key)
        else:
            QTest.keyClick(target, key)
        self.count += 1
        QApplication.processEvents()

    def fill(self, words: str, code: str | None = None) -> None:
        """Type, then Tab to the next field."""
        self.text(words, code)
        self.key(Qt.Key_Tab)

    def fills(self, *entries, last: str = "tab") -> None:
        """Several fields in a row: each entry is what to type (words, or (words, code)), or None to pass a field
        (or a button) by with Tab. ``last="text"``: no Tab after the last one."""
        for i, entry in enumerate(entries):
            final = i == len(entries) - 1 and last == "text"
            if entry is None:
                self.tab()
                continue
            words, code = (entry, None) if isinstance(entry, str) else entry
            (self.text if final else self.fill)(words, code)

    def new_incident(self, office, day: str, hour: str) -> object:
        """Ctrl+N, the incident's date and hour (the cursor starts in the date), on to the offenses."""
        self.key(Qt.Key_N, CTRL)
        wizard = self.wait_for_wizard(office)
        self.fills(day, hour, last="text")
        self.next_page()
        self.on("offenses")
        return wizard

    def offense(self, offense: tuple[str, str], location: tuple[str, str], *more, last: str = "text") -> None:
        """An offense as most are typed: the offense, completed, nothing suspected of being used, no bias, the
        location, then what this offense asks for besides (``more``, as for :meth:`fills`)."""
        self.fills(offense, ("comp", "C"), ("none", "N"), ("none", "88"), location, *more, last=last)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key_Tab)

    def next_page(self) -> None:
        self.key(Qt.Key_Return, CTRL)

    def on(self, page_id: str) -> None:
        """Only a look: the wizard shows that page."""
        QApplication.processEvents()
        wizard = self.window()
        assert wizard.currentPage().spec.id == page_id, (wizard.currentPage().spec.id, page_id)

    def snap(self, name: str) -> None:
        if self.shot is not None:
            self.shot(name)

    def wait_for_wizard(self, office) -> QWidget:
        """The window a shortcut opened (the window system makes a new window the active one)."""
        for _ in range(50):
            QApplication.processEvents()
            if office.wizards and QApplication.activeWindow() is office.wizards[-1]:
                break
            if office.wizards:
                office.wizards[-1].activateWindow()
            QTest.qWait(10)
        wizard = office.wizards[-1]
        assert QApplication.activeWindow() is wizard
        return wizard

    def mark_ready(self, wizard) -> None:
        """Alt+M on Review: marked ready for review only when no FBI error remains."""
        self.on("review")
        self.snap("review")
        self.key(Qt.Key_M, ALT)
        for _ in range(100):  # a button's Alt letter presses it visibly: a moment later
            if wizard.currentPage().ready_message.text():
                break
            QTest.qWait(10)
        message = wizard.currentPage().ready_message.text()
        assert "Marked ready for review" in message, (message, [f.error + " " + f.message
                                                               for f in wizard.editor.all_findings()])


# ------------------------------------------------------------------ the six reports
def simple_assault(kb: Keyboard, office) -> object:
    wizard = kb.new_incident(office, "today", "22")  # the date (the cursor starts there), the hour
    kb.offense(
        ("assault", "13B"), ("home", "20"),
        None,  # gang information: optional for a simple assault
        ("hands", "40"),
        last="text")
    kb.next_page()
    kb.on("victims")  # a person, connected to the assault: the cursor is on the age
    kb.fills(
        "34",
        ("woman", "F"),
        ("white", "W"),
        ("not", "N"),  # not Hispanic
        ("res", "R"),
        ("minor", "M"),
        last="text")
    kb.snap("victims")
    kb.next_page()
    kb.on("offenders")
    kb.fills(
        "36",
        ("man", "M"),
        ("white", "W"),
        ("not", "N"),
        None,  # past "Add offender" to the relationship grid
        ("boyfriend", "BG"),
        last="text")
    kb.snap("offenders")
    kb.next_page()
    kb.on("arrestees")
    kb.next_page()
    kb.mark_ready(wizard)
    return wizard


def burglary_with_recovery(kb: Keyboard, office) -> object:
    wizard = kb.new_incident(office, "yesterday", "3")  # the date (the cursor starts there), the hour
    kb.offense(
        ("burglary", "220"), ("farm", "46"),
        ("forced", "F"),  # method of entry, asked for a burglary
        None,  # past "Add offense"
        ("no", "N"),  # cargo theft
        last="text")
    kb.next_page()
    kb.on("property")
    kb.fill("stolen", "7")
    kb.key(Qt.Key_Space)  # "Add description"
    kb.fills(
        ("tools", "36"),
        "1200",
        None,  # past "Add description"
    )
    kb.key(Qt.Key_Space)  # "Add property": what was recovered
    kb.fill("recovered", "5")
    kb.key(Qt.Key_Space)
    kb.fills(
        ("tools", "36"),
        "1200",
        "today",  # date recovered
        last="text")
    kb.snap("property")
    kb.next_page()
    kb.on("victims")  # the owner: a person, connected to the burglary
    kb.fills(
        ("person", "I"),
        "54",
        ("man", "M"),
        ("white", "W"),
        ("not", "N"),
        ("res", "R"),
        last="text")
    kb.next_page()
    kb.on("offenders")
    kb.fills(
        "25",
        ("man", "M"),
        ("white", "W"),
        ("unknown", "U"),
        last="text")
    kb.next_page()
    kb.next_page()
    kb.mark_ready(wizard)
    return wizard


def homicide_two_victims(kb: Keyboard, office) -> object:
    wizard = kb.new_incident(office, "today", "1")  # the date (the cursor starts there), the hour
    kb.offense(
        ("murder", "09A"), ("home", "20"),
        ("none", "N"),  # gang information: none
        ("handgun", "12"),
        last="text")
    kb.next_page()
    kb.on("victims")
    for age, sex in (("40", "man"), ("38", "woman")):
        kb.fill(age)
        kb.fill(sex, sex[0].upper())
        kb.fill("white", "W")
        kb.fill("not", "N")
        kb.fill("res", "R")
        kb.fill("argument", "01")  # circumstances, asked for a homicide
        kb.tab()  # past "Add relationship": the grid on the offenders page has them
        if age == "40":
            kb.key(Qt.Key_Space)  # "Add victim": the second, connected to the murder too
    kb.snap("victims")
    kb.key(Qt.Key_Return, CTRL)
    kb.on("offenders")
    for age, race in (("35", ("white", "W")), ("30", ("black", "B"))):
        kb.fill(age)
        kb.fill("man", "M")
        kb.fill(*race)
        kb.fill("not", "N")
        if age == "35":
            kb.key(Qt.Key_Space)  # "Add offender"
    kb.tab()  # past "Add offender": the grid, victim by victim
    for words, code in (("friend", "FR"), ("stranger", "ST"), ("neighbor", "NE"), ("stranger", "ST")):
        kb.fill(words, code)
    kb.snap("offenders")
    kb.next_page()
    kb.next_page()
    kb.mark_ready(wizard)
    return wizard


def robbery_two_offenders(kb: Keyboard, office) -> object:
    wizard = kb.new_incident(office, "today", "23")  # the date (the cursor starts there), the hour
    kb.offense(
        ("robbery", "120"), ("parking lot", "18"),
        ("none", "N"),
        ("knife", "20"),
        None,  # past "Add offense"
        ("no", "N"),  # cargo theft
        last="text")
    kb.next_page()
    kb.on("property")
    kb.fill("stolen", "7")
    kb.key(Qt.Key_Space)
    kb.fill("cash", "20")
    kb.text("300")
    kb.next_page()
    kb.on("victims")
    kb.fills(
        ("person", "I"),
        "61",
        ("woman", "F"),
        ("white", "W"),
        ("not", "N"),
        ("res", "R"),
        ("none", "N"),  # injury
        last="text")
    kb.next_page()
    kb.on("offenders")
    for age, race in (("20", ("black", "B")), ("22", ("white", "W"))):
        kb.fill(age)
        kb.fill("man", "M")
        kb.fill(*race)
        kb.fill("not", "N")
        if age == "20":
            kb.key(Qt.Key_Space)
    kb.fills(
        None,
        ("stranger", "ST"),
        ("stranger", "ST"),
        last="text")
    kb.next_page()
    kb.next_page()
    kb.mark_ready(wizard)
    return wizard


def drug_seizure_and_arrest(kb: Keyboard, office) -> object:
    wizard = kb.new_incident(office, "today", "16")  # the date (the cursor starts there), the hour
    kb.offense(
        ("drugs", "35A"), ("highway", "13"),
        ("possession", "P"),  # criminal activity, asked for a drug offense
        last="text")
    kb.next_page()
    kb.on("property")
    kb.fill("seized", "6")
    kb.key(Qt.Key_Space)  # "Add description"
    kb.fill("drugs", "10")
    kb.tab(2)  # no value for the drugs themselves; past "Add description"
    kb.key(Qt.Key_Space)  # "Add drug"
    kb.fills(
        ("meth", "L"),
        "3.5",
        ("grams", "GM"),
        last="text")
    kb.snap("property")
    kb.next_page()
    kb.on("victims")  # society is the victim: NIBRS Desk added it
    kb.next_page()
    kb.on("offenders")
    kb.fills(
        "28",
        ("man", "M"),
        ("white", "W"),
        ("not", "N"),
        last="text")
    kb.key(Qt.Key_C, CTRL | SHIFT)  # the offender, arrested: an arrestee of them
    kb.on("arrestees")
    kb.fill("today")  # arrest date: the cursor is there
    kb.fill("on view", "O")
    kb.tab(2)  # multiple arrestee (no) and arrest offense (the drugs) are filled in
    kb.text("unarmed", "01")
    kb.key(Qt.Key_U, ALT)  # Alt+U: resident stat&us
    kb.text("res", "R")
    kb.snap("arrestees")
    kb.next_page()
    kb.mark_ready(wizard)
    return wizard


def dui_group_b(kb: Keyboard, office) -> object:
    kb.key(Qt.Key_N, CTRL | SHIFT)
    wizard = kb.wait_for_wizard(office)
    kb.fills(
        "today",  # arrest date: the first empty field
        ("on view", "O"),
        ("dui", "90D"),
        ("unarmed", "01"),
        "31",
        ("man", "M"),
        ("white", "W"),
        ("not", "N"),
        ("res", "R"),
        last="text")
    kb.snap("group_b")
    kb.key(Qt.Key_R, CTRL)  # to Review
    kb.mark_ready(wizard)
    return wizard


REPORTS: dict[str, Callable[[Keyboard, object], object]] = {
    "simple assault": simple_assault,
    "burglary with recovery": burglary_with_recovery,
    "homicide, two victims and two offenders": homicide_two_victims,
    "robbery by two offenders": robbery_two_offenders,
    "drug seizure and an arrest": drug_seizure_and_arrest,
    "DUI Group B arrest": dui_group_b,
}


def enter(name: str, office, *, codes: bool = False, shot=None, mistakes: int = 0) -> tuple[int, object]:
    """Enter one report from the office window by keys alone; (keys pressed, its stored record). ``mistakes``: each
    entry is first typed and erased that many times."""
    office.activateWindow()
    for _ in range(50):
        if QApplication.activeWindow() is office:
            break
        QTest.qWait(10)
    kb = Keyboard(codes=codes, shot=shot, mistakes=mistakes)
    wizard = REPORTS[name](kb, office)
    record = office.store.get(wizard.editor.kind, wizard.editor.record_id)
    wizard.close()
    QApplication.processEvents()
    return kb.count, record
